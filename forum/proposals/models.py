"""Proposals, their versions, endorsements, discussion and reasoned responses."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.models import CreatedAt
from ..extensions import Model


class OgpValue(StrEnum):
    TRANSPARENCY = "transparency"
    PARTICIPATION = "participation"
    ACCOUNTABILITY = "accountability"
    TECHNOLOGY = "technology"


class Outcome(StrEnum):
    """The official answer a co-chair gives. NEEDS_INFO keeps the proposal in play."""

    ACCEPTED = "accepted"
    PARTIAL = "partially_accepted"
    MERGED = "merged"
    NEEDS_INFO = "needs_info"
    REJECTED = "rejected"


class Status(StrEnum):
    """A proposal's status: awaiting or withdrawn, or the outcome of its latest response."""

    AWAITING = "awaiting"
    WITHDRAWN = "withdrawn"
    ACCEPTED = Outcome.ACCEPTED.value
    PARTIAL = Outcome.PARTIAL.value
    MERGED = Outcome.MERGED.value
    NEEDS_INFO = Outcome.NEEDS_INFO.value
    REJECTED = Outcome.REJECTED.value


#: Still owed its answer. "Needs more information" is a response, not an answer: the
#: clock keeps running until the forum accepts, merges or rejects the proposal.
WAITING = (Status.AWAITING, Status.NEEDS_INFO)


class Proposal(Model):
    """An input to a forum. The current text is copied from the latest version so lists
    and search read one row; every version stays in proposal_versions."""

    __tablename__ = "proposals"
    __trail_type__ = "proposal"
    __table_args__ = (
        Index("ix_proposals_forum_submitted", "forum_id", "submitted_at"),
        Index("ix_proposals_forum_status", "forum_id", "status"),
        Index("ix_proposals_forum_endorsements", "forum_id", "endorsement_count"),
        Index("ix_proposals_forum_response_time", "forum_id", "response_seconds"),
        # Covers the dashboards' counts: they read this index, never the rows.
        Index("ix_proposals_forum_figures", "forum_id", "group", "status", "first_response_at"),
        # The API walks a forum's proposals in id order (cursor pages): no sort of the forum's rows.
        Index("ix_proposals_forum_id", "forum_id", "id"),
        # The ledger's counts (waiting, overdue, on time, late) read from the index alone.
        Index("ix_proposals_forum_ledger", "forum_id", "status", "submitted_at", "response_seconds"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id"))
    submitter_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    group: Mapped[str] = mapped_column(String(20), index=True,
                                       doc="stakeholder group of the organisation when submitted")
    status: Mapped[str] = mapped_column(String(20), default=Status.AWAITING, index=True)
    title: Mapped[str] = mapped_column(String(200))
    problem: Mapped[str] = mapped_column(Text)
    proposal: Mapped[str] = mapped_column(Text)
    expected_result: Mapped[str] = mapped_column(Text)
    links: Mapped[str] = mapped_column(Text, default="", doc="one URL per line")
    version: Mapped[int] = mapped_column(default=1)
    submitted_at: Mapped[datetime] = mapped_column(index=True)
    first_response_at: Mapped[datetime | None] = mapped_column(doc="the first answer ('needs information' is none)")
    response_seconds: Mapped[int | None] = mapped_column(doc="submission to the first answer, for the median")
    withdrawn_at: Mapped[datetime | None]
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"), index=True)
    endorsement_count: Mapped[int] = mapped_column(default=0, index=True,
                                                   doc="kept exact by atomic updates")
    hidden_reason: Mapped[str | None] = mapped_column(Text, doc="set: hidden by the co-chairs")
    hidden_at: Mapped[datetime | None]
    region: Mapped[str | None] = mapped_column(String(4), doc="INEI ubigeo code; its organisation's by default")
    channel: Mapped[str] = mapped_column(String(10), default="online", server_default="online")

    forum = relationship("Forum")
    submitter = relationship("User", foreign_keys=[submitter_id])
    organisation = relationship("Organisation")
    merged_into = relationship("Proposal", remote_side=[id])
    values: Mapped[list["ProposalValue"]] = relationship(cascade="all, delete-orphan",
                                                         order_by="ProposalValue.value")

    @property
    def value_list(self) -> list[str]:
        return [v.value for v in self.values]

    @property
    def answered(self) -> bool:
        return self.first_response_at is not None


class ProposalValue(Model):
    """The OGP values a proposal serves, one row each so lists can filter by index."""

    __tablename__ = "proposal_values"

    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), primary_key=True)
    value: Mapped[str] = mapped_column(String(20), primary_key=True, index=True)


class ProposalVersion(CreatedAt, Model):
    """What the proposal said at each save; never changed."""

    __tablename__ = "proposal_versions"
    __table_args__ = (UniqueConstraint("proposal_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"))
    number: Mapped[int]
    title: Mapped[str] = mapped_column(String(200))
    problem: Mapped[str] = mapped_column(Text)
    proposal: Mapped[str] = mapped_column(Text)
    expected_result: Mapped[str] = mapped_column(Text)
    values: Mapped[str] = mapped_column(String(100), doc="comma-separated OGP values")
    links: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class Endorsement(CreatedAt, Model):
    """At most one per person and proposal — the database says so, not only the code."""

    __tablename__ = "endorsements"
    __table_args__ = (UniqueConstraint("proposal_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    notify: Mapped[bool] = mapped_column(default=False, doc="opted in to hear what happens")


class Comment(CreatedAt, Model):
    """Discussion under a proposal: top-level comments and one level of replies."""

    __tablename__ = "comments"
    __trail_type__ = "comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("comments.id"))
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    body: Mapped[str] = mapped_column(Text, doc="Markdown")
    hidden_reason: Mapped[str | None] = mapped_column(Text)
    hidden_at: Mapped[datetime | None]

    author = relationship("User")
    organisation = relationship("Organisation")


class Response(CreatedAt, Model):
    """One revision of the official, reasoned response; the latest is in force."""

    __tablename__ = "responses"
    __trail_type__ = "response"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    revision: Mapped[int]
    outcome: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"))
    responder_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))

    responder = relationship("User")
    organisation = relationship("Organisation")
    merged_into = relationship("Proposal", foreign_keys=[merged_into_id])
