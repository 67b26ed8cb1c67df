"""A session obeys its quorum: no vote opens and no result is declared while quorum is not
met, unless both co-chairs have each recorded a key to decide without it, with a reason.

A pair of keys covers one stretch without quorum: from the keys until quorum is met again.
Co-chairs who agree to decide short of quorum agree about a situation — a delegation that
did not come, seats left vacant — and while that situation lasts one pair covers each vote
in it; asking again before each of ten votes of the same shortage would teach them to click
through it, which is why the keys are not bound to one motion. Once quorum is met again that
situation is over and the keys lapse (`lapse`): a later loss of quorum is another situation,
and deciding in it needs new keys with new reasons — never the earlier, unrelated ones.

It never hides: every vote decided without quorum carries the figures at its opening and its
close and the co-chairs' reasons that covered it beside its result (page, minutes, JSON, API,
CSV); the trail holds each key and its lapse. A key row exists only while in force."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.text import clean
from ...extensions import db
from ...forums.policy import acting_chair, both_keys
from .. import policy
from ..models import ForumSession, QuorumOverride
from ..quorum_queries import figures, missing, overridden, overrides, shown

REASON_MIN, REASON_MAX = 10, 1000


def lapse(s: ForumSession, actor=None, actor_org=None, q: dict | None = None) -> None:
    """Quorum is met: the stretch the keys covered is over, so they stop covering anything.
    The trail says so with the keys that lapsed; each vote they covered keeps its copy."""
    keys = overrides(s)
    if not keys:
        return
    q = q or figures(s)
    if not q["met"]:
        return
    db.session.execute(delete(QuorumOverride).where(QuorumOverride.session_id == s.id))
    trail.record("session.quorum_keys_lapsed", s, actor=actor, actor_org=actor_org, forum=s.forum,
                 payload={"overrides": shown(keys), "quorum": q})


def require(s: ForumSession, actor=None, actor_org=None) -> dict:
    """The quorum record a vote carries: the figures now, and the co-chairs' keys when the
    vote goes ahead without quorum. Refuses while quorum is missing and not overridden."""
    q = figures(s)
    if q["met"]:
        lapse(s, actor, actor_org, q)  # e.g. a seat ended: quorum came back without a check-in
        return {**q, "override": []}
    keys = overrides(s)
    if not both_keys(o.side for o in keys):
        missing(q, keys).require()
    return {**q, "override": shown(keys)}


def override(actor, s: ForumSession, reason) -> QuorumOverride:
    """One co-chair's key. The second key, from the other side, lets the session decide
    until quorum is met again."""
    policy.may_chair(actor, s).require()
    seat = acting_chair(actor, s.forum)
    policy.is_running(s).require()
    if not isinstance(reason, str):
        raise DomainError(_l("Give the reason as text."), "reason")
    reason = clean(reason, "reason", max_len=REASON_MAX, min_len=REASON_MIN)
    q = figures(s)
    if q["met"]:
        raise DomainError(_l("Quorum is met: there is nothing to override."))
    if db.session.scalar(select(QuorumOverride.id).where(QuorumOverride.session_id == s.id,
                                                         QuorumOverride.side == seat.role)):
        raise DomainError(_l("Your side already recorded its key for this stretch without quorum."))
    row = QuorumOverride(session_id=s.id, side=seat.role, user_id=actor.id, reason=reason, recorded_at=utcnow())
    db.session.add(row)
    db.session.flush()
    trail.record("session.quorum_override", s, actor=actor, actor_org=seat.organisation, forum=s.forum,
                 payload={"side": seat.role, "reason": reason, "quorum": q})
    if overridden(s):
        trail.record("session.quorum_overridden", s, actor=actor, actor_org=seat.organisation, forum=s.forum,
                     payload={"overrides": shown(overrides(s)), "quorum": q})
    return row
