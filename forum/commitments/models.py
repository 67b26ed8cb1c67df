"""Action-plan commitments (OGP template), their immutable versions and milestones,
the co-chairs' two-key sign-off, and influence links from inputs to versions."""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, declared_attr, mapped_column, relationship

from ..core.models import CreatedAt
from ..extensions import Model


class How(StrEnum):
    """How an input shaped a version; NOT_TAKEN_UP records, with reasons, what was left out."""

    ADOPTED = "adopted"
    ADAPTED = "adapted"
    MERGED = "merged"
    INFORMED = "informed"
    NOT_TAKEN_UP = "not_taken_up"


class SourceType(StrEnum):
    PROPOSAL = "proposal"
    COMMENT = "comment"
    COMMITMENT = "commitment"
    CONSULTATION_COMMENT = "consultation_comment"
    MOTION = "motion"


class Commitment(CreatedAt, Model):
    """The stable identity of a commitment; what it says lives in its versions."""

    __tablename__ = "commitments"
    __trail_type__ = "commitment"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id"), index=True)
    latest: Mapped[int] = mapped_column(default=1, doc="number of the newest version")
    adopted: Mapped[int | None] = mapped_column(doc="number of the version in force, once both keys turned")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    forum = relationship("Forum")
    # Read-only, oldest first: lets areas below commitments (a consultation on the newest
    # version) reach a version without importing this area.
    versions: Mapped[list["CommitmentVersion"]] = relationship(order_by="CommitmentVersion.number", viewonly=True)


class CommitmentVersion(CreatedAt, Model):
    """One save of the OGP commitment template. Never changed: an edit is a new version."""

    __tablename__ = "commitment_versions"
    __trail_type__ = "commitment_version"
    __table_args__ = (UniqueConstraint("commitment_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    problem: Mapped[str] = mapped_column(Text)
    status_quo: Mapped[str] = mapped_column(Text)
    description: Mapped[str] = mapped_column(Text)
    contribution: Mapped[str] = mapped_column(Text, doc="how it helps solve the problem")
    ogp_relevance: Mapped[str] = mapped_column(Text)
    values: Mapped[str] = mapped_column(String(100), doc="comma-separated OGP values")
    lead_agency_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    supporting: Mapped[str] = mapped_column(String(500), default="", doc="comma-separated organisation ids")
    start_date: Mapped[date]
    end_date: Mapped[date]
    change_note: Mapped[str] = mapped_column(Text)
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    lead_agency = relationship("Organisation")
    author = relationship("User")
    milestones: Mapped[list["Milestone"]] = relationship(order_by="Milestone.position")

    @property
    def supporting_ids(self) -> list[int]:
        return [int(x) for x in self.supporting.split(",") if x]


class Milestone(Model):
    """A milestone as written in one version (progress is tracked against adopted ones)."""

    __tablename__ = "milestones"
    __table_args__ = (UniqueConstraint("version_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("commitment_versions.id"), index=True)
    position: Mapped[int]
    description: Mapped[str] = mapped_column(Text)
    responsible_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    start_date: Mapped[date]
    end_date: Mapped[date] = mapped_column(doc="the target's due date")
    # What makes it verifiable (issue 27). Nullable: milestones drafted before the check have
    # none, and stay valid, shown as not checked (verifiability.RULES says why).
    indicator: Mapped[str | None] = mapped_column(Text)
    baseline_value: Mapped[str | None] = mapped_column(Text)
    baseline_date: Mapped[date | None]
    baseline_source: Mapped[str | None] = mapped_column(Text)
    target: Mapped[str | None] = mapped_column(Text)
    unit: Mapped[str | None] = mapped_column(Text, doc="the unit inside the responsible organisation")
    verification: Mapped[str | None] = mapped_column(Text, doc="the document or data that will prove it")
    check_rules: Mapped[int | None] = mapped_column(doc="verifiability rules it was drafted under; None: before")

    responsible = relationship("Organisation")


class _SideKey(CreatedAt):
    """One co-chair's key on one version, for their side: one per side, so turning it twice
    is impossible."""

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("commitment_versions.id"), index=True)
    side: Mapped[str] = mapped_column(String(12), doc="state_chair or civil_chair")
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))

    @declared_attr
    def user(cls):
        return relationship("User")

    @declared_attr
    def organisation(cls):
        return relationship("Organisation")


class SignOff(_SideKey, Model):
    """One co-chair's decision on one version."""

    __tablename__ = "signoffs"
    __table_args__ = (UniqueConstraint("version_id", "side"),)

    signed: Mapped[bool] = mapped_column(doc="False: refused")
    reason: Mapped[str | None] = mapped_column(Text, doc="required when refused")


class CheckOverride(_SideKey, Model):
    """One co-chair's key on signing a version whose milestones fail the verifiability check,
    with a public reason. Both sides must turn it, as with sign-off."""

    __tablename__ = "check_overrides"
    __table_args__ = (UniqueConstraint("version_id", "side"),)

    reason: Mapped[str] = mapped_column(Text)


class InfluenceLink(CreatedAt, Model):
    """Which input shaped which version, how and why. Never edited: a change is a new link
    that supersedes the old one, and both stay visible."""

    __tablename__ = "influence_links"
    __trail_type__ = "influence_link"
    __table_args__ = (Index("ix_influence_links_source", "source_type", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("commitment_versions.id"), index=True)
    source_type: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[int]
    how: Mapped[str] = mapped_column(String(20))
    explanation: Mapped[str] = mapped_column(Text)
    supersedes_id: Mapped[int | None] = mapped_column(ForeignKey("influence_links.id"), unique=True)
    change_reason: Mapped[str | None] = mapped_column(Text, doc="why the superseded link changed")
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))

    author = relationship("User")
    organisation = relationship("Organisation")


class LinkRetraction(CreatedAt, Model):
    """A co-chair withdrew a link, with a public reason. The link itself is never touched:
    it stays on the page, marked retracted with who, when and why, and stops counting."""

    __tablename__ = "link_retractions"

    id: Mapped[int] = mapped_column(primary_key=True)
    link_id: Mapped[int] = mapped_column(ForeignKey("influence_links.id"), unique=True)
    reason: Mapped[str] = mapped_column(Text)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))

    user = relationship("User")
    organisation = relationship("Organisation")


class Potential(StrEnum):
    """The IRM's potential for results: NO on its first scale (scale 1), UNCLEAR on the
    current one (irm_scales)."""

    NO = "no"
    UNCLEAR = "unclear"
    MODEST = "modest"
    SUBSTANTIAL = "substantial"


class OpenedGovernment(StrEnum):
    """The IRM's end-of-term question: did it open government?"""

    WORSENED = "worsened"  # the current scale only
    DID_NOT_CHANGE = "did_not_change"
    MARGINAL = "marginal"
    MAJOR = "major"
    OUTSTANDING = "outstanding"


class Assessor(StrEnum):
    REVIEWER = "reviewer"  # an independent reviewer a platform admin appointed for the cycle
    CO_CHAIRS = "co_chairs"  # one co-chair records it, the other side's co-chair confirms it


class Assessment(CreatedAt, Model):
    """One reasoned assessment of an adopted commitment with the fields the OGP's
    Independent Reporting Mechanism reports. Never changed: a new view is a new number."""

    __tablename__ = "assessments"
    __trail_type__ = "assessment"
    __table_args__ = (UniqueConstraint("commitment_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    number: Mapped[int]
    version_number: Mapped[int] = mapped_column(doc="the commitment version assessed (the adopted one)")
    relevance: Mapped[str] = mapped_column(String(100), doc="comma-separated OGP values; empty: not relevant")
    verifiable: Mapped[bool]
    potential: Mapped[str] = mapped_column(String(12))
    completion: Mapped[str | None] = mapped_column(String(12), doc="None until implementation is assessed")
    opened_government: Mapped[str | None] = mapped_column(String(16), doc="None until the end of the term")
    reason: Mapped[str] = mapped_column(Text)
    assessor: Mapped[str] = mapped_column(String(10))
    side: Mapped[str | None] = mapped_column(String(12), doc="the recording co-chair's side")
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    # The IRM's scale the fields were given on (irm_scales): rows made before it existed
    # are scale 1, and keep its words.
    scale: Mapped[int] = mapped_column(default=2, server_default="1")
    ogp_lens: Mapped[bool | None] = mapped_column(doc="scale 2: seen through an open-government lens; None on 1")
    promising: Mapped[bool | None] = mapped_column(doc="scale 2: a promising commitment; None on scale 1")
    cluster_id: Mapped[int | None] = mapped_column(ForeignKey("commitment_clusters.id"), index=True,
                                                   doc="assessed together with its cluster's other commitments")

    author = relationship("User")
    organisation = relationship("Organisation")
    cluster = relationship("Cluster")

    @property
    def values(self) -> list[str]:
        return [v for v in self.relevance.split(",") if v]


class AssessmentConfirmation(CreatedAt, Model):
    """The other co-chair's key on a co-chairs' assessment: only then is it in force."""

    __tablename__ = "assessment_confirmations"

    id: Mapped[int] = mapped_column(primary_key=True)
    assessment_id: Mapped[int] = mapped_column(ForeignKey("assessments.id"), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))

    user = relationship("User")
    organisation = relationship("Organisation")


class Reviewer(CreatedAt, Model):
    """An independent reviewer a platform admin appointed to assess one cycle's commitments."""

    __tablename__ = "reviewers"
    __trail_type__ = "reviewer"
    __table_args__ = (UniqueConstraint("user_id", "cycle"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    cycle: Mapped[str] = mapped_column(String(9), index=True)
    reason: Mapped[str] = mapped_column(Text)
    appointed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    user = relationship("User", foreign_keys=[user_id])


@event.listens_for(CommitmentVersion, "before_update")
@event.listens_for(Milestone, "before_update")
@event.listens_for(SignOff, "before_update")
@event.listens_for(CheckOverride, "before_update")
@event.listens_for(InfluenceLink, "before_update")
@event.listens_for(Assessment, "before_update")
@event.listens_for(AssessmentConfirmation, "before_update")
def _immutable(_mapper, _connection, target):
    """What was signed or linked must stay exactly as it was."""
    raise RuntimeError(f"{type(target).__name__} {target.id} cannot be changed; record a new one")


class Level(StrEnum):
    """OGP's completion scale for a milestone, plus withdrawn."""

    NOT_STARTED = "not_started"
    LIMITED = "limited"
    SUBSTANTIAL = "substantial"
    COMPLETE = "complete"
    WITHDRAWN = "withdrawn"


class ProgressUpdate(CreatedAt, Model):
    """A report on an adopted milestone. The latest one per milestone is its level; all are kept."""

    __tablename__ = "progress_updates"
    __table_args__ = (Index("ix_progress_updates_milestone", "milestone_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    milestone_id: Mapped[int] = mapped_column(ForeignKey("milestones.id"))
    level: Mapped[str] = mapped_column(String(12))
    note: Mapped[str] = mapped_column(Text)
    evidence: Mapped[str] = mapped_column(Text, default="", doc="one URL per line")
    # Issue 27: a link is evidence only with the date someone checked it; a document is
    # evidence by its content hash (uploads). Nullable: reports made before the rule.
    evidence_checked_on: Mapped[date | None]
    evidence_sha256: Mapped[str | None] = mapped_column(String(64))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))

    author = relationship("User")
    organisation = relationship("Organisation")


event.listen(ProgressUpdate, "before_update", _immutable)


class PlanImport(Model):
    """A published action plan imported as draft commitments: the file's SHA-256 makes a
    second import of the same file into the same forum a no-op, and names the source on the trail."""

    __tablename__ = "plan_imports"
    __trail_type__ = "plan_import"
    __table_args__ = (UniqueConstraint("forum_id", "sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id"))
    sha256: Mapped[str] = mapped_column(String(64))
    filename: Mapped[str] = mapped_column(String(200))
    commitments: Mapped[int] = mapped_column(doc="how many were created")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime]


event.listen(PlanImport, "before_update", _immutable)


from . import absorbed_models as _absorbed_models  # noqa: E402,F401  (issue 28: its tables, with the others)
from .cluster_models import Cluster, ClusterMember  # noqa: E402,F401  (one import registers every commitments table)
