"""Who may appoint a co-monitor, judge a progress update and answer a contest, each answered
with a reason (core/policy.py)."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import select

from ..core.lookup import get_row
from ..core.policy import Decision, allow, deny, refuse
from ..extensions import db
from ..forums.models import Seat, SeatRole
from ..forums.queries import chair_seat
from ..organisations.models import Organisation, OrgKind
from ..organisations.queries import approved_membership
from . import deadlines
from .models import CoMonitor, ContestAnswer, UpdateVerdict, Verdict


def current_monitor(commitment_id: int) -> CoMonitor | None:
    """The appointment no later one replaced: replacements only ever name the current one,
    so it is the newest."""
    return db.session.scalar(select(CoMonitor).where(CoMonitor.commitment_id == commitment_id)
                             .order_by(CoMonitor.id.desc()).limit(1))


def may_appoint(user, commitment) -> Decision:
    """The civil-society co-chair appoints (and replaces) the co-monitor of an adopted commitment."""
    seat = chair_seat(user, commitment.forum)
    if seat is None or seat.role != SeatRole.CIVIL_CHAIR:
        return deny(_l("Only the forum's civil-society co-chair appoints a commitment's co-monitor."))
    if not commitment.adopted:
        return refuse(_l("A co-monitor is appointed once the commitment is adopted."))
    return allow()


def eligible(person, organisation: Organisation | None, forum) -> Decision:
    """A co-monitor is a member of a civil-society organisation seated in the forum."""
    field = "co_monitor"
    if organisation is None or organisation.kind != OrgKind.CIVIL_SOCIETY:
        return refuse(_l("The co-monitor must act for a civil-society organisation."), field)
    seated = db.session.scalar(select(Seat.id).where(Seat.forum_id == forum.id, Seat.ended_at.is_(None),
                                                     Seat.organisation_id == organisation.id).limit(1))
    if seated is None:
        return refuse(_l("The co-monitor's organisation must have a seat in this forum."), field)
    if person is None or approved_membership(person, organisation) is None:
        return refuse(_l("The co-monitor must be an approved member of that organisation."), field)
    return allow()


def verdict_of(update) -> UpdateVerdict | None:
    return db.session.scalar(select(UpdateVerdict).where(UpdateVerdict.update_id == update.id))


def may_judge(user, update, now: datetime) -> Decision:
    """Confirming or contesting: the commitment's current co-monitor, once per update, within
    the window."""
    monitor = current_monitor(update.commitment_id)
    if monitor is None or user is None or getattr(user, "id", None) != monitor.user_id:
        return deny(_l("Only the commitment's co-monitor confirms or contests its progress updates."))
    if verdict_of(update) is not None:
        return refuse(_l("This update has already been confirmed or contested."))
    if deadlines.window(update).late(now):
        return refuse(lazy_ngettext(
            "The %(num)d day to confirm or contest this update is over: it stands as not verified by civil society.",
            "The %(num)d days to confirm or contest this update are over: it stands as not verified by civil "
            "society.", deadlines.window_days()))
    return allow()


def answering_org(user, commitment) -> Organisation | None:
    """The State's side: the State co-chair, or a member of the adopted version's lead agency."""
    from ..commitments.queries import adopted_version
    seat = chair_seat(user, commitment.forum)
    if seat is not None and seat.role == SeatRole.STATE_CHAIR:
        return seat.organisation
    adopted = adopted_version(commitment)
    lead = get_row(Organisation, adopted.lead_agency_id) if adopted else None
    return lead if lead is not None and approved_membership(user, lead) is not None else None


def may_answer(user, verdict: UpdateVerdict) -> Decision:
    from ..commitments.models import Commitment
    if answering_org(user, get_row(Commitment, verdict.commitment_id)) is None:
        return deny(_l("Only the State co-chair or the lead agency's members answer a contest."))
    if verdict.verdict != Verdict.CONTESTED:
        return refuse(_l("Only a contested update is owed an answer."))
    if db.session.scalar(select(ContestAnswer.id).where(ContestAnswer.verdict_id == verdict.id)) is not None:
        return refuse(_l("This contest has already been answered."))
    return allow()
