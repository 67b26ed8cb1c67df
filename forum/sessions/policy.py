"""Who may schedule, chair and take part in a session, and write its minutes."""
from flask_babel import lazy_gettext as _l

from ..accounts.policy import must_be_confirmed, must_sign_in
from ..core.policy import Decision, allow, deny, first_refusal, refuse
from ..forums import policy as forums
from ..forums.queries import active_seat, chair_seat, seat_of
from .models import ForumSession, SessionStatus
from .queries import is_present


def may_schedule(user, forum) -> Decision:
    return first_refusal(forums.is_chair(user, forum), lambda: forums.is_open(forum))


def may_chair(user, s: ForumSession) -> Decision:
    """Start, advance, end, record presence, open and close motions, record a key to decide
    without quorum, approve the minutes."""
    return forums.is_chair(user, s.forum)


def is_running(s: ForumSession) -> Decision:
    return allow() if s.status == SessionStatus.LIVE else refuse(_l("The session is not running."))


def may_take_part(user, s: ForumSession) -> Decision:
    """Check in (and, once present, speak and vote): members of the session's forum."""
    return first_refusal(
        must_sign_in(user, _l("Log in to take part.")),
        lambda: forums.is_member(user, s.forum, _l("Only members of this forum take part in its sessions.")))


def may_speak_and_vote(user, s: ForumSession) -> Decision:
    return first_refusal(
        may_take_part(user, s), lambda: must_be_confirmed(user), lambda: is_running(s),
        lambda: allow() if is_present(user.id, s) else deny(_l("Check in first: only members present take part.")))


def may_write_minutes(user, s: ForumSession) -> Decision:
    if chair_seat(user, s.forum) is not None:
        return allow()
    if user is not None and s.minutes_writer_id == getattr(user, "id", None) and active_seat(user, s.forum):
        return allow()
    return deny(_l("Only the co-chairs or the member they designated write the minutes."))


def may_mark_review(user, s: ForumSession) -> Decision:
    """Mark a session as an implementation review (or take the mark back): a co-chair of its
    forum, while it is only scheduled — once it starts, what it was called for is history."""
    return first_refusal(
        forums.is_chair(user, s.forum),
        lambda: allow() if s.status == SessionStatus.SCHEDULED else refuse(
            _l("Only a session that has not started yet can be marked as an implementation review.")))


def may_be_designated(s: ForumSession, user_id) -> Decision:
    """Who a co-chair may name to write the minutes: a member sitting in the forum who is not
    a co-chair (the co-chairs write them anyway). None takes the designation back."""
    if user_id is None:
        return allow()
    seat = seat_of(s.forum, user_id)
    if seat is None:
        return refuse(_l("That person is not a member of this forum."), "user")
    if seat.is_chair:
        return refuse(_l("The co-chairs write the minutes already: name a member."), "user")
    return allow()


def may(user, s: ForumSession) -> dict[str, bool]:
    """What this person may do on the live page, as the page needs it: computed here for
    each person (and re-sent to their own windows when it changes) so that the page's
    script shows a control only where the server would accept it, and decides nothing."""
    return {"chair": bool(may_chair(user, s)), "take_part": bool(may_take_part(user, s)),
            "speak_and_vote": bool(may_speak_and_vote(user, s)), "write_minutes": bool(may_write_minutes(user, s))}
