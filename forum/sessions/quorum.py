"""A session obeys its quorum: no vote opens and no result is declared while quorum is not
met, unless both co-chairs have each recorded a key to decide without it, with a reason.

The override is for the session, not per motion. A forum short of quorum is short for the
sitting — a delegation that did not come, seats left vacant — and the co-chairs decide once,
each in their own act, whether the sitting may still decide; asking them again before each
of ten votes would teach them to click through it. It never hides: every vote decided
without quorum carries the figures at its opening and its close and both co-chairs' reasons
beside its result (page, minutes, JSON, API, CSV), and the trail holds each key."""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import and_, select

from .. import trail
from ..core.clock import iso, utcnow
from ..core.errors import DomainError
from ..core.policy import Decision, allow, refuse
from ..core.text import clean
from ..extensions import db
from ..forums.models import Seat
from ..forums.policy import both_keys
from ..organisations.models import Organisation
from . import rules
from .models import Attendance, ForumSession, QuorumOverride
from .services import chair_of, require_live

REASON_MIN, REASON_MAX = 10, 1000


def figures(s: ForumSession) -> dict:
    """The quorum now: the forum's members (active seats) and who of them is present."""
    rows = db.session.execute(
        select(Organisation.kind, Attendance.present).select_from(Seat)
        .join(Organisation, Organisation.id == Seat.organisation_id)
        .outerjoin(Attendance, and_(Attendance.session_id == s.id, Attendance.user_id == Seat.user_id))
        .where(Seat.forum_id == s.forum_id, Seat.ended_at.is_(None))).all()
    return rules.quorum([kind for kind, _p in rows], [kind for kind, present in rows if present],
                        s.forum.quorum_rule)


def overrides(s: ForumSession) -> list[QuorumOverride]:
    return list(db.session.scalars(select(QuorumOverride).where(QuorumOverride.session_id == s.id)
                                   .order_by(QuorumOverride.id)))


def shown(rows: list[QuorumOverride]) -> list[dict]:
    """The keys as the public sees them: who (by side and person), why and when."""
    return [{"side": o.side, "user": o.user_id, "reason": o.reason, "at": iso(o.recorded_at)} for o in rows]


def overridden(s: ForumSession) -> bool:
    return both_keys(o.side for o in overrides(s))


def missing(q: dict) -> Decision:
    """Why quorum is not met, in words a co-chair can act on."""
    if q["met"]:
        return allow()
    if q["present"] < q["needed"]:
        return refuse(lazy_ngettext(
            "Quorum is not met: %(present)d of %(num)d member present, %(needed)d needed. Both co-chairs may "
            "each record a reason to decide without quorum.",
            "Quorum is not met: %(present)d of %(num)d members present, %(needed)d needed. Both co-chairs may "
            "each record a reason to decide without quorum.",
            q["members"], present=q["present"], needed=q["needed"]))
    return refuse(_l("Quorum is not met: the State and civil society must both be present. Both co-chairs may "
                     "each record a reason to decide without quorum."))


def require(s: ForumSession) -> dict:
    """The quorum record a vote carries: the figures now, and the co-chairs' keys when the
    vote goes ahead without quorum. Refuses while quorum is missing and not overridden."""
    q = figures(s)
    if q["met"]:
        return {**q, "override": []}
    keys = overrides(s)
    if not both_keys(o.side for o in keys):
        missing(q).require()
    return {**q, "override": shown(keys)}


def override(actor, s: ForumSession, reason) -> QuorumOverride:
    """One co-chair's key. The second key, from the other side, lets the session decide."""
    seat = chair_of(actor, s)
    require_live(s)
    if not isinstance(reason, str):
        raise DomainError(_l("Give the reason as text."), "reason")
    reason = clean(reason, "reason", max_len=REASON_MAX, min_len=REASON_MIN)
    q = figures(s)
    if q["met"]:
        raise DomainError(_l("Quorum is met: there is nothing to override."))
    if db.session.scalar(select(QuorumOverride.id).where(QuorumOverride.session_id == s.id,
                                                         QuorumOverride.side == seat.role)):
        raise DomainError(_l("Your side already recorded its key for this session."))
    row = QuorumOverride(session_id=s.id, side=seat.role, user_id=actor.id, reason=reason, recorded_at=utcnow())
    db.session.add(row)
    db.session.flush()
    trail.record("session.quorum_override", s, actor=actor, actor_org=seat.organisation, forum=s.forum,
                 payload={"side": seat.role, "reason": reason, "quorum": q})
    if overridden(s):
        trail.record("session.quorum_overridden", s, actor=actor, actor_org=seat.organisation, forum=s.forum,
                     payload={"overrides": shown(overrides(s)), "quorum": q})
    return row
