"""Who may do what in a forum, and the forum states every other area asks about.

"The forum is open" is written here once: proposals, endorsements, discussion,
consultations, sessions and commitments all ask `is_open`.
"""
from flask_babel import lazy_gettext as _l

from ..accounts.policy import is_admin, must_be_admin, signed_in
from ..core.policy import Decision, allow, deny, first_refusal, refuse
from .models import Forum, ForumStatus, Seat, SeatRole
from .queries import active_seat, chair_seat, civil_chair_organisations


def is_open(forum: Forum) -> Decision:
    if forum.status == ForumStatus.OPEN:
        return allow()
    if forum.status == ForumStatus.CLOSED:
        return refuse(_l("This forum is closed: it takes no new proposals, comments, consultations or sessions."))
    return refuse(_l("This forum is not open yet: it opens once both co-chairs are appointed."))


def not_closed(forum: Forum) -> Decision:
    return refuse(_l("This forum is closed.")) if forum.status == ForumStatus.CLOSED else allow()


NOT_CHAIR = _l("Only the co-chairs of this forum can do this.")


def is_chair(user, forum: Forum) -> Decision:
    return allow() if chair_seat(user, forum) is not None else deny(NOT_CHAIR)


def both_keys(sides) -> bool:
    """A two-key decision (adopting a commitment version, publishing minutes) is taken once
    both sides, the State's and civil society's co-chair, have turned their key."""
    return set(sides) >= {SeatRole.STATE_CHAIR, SeatRole.CIVIL_CHAIR}


def acting_chair(user, forum: Forum) -> Seat:
    """The seat a co-chair acts from: its organisation signs the trail entry. Services call
    it after the action's predicate; it still refuses anyone who is not a co-chair."""
    seat = chair_seat(user, forum)
    if seat is None:
        raise deny(NOT_CHAIR).error()
    return seat


def is_member(user, forum: Forum, reason=None) -> Decision:
    """Any active seat, co-chairs included."""
    if signed_in(user) and active_seat(user, forum) is not None:
        return allow()
    return deny(reason or _l("Only members of this forum can do this."))


def may_create_forum(user) -> Decision:
    return must_be_admin(user)


def may_appoint_chair(user, forum: Forum) -> Decision:
    return first_refusal(must_be_admin(user), lambda: not_closed(forum))


def may_add_member(user, forum: Forum) -> Decision:
    return first_refusal(is_chair(user, forum), lambda: not_closed(forum))


def may_remove_member(user, forum: Forum) -> Decision:
    return is_chair(user, forum)


def may_remove_seat(user, seat: Seat) -> Decision:
    """Removing this one person: a co-chair may remove a member, never the other co-chair
    (nor themselves), whose seat only a platform administrator replaces."""
    return first_refusal(
        may_remove_member(user, seat.forum),
        lambda: refuse(_l("A co-chair is replaced by a platform administrator, not removed.")) if seat.is_chair
        else allow())


def may_register_witness(user) -> Decision:
    """A witness key for an organisation: a platform admin (for any verified organisation),
    and a forum's civil-society co-chair (for the organisation of their seat), since the
    forums' civil-society side is the first that must be able to check the record."""
    if is_admin(user) or civil_chair_organisations(user):
        return allow()
    return deny(_l("Only a platform administrator or a forum's civil-society co-chair registers a witness."))


def may_change_status(user, forum: Forum) -> Decision:
    return first_refusal(is_chair(user, forum), lambda: not_closed(forum))


def may_change_settings(user, forum: Forum) -> Decision:
    """The response deadline, session notice and quorum rule."""
    return is_chair(user, forum)
