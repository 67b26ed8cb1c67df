"""What became of the contributions the plan may have absorbed without credit, per forum or
per commitment: the detector's suggestions (pending, linked, dismissed) and the claims
(pending, confirmed, rejected), counted and listed apart — a confirmed link is credit given,
a pending claim is a question still open, a dismissed suggestion is an answer with a reason.
A fixed number of queries whatever their number: suggestions, claims, and one per kind of input."""
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select

from ..consultations import public as consultations_public
from ..consultations.models import Consultation, ConsultationComment
from ..core.clock import utcnow
from ..extensions import db
from ..organisations.models import Organisation
from ..proposals import public as moderated
from ..proposals.models import Comment, Proposal
from . import inputs
from .absorbed_models import Claim, State, Suggestion
from .models import CommitmentVersion, SourceType

Key = tuple[str, int]  # an input: (kind, id)

STATES = (State.PENDING, State.LINKED, State.DISMISSED)


@dataclass(frozen=True)
class Row:
    item: Any  # a Suggestion or a Claim
    version: int  # its version's number
    title: str  # its version's title
    source: str = ""  # what the input is called
    href: str | None = None
    organisation: str = ""  # a claim's claimant


@dataclass
class Absorbed:
    suggestions: dict[str, list[Row]] = field(default_factory=lambda: {s: [] for s in STATES})
    claims: dict[str, list[Row]] = field(default_factory=lambda: {s: [] for s in STATES})

    def counts(self) -> dict[str, dict[str, int]]:
        """{"suggestions": {"pending": n, "linked": n, "dismissed": n}, "claims": {...}}"""
        return {"suggestions": {s: len(rows) for s, rows in self.suggestions.items()},
                "claims": {s: len(rows) for s, rows in self.claims.items()}}


def absorbed(forum_id: int, commitment_id: int | None = None, *, labelled: bool = True) -> Absorbed:
    """`labelled=False` leaves out the inputs' names and pages (the archive has no request)."""
    out = Absorbed()
    where_s = [Suggestion.forum_id == forum_id]
    where_c = [Claim.forum_id == forum_id]
    if commitment_id is not None:
        where_s.append(Suggestion.commitment_id == commitment_id)
        where_c.append(Claim.commitment_id == commitment_id)
    suggestions = list(db.session.execute(
        select(Suggestion, CommitmentVersion.number, CommitmentVersion.title)
        .join(CommitmentVersion, CommitmentVersion.id == Suggestion.version_id)
        .where(*where_s).order_by(Suggestion.id)))
    found = inputs.fetch([s for s, _n, _t in suggestions]) if labelled else {}
    for s, number, title in suggestions:
        label, href = inputs.describe(s.source_type, found.get((s.source_type, s.source_id)), s.source_id) \
            if labelled else (f"{s.source_type} #{s.source_id}", None)
        out.suggestions[s.state].append(Row(s, number, title, label, href))
    for c, number, title, proposal, org in db.session.execute(
            select(Claim, CommitmentVersion.number, CommitmentVersion.title, Proposal, Organisation.name)
            .join(CommitmentVersion, CommitmentVersion.id == Claim.version_id)
            .join(Proposal, Proposal.id == Claim.proposal_id)
            .join(Organisation, Organisation.id == Claim.organisation_id)
            .where(*where_c).order_by(Claim.id)):
        # A proposal hidden since it was claimed is named as hidden (its words are taken back).
        out.claims[c.state].append(Row(c, number, title, f"#{c.proposal_id} {moderated.title(proposal)}", None, org))
    return out


def as_json(a: Absorbed) -> dict:
    """The API's and the archive's shape: the counts and every row."""
    def suggestion(r: Row) -> dict:
        s = r.item
        return {"id": s.id, "commitment": s.commitment_id, "version": r.version, "source_type": s.source_type,
                "source_id": s.source_id, "shared": s.shared, "total": s.total, "share": s.share,
                "passage": s.passage, "state": s.state, "reason": s.reason, "link": s.link_id}

    def claim(r: Row) -> dict:
        c = r.item
        return {"id": c.id, "commitment": c.commitment_id, "version": r.version, "proposal": c.proposal_id,
                "organisation": r.organisation, "passage": c.passage, "state": c.state, "reason": c.reason,
                "link": c.link_id}
    return {"counts": a.counts(),
            "suggestions": [suggestion(r) for s in STATES for r in a.suggestions[s]],
            "claims": [claim(r) for s in STATES for r in a.claims[s]]}


def version_text(v: CommitmentVersion) -> str:
    """What a version says, in the order of the template, milestones last."""
    return "\n\n".join([v.title, v.problem, v.status_quo, v.description, v.contribution, v.ogp_relevance,
                        *(m.description for m in v.milestones)])


def earlier_inputs(forum_id: int, now: datetime | None = None) -> list[tuple[datetime, Key, str]]:
    """Every visible input of the forum as (when, (kind, id), text), oldest first: three
    queries whatever their number. A consultation's comments count once published (before
    that they are not public, and a suggestion must not reveal them)."""
    now = now or utcnow()
    found: list[tuple[datetime, Key, str]] = []
    for p in db.session.execute(select(Proposal.id, Proposal.submitted_at, Proposal.title, Proposal.problem,
                                       Proposal.proposal, Proposal.expected_result)
                                .where(Proposal.forum_id == forum_id, moderated.shown(Proposal))):
        found.append((p.submitted_at, (SourceType.PROPOSAL, p.id),
                      "\n".join([p.title, p.problem, p.proposal, p.expected_result])))
    for c in db.session.execute(select(Comment.id, Comment.created_at, Comment.body)
                                .join(Proposal, Proposal.id == Comment.proposal_id)
                                .where(Proposal.forum_id == forum_id, moderated.shown(Proposal),
                                       moderated.shown(Comment))):
        found.append((c.created_at, (SourceType.COMMENT, c.id), c.body))
    for cc in db.session.scalars(
            select(ConsultationComment)
            .join(Consultation, Consultation.id == ConsultationComment.consultation_id)
            .where(Consultation.forum_id == forum_id, consultations_public.comment_shown_sql(now))):
        found.append((cc.created_at, (SourceType.CONSULTATION_COMMENT, cc.id),
                      "\n".join(filter(None, [cc.body, cc.suggestion]))))
    found.sort(key=lambda row: (row[0], row[1]))
    return found
