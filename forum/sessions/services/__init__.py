"""Scheduling a session and running it: start, agenda, attendance, speaker queue, end.
Socket handlers and pages both call these; who may do what is decided here."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import select, update

from ... import trail
from ...core.clock import iso, utcnow
from ...core.errors import DomainError
from ...core.lookup import whole_number
from ...core.text import clean
from ...extensions import db
from ...forums import notice_period
from ...forums.policy import acting_chair
from ...forums.queries import active_seat, seat_of
from ...i18n import when
from .. import policy
from ..models import AgendaItem, Attendance, ForumSession, Hand, HandStatus, Motion, MotionStatus, SessionStatus
from . import quorum

TITLE_MAX, PLACE_MAX, URL_MAX, ITEM_MAX, AGENDA_MAX = 200, 300, 500, 300, 40
TITLE_MIN = 3
EARLY = timedelta(minutes=30)  # a session may open this long before its scheduled start without a reason
REASON_MAX = 1000
SUBJECTS = ("proposal", "commitment", "consultation")


@dataclass
class ItemInput:
    title: str
    subject_type: str | None = None
    subject_id: int | None = None


def schedule(actor, forum, *, title, starts_at, ends_at, place="", online_url="", agenda=(),
             notice_reason=None) -> ForumSession:
    """With less notice than the forum promises, the co-chair says why (`notice_reason`):
    members were promised that much time, so breaking it is a decision with a reason, kept
    on the session and the trail and shown wherever the session is read, as a start off
    schedule is (`start`)."""
    policy.may_schedule(actor, forum).require()
    seat = acting_chair(actor, forum)
    title = clean(title, "title", max_len=TITLE_MAX, min_len=TITLE_MIN)
    place = clean(place, "place", max_len=PLACE_MAX, required=False)
    online_url = clean(online_url, "online_url", max_len=URL_MAX, required=False)
    if online_url and not online_url.startswith(("https://", "http://")):
        raise DomainError(_l("Give a web address starting with https://"), "online_url")
    if not place and not online_url:
        raise DomainError(_l("Say where the session meets: a place, an online link, or both."), "place")
    now = utcnow()
    if starts_at is None:
        raise DomainError(_l("Give the start date and time."), "starts_at")
    if ends_at is None or ends_at <= starts_at:
        raise DomainError(_l("The end must come after the start."), "ends_at")
    if starts_at <= now:
        raise DomainError(_l("A session is scheduled for the future."), "starts_at")
    short = notice_period.short_notice(forum, starts_at, now)
    if notice_reason is not None and not isinstance(notice_reason, str):
        raise DomainError(_l("Give the reason as text."), "notice_reason")
    notice_reason = clean(notice_reason, "notice_reason", max_len=REASON_MAX, required=False) if short else ""
    if short and not notice_reason:
        raise DomainError(lazy_ngettext(
            "The notice is shorter than this forum's minimum of %(num)d day. Give the reason to schedule it anyway.",
            "The notice is shorter than this forum's minimum of %(num)d days. Give the reason to schedule it "
            "anyway.", forum.session_notice_days), "notice_reason")
    items = [_item(i, x) for i, x in enumerate(agenda) if (x.title or "").strip()]
    if not items:
        raise DomainError(_l("Give the agenda: at least one item."), "agenda")
    if len(items) > AGENDA_MAX:
        raise DomainError(_l("At most %(n)d agenda items.", n=AGENDA_MAX), "agenda")
    s = ForumSession(forum_id=forum.id, title=title, starts_at=starts_at, ends_at=ends_at, place=place,
                     online_url=online_url, notice_reason=notice_reason, created_by_id=actor.id, created_at=now)
    db.session.add(s)
    db.session.flush()
    for position, item in enumerate(items, start=1):
        item.session_id, item.position = s.id, position
        db.session.add(item)
    trail.record("session.scheduled", s, actor=actor, actor_org=seat.organisation, forum=forum, payload={
        "title": title, "starts_at": iso(starts_at), "ends_at": iso(ends_at),
        "place": place, "online_url": online_url, "short_notice": short, "notice_reason": notice_reason,
        "agenda": [[x.title, x.subject_type, x.subject_id] for x in items]})
    return s


def _item(index: int, x: ItemInput) -> AgendaItem:
    field = f"agenda-{index}"
    title = clean(x.title, field, max_len=ITEM_MAX)
    if x.subject_type:
        if not _exists(x.subject_type, x.subject_id):
            raise DomainError(_l("Item %(n)d refers to something that does not exist.", n=index + 1), field)
        return AgendaItem(title=title, subject_type=x.subject_type, subject_id=int(str(x.subject_id)))
    return AgendaItem(title=title)


#: What an agenda item may be about, by table: sessions sit below the areas that own these
#: rows (commitments take session decisions as inputs), so they are named, not imported.
AGENDA_SUBJECTS = {"proposal": "proposals", "commitment": "commitments", "consultation": "consultations"}


def _exists(subject_type: str, subject_id) -> bool:
    ident = whole_number(subject_id or "")
    if subject_type not in AGENDA_SUBJECTS or ident is None:
        return False
    table = db.metadata.tables[AGENDA_SUBJECTS[subject_type]]
    return db.session.scalar(select(table.c.id).where(table.c.id == ident)) is not None


def chair_of(actor, s: ForumSession):
    """The chairing co-chair's seat, or a refusal."""
    policy.may_chair(actor, s).require()
    return acting_chair(actor, s.forum)


def require_live(s: ForumSession) -> None:
    policy.is_running(s).require()


def off_schedule(s: ForumSession, now: datetime) -> dict:
    """Why starting now breaks the session's own promise, if it does: members were told the
    time, so a start more than EARLY before it or after the planned end needs a reason; an
    early start that also cuts the forum's notice (announced in time for the scheduled date,
    not for today) says so.

    A session called at short notice already gave members less time than the forum promises,
    and its `notice_reason` justified exactly the time announced: started then (or later,
    before its planned end) it needs no second reason, but any earlier start cuts the notice
    further than that reason covered, so there is no half-hour grace."""
    called_short = bool(s.notice_reason) or notice_period.short_notice(s.forum, s.starts_at, s.created_at)
    early = now < s.starts_at - (timedelta(0) if called_short else EARLY)
    return {"early": early, "late": now > s.ends_at,
            "short_notice": early and notice_period.short_notice(s.forum, now, s.created_at)}


def _why_reason(s: ForumSession, concerns: dict):
    if concerns["short_notice"] and s.notice_reason:
        return _l("This session was called at short notice for %(when)s; starting it earlier cuts the notice "
                  "further. Give the reason to start it now.", when=when(s.starts_at))
    if concerns["short_notice"]:
        return lazy_ngettext(
            "This session is scheduled for %(when)s: starting now gives less notice than this forum's minimum "
            "of %(num)d day. Give the reason to start it anyway.",
            "This session is scheduled for %(when)s: starting now gives less notice than this forum's minimum "
            "of %(num)d days. Give the reason to start it anyway.",
            s.forum.session_notice_days, when=when(s.starts_at))
    if concerns["early"]:
        return _l("This session is scheduled for %(when)s. Give the reason to start it now.", when=when(s.starts_at))
    return _l("This session was planned to end at %(when)s. Give the reason to start it now.", when=when(s.ends_at))


def start(actor, s: ForumSession, reason=None) -> ForumSession:
    """Off schedule (see `off_schedule`) the co-chair says why; the reason is kept on the
    session and the trail, and the page shows when the session really started."""
    seat = chair_of(actor, s)
    if s.status != SessionStatus.SCHEDULED:
        raise DomainError(_l("This session has already started or ended."))
    if reason is not None and not isinstance(reason, str):
        raise DomainError(_l("Give the reason as text."), "reason")
    now = utcnow()
    concerns = off_schedule(s, now)
    reason = clean(reason, "reason", max_len=REASON_MAX, required=False)
    if any(concerns.values()) and not reason:
        raise DomainError(_why_reason(s, concerns), "reason")
    s.status, s.started_at, s.current_item, s.start_reason = SessionStatus.LIVE, now, 1, reason
    trail.record("session.started", s, actor=actor, actor_org=seat.organisation, forum=s.forum,
                 payload={"scheduled_for": iso(s.starts_at), "reason": reason,
                          **{k: v for k, v in concerns.items() if v}})
    return s


def end(actor, s: ForumSession) -> ForumSession:
    seat = chair_of(actor, s)
    require_live(s)
    if db.session.scalar(select(Motion.id).where(Motion.session_id == s.id, Motion.status == MotionStatus.OPEN)):
        raise DomainError(_l("Close the open motion before ending the session."))
    now = utcnow()
    db.session.execute(update(Hand).where(Hand.session_id == s.id, Hand.status.in_(
        [HandStatus.WAITING, HandStatus.SPEAKING])).values(status=HandStatus.DONE, done_at=now))
    s.status, s.ended_at = SessionStatus.ENDED, now
    present = db.session.scalars(select(Attendance.user_id).where(Attendance.session_id == s.id,
                                                                  Attendance.present.is_(True))).all()
    trail.record("session.ended", s, actor=actor, actor_org=seat.organisation, forum=s.forum,
                 payload={"present_at_end": sorted(present)})
    return s


def advance(actor, s: ForumSession, position: int) -> ForumSession:
    seat = chair_of(actor, s)
    require_live(s)
    last = len(s.agenda)
    if not isinstance(position, int) or isinstance(position, bool) or not 1 <= position <= last:
        raise DomainError(_l("There is no agenda item %(n)s.", n=position), "position")
    s.current_item = position
    trail.record("session.item", s, actor=actor, actor_org=seat.organisation, forum=s.forum,
                 payload={"position": position, "title": s.agenda[position - 1].title})
    return s


def member_seat(actor, s: ForumSession):
    """The actor's seat in the session's forum, or a refusal anyone can understand."""
    policy.may_take_part(actor, s).require()
    return active_seat(actor, s.forum)


def check_in(actor, s: ForumSession, present: bool = True) -> Attendance:
    seat = member_seat(actor, s)
    require_live(s)
    return _set_presence(actor, seat, s, actor.id, present, None)


def record_presence(actor, s: ForumSession, user_id: int, present: bool) -> Attendance:
    """A co-chair records someone present in the room (or gone)."""
    seat = chair_of(actor, s)
    require_live(s)
    member = seat_of(s.forum, user_id)
    if member is None:
        raise DomainError(_l("That person is not a member of this forum."), "user")
    return _set_presence(actor, member, s, user_id, present, seat)


def _set_presence(actor, seat, s, user_id, present, by_chair):
    row = db.session.scalar(select(Attendance).where(Attendance.session_id == s.id, Attendance.user_id == user_id))
    if row is not None and row.present == present:
        raise DomainError(_l("Already checked in.") if present else _l("Already checked out."))
    if row is None and not present:
        raise DomainError(_l("Already checked out."))
    now = utcnow()
    if row is None:
        row = Attendance(session_id=s.id, user_id=user_id, present=True, since=now)
        db.session.add(row)
    row.present, row.since = present, now
    row.recorded_by_id = actor.id if by_chair is not None else None
    if not present:
        _lower_all(s, user_id, now)
    org = (by_chair or seat).organisation
    trail.record("session.checked_in" if present else "session.checked_out", s, actor=actor,
                 actor_org=org, forum=s.forum, payload={"user": user_id, "recorded_by_chair": by_chair is not None})
    quorum.lapse(s, actor, org)  # quorum is back: keys to decide without it stop covering anything
    return row


def require_present(actor, s: ForumSession):
    """Speaking and voting: a member, checked in, while the session runs."""
    policy.may_speak_and_vote(actor, s).require()
    return active_seat(actor, s.forum)


def raise_hand(actor, s: ForumSession) -> Hand:
    seat = require_present(actor, s)
    if db.session.scalar(select(Hand.id).where(Hand.session_id == s.id, Hand.user_id == actor.id,
                                               Hand.status == HandStatus.WAITING)):
        raise DomainError(_l("Your hand is already raised."))
    hand = Hand(session_id=s.id, user_id=actor.id, raised_at=utcnow())
    db.session.add(hand)
    db.session.flush()
    trail.record("session.hand_raised", s, actor=actor, actor_org=seat.organisation, forum=s.forum,
                 payload={"hand": hand.id})
    return hand


def lower_hand(actor, s: ForumSession) -> None:
    seat = member_seat(actor, s)
    require_live(s)
    hand = db.session.scalar(select(Hand).where(Hand.session_id == s.id, Hand.user_id == actor.id,
                                                Hand.status == HandStatus.WAITING))
    if hand is None:
        raise DomainError(_l("Your hand is not raised."))
    hand.status, hand.done_at = HandStatus.LOWERED, utcnow()
    trail.record("session.hand_lowered", s, actor=actor, actor_org=seat.organisation, forum=s.forum,
                 payload={"hand": hand.id})


def give_floor(actor, s: ForumSession) -> Hand | None:
    """The floor goes to the longest-waiting hand — never to someone chosen out of turn.
    Whoever was speaking is done. Returns None when the queue is empty (floor cleared)."""
    seat = chair_of(actor, s)
    require_live(s)
    now = utcnow()
    db.session.execute(update(Hand).where(Hand.session_id == s.id, Hand.status == HandStatus.SPEAKING)
                       .values(status=HandStatus.DONE, done_at=now))
    nxt = db.session.scalar(select(Hand).where(Hand.session_id == s.id, Hand.status == HandStatus.WAITING)
                            .order_by(Hand.raised_at, Hand.id).limit(1))
    if nxt is not None:
        nxt.status, nxt.floor_at = HandStatus.SPEAKING, now
    trail.record("session.floor", s, actor=actor, actor_org=seat.organisation, forum=s.forum,
                 payload={"user": nxt.user_id if nxt else None, "hand": nxt.id if nxt else None})
    return nxt


def _lower_all(s, user_id, now):
    db.session.execute(update(Hand).where(Hand.session_id == s.id, Hand.user_id == user_id,
                                          Hand.status == HandStatus.WAITING)
                       .values(status=HandStatus.LOWERED, done_at=now))
