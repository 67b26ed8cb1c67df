"""Contributions absorbed without credit: the detector, and the co-chairs' two answers to
what it finds (link it, or dismiss it with a public reason).

For each commitment version the detector reads every earlier input of the forum — proposals,
their comments, published consultation comments, visible ones, oldest first — that is not
linked to the commitment and was not already suggested for it, and stores one suggestion per
input whose word sequences the version repeats (overlap.py says how, and why that method).

It runs in the request, in the same transaction as the save of the version, not after the
commit. Why: the suggestions then exist exactly when the version does (a rolled-back save
leaves none, a committed one is never without its check, with no second transaction that can
fail after the first committed and no queue to watch); the after-commit hooks
(core/aftercommit.py) are for what leaves the database — their session is outside any
transaction and cannot write. The cost is bounded: one version against 10,000 earlier inputs
takes well under the 2 s target on one core (bench/absorbed.py prints the figure), and a
forum that grew past what a request should carry is re-checked whole by `flask absorbed
check` (`recheck`), which builds the index once for all its versions.

The detection itself is not a trail entry: it is a reading of public texts that anyone can
repeat with the command. What people decide about it is: `absorbed.linked`,
`absorbed.dismissed` (with the reason).
"""
import typing
from collections.abc import Iterator
from datetime import datetime

from sqlalchemy import select

from ... import trail
from ...core.clock import utcnow
from ...core.lookup import get_row
from ...core.text import clean
from ...extensions import db
from ...forums.policy import acting_chair
from .. import absorbed_policy, overlap
from ..absorbed_models import State, Suggestion
from ..absorbed_queries import Key, earlier_inputs, version_text
from ..models import Commitment, CommitmentVersion, InfluenceLink, LinkRetraction
from . import links

REASON_MIN, REASON_MAX = 10, 3000


def _linked(commitment_ids: list[int]) -> set[tuple[int, str, int]]:
    """(commitment, kind, id) of inputs with a link that still counts to any version."""
    rows = db.session.execute(
        select(CommitmentVersion.commitment_id, InfluenceLink.source_type, InfluenceLink.source_id)
        .join(InfluenceLink, InfluenceLink.version_id == CommitmentVersion.id)
        .outerjoin(LinkRetraction, LinkRetraction.link_id == InfluenceLink.id)
        .where(CommitmentVersion.commitment_id.in_(commitment_ids), LinkRetraction.id.is_(None)))
    return {(c, t, i) for c, t, i in rows}


def _suggested(commitment_ids: list[int]) -> set[tuple[int, str, int]]:
    """One suggestion per input and commitment: a dismissed one is not raised again by the
    next version, a pending one waits where it is."""
    rows = db.session.execute(select(Suggestion.commitment_id, Suggestion.source_type, Suggestion.source_id)
                              .where(Suggestion.commitment_id.in_(commitment_ids)))
    return {(c, t, i) for c, t, i in rows}


def _check(index: overlap.Index, when: dict[Key, datetime], versions: list[CommitmentVersion],
           commitments: dict[int, Commitment]) -> Iterator[Suggestion]:
    ids = sorted({v.commitment_id for v in versions})
    skip = _linked(ids) | _suggested(ids)
    for v in sorted(versions, key=lambda v: (v.created_at, v.id)):
        def allowed(key: Key, v=v) -> bool:
            return when[key] <= v.created_at and (v.commitment_id, *key) not in skip
        for o in index.overlaps(version_text(v), allowed=allowed):
            kind, ident = typing.cast(Key, o.key)
            skip.add((v.commitment_id, kind, ident))
            row = Suggestion(forum_id=commitments[v.commitment_id].forum_id, commitment_id=v.commitment_id,
                             version_id=v.id, source_type=kind, source_id=ident, shared=o.shared, total=o.total,
                             share=round(o.share, 4), passage=o.passage, created_at=utcnow())
            db.session.add(row)
            yield row


def check_version(version: CommitmentVersion) -> list[Suggestion]:
    """Called by the services that save a version (create, save_version), in their
    transaction. Inputs are indexed after leaving out the later ones."""
    commitment = get_row(Commitment, version.commitment_id)
    rows = [r for r in earlier_inputs(commitment.forum_id) if r[0] <= version.created_at]
    index = overlap.Index().extend((key, text) for _w, key, text in rows)
    found = list(_check(index, {key: w for w, key, _t in rows}, [version], {commitment.id: commitment}))
    db.session.flush()
    return found


def recheck(forum) -> list[Suggestion]:
    """Every version of every commitment of a forum against every earlier input, with one
    index: what the CLI runs after an import, or when the rules of the detector change.
    Adds only what is not already suggested or linked, so running it twice adds nothing."""
    commitments = {c.id: c for c in db.session.scalars(select(Commitment).where(Commitment.forum_id == forum.id))}
    versions = list(db.session.scalars(select(CommitmentVersion).where(
        CommitmentVersion.commitment_id.in_(list(commitments)))))
    rows = earlier_inputs(forum.id)
    index = overlap.Index().extend((key, text) for _w, key, text in rows)
    found = list(_check(index, {key: w for w, key, _t in rows}, versions, commitments))
    db.session.flush()
    return found


def link(actor, suggestion: Suggestion, how: str, explanation: str) -> Suggestion:
    """The co-chairs agree the input shaped the version: an influence link through the link
    service, whose rules apply (an input the forum did not accept cannot shape a commitment;
    then dismiss it, saying so)."""
    absorbed_policy.may_decide_suggestion(actor, suggestion).require()
    version = get_row(CommitmentVersion, suggestion.version_id)
    made = links.link(actor, version, suggestion.source_type, suggestion.source_id, how, explanation)
    seat = acting_chair(actor, get_row(Commitment, suggestion.commitment_id).forum)
    _decide(actor, seat, suggestion, State.LINKED, None, made.id)
    return suggestion


def settle(actor, seat, commitment, source_type: str, source_id: int, link_id: int) -> None:
    """A link made any way (the link form, a confirmed claim) answers a pending suggestion of
    the same input for the same commitment: credit was given. The link's own trail entry
    records it."""
    for s in db.session.scalars(select(Suggestion).where(
            Suggestion.commitment_id == commitment.id, Suggestion.source_type == source_type,
            Suggestion.source_id == source_id, Suggestion.state == State.PENDING)):
        s.state, s.link_id = State.LINKED, link_id
        s.decided_at, s.decided_by_id, s.decided_org_id = utcnow(), actor.id, seat.organisation_id


def dismiss(actor, suggestion: Suggestion, reason: str) -> Suggestion:
    absorbed_policy.may_decide_suggestion(actor, suggestion).require()
    seat = acting_chair(actor, get_row(Commitment, suggestion.commitment_id).forum)
    reason = clean(reason, "reason", min_len=REASON_MIN, max_len=REASON_MAX)
    _decide(actor, seat, suggestion, State.DISMISSED, reason, None)
    return suggestion


def _decide(actor, seat, s: Suggestion, state: str, reason, link_id) -> None:
    s.state, s.reason, s.link_id = state, reason, link_id
    s.decided_at, s.decided_by_id, s.decided_org_id = utcnow(), actor.id, seat.organisation_id
    commitment = get_row(Commitment, s.commitment_id)
    version = get_row(CommitmentVersion, s.version_id)
    trail.record("absorbed.linked" if state == State.LINKED else "absorbed.dismissed", commitment, actor=actor,
                 actor_org=seat.organisation, forum=commitment.forum,
                 payload={"suggestion": s.id, "version": version.number, "source": f"{s.source_type}:{s.source_id}",
                          "shared": s.shared, "total": s.total, "passage": s.passage, "link": link_id,
                          "reason": reason})
