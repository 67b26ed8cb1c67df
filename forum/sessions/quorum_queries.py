"""A session's quorum, read: the figures now, the co-chairs' keys to decide without it (as
recorded, as shown, whether they cover the present stretch) and the refusal naming what is
missing. The writers (the keys, their lapse) are in `services/quorum.py`."""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import and_, select

from ..core.clock import iso
from ..core.policy import Decision, allow, refuse
from ..extensions import db
from ..forums.models import Seat, SeatRole
from ..forums.policy import both_keys
from ..organisations.models import Organisation
from . import vote_counting
from .models import Attendance, ForumSession, QuorumOverride


def figures(s: ForumSession) -> dict:
    """The quorum now: the forum's members (active seats) and who of them is present."""
    rows = db.session.execute(
        select(Organisation.kind, Attendance.present).select_from(Seat)
        .join(Organisation, Organisation.id == Seat.organisation_id)
        .outerjoin(Attendance, and_(Attendance.session_id == s.id, Attendance.user_id == Seat.user_id))
        .where(Seat.forum_id == s.forum_id, Seat.ended_at.is_(None))).all()
    return vote_counting.quorum([kind for kind, _p in rows], [kind for kind, present in rows if present],
                        s.forum.quorum_rule)


def overrides(s: ForumSession) -> list[QuorumOverride]:
    """The keys in force: those recorded since quorum was last met."""
    return list(db.session.scalars(select(QuorumOverride).where(QuorumOverride.session_id == s.id)
                                   .order_by(QuorumOverride.id)))


def shown(rows: list[QuorumOverride]) -> list[dict]:
    """The keys as the public sees them: who (by side and person), why and when."""
    return [{"side": o.side, "user": o.user_id, "reason": o.reason, "at": iso(o.recorded_at)} for o in rows]


def overridden(s: ForumSession) -> bool:
    return both_keys(o.side for o in overrides(s))


def missing(q: dict, keys=()) -> Decision:
    """Why quorum is not met, and which key is missing to decide anyway, in words a co-chair
    can act on."""
    if q["met"]:
        return allow()
    if q["present"] < q["needed"]:
        short = lazy_ngettext("Quorum is not met: %(present)d of %(num)d member present, %(needed)d needed.",
                              "Quorum is not met: %(present)d of %(num)d members present, %(needed)d needed.",
                              q["members"], present=q["present"], needed=q["needed"])
    else:
        short = _l("Quorum is not met: the State and civil society must both be present.")
    return refuse(f"{short} {keys_wanted({o.side for o in keys})}")


def keys_wanted(sides: set) -> str:
    """What still stands between the co-chairs and a decision without quorum, by name."""
    if SeatRole.STATE_CHAIR in sides:
        return str(_l("The State co-chair recorded their key to decide without quorum; the civil-society "
                      "co-chair's key is still missing."))
    if SeatRole.CIVIL_CHAIR in sides:
        return str(_l("The civil-society co-chair recorded their key to decide without quorum; the State "
                      "co-chair's key is still missing."))
    return str(_l("To decide without quorum, both co-chairs must each record their key with a reason."))
