"""Who may do what. Every service asks here; views and socket handlers never decide.

Each function answers one question about one actor; ``require`` turns a "no" into
PermissionDenied with a message the user can act on.
"""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..extensions import db
from .errors import PermissionDenied


def require(allowed: bool, message=None) -> None:
    if not allowed:
        raise PermissionDenied(message or _l("You are not allowed to do this."))


def is_admin(user) -> bool:
    return bool(user is not None and getattr(user, "is_authenticated", True) and user.is_admin)


def require_admin(user) -> None:
    require(is_admin(user), _l("Only a platform administrator can do this."))


def approved_membership(user, organisation):
    """The user's approved tie to a verified organisation, or None."""
    from ..organisations.models import MemberStatus, OrgMembership

    if user is None or not organisation.is_verified:
        return None
    return db.session.scalar(select(OrgMembership).where(
        OrgMembership.user_id == user.id,
        OrgMembership.organisation_id == organisation.id,
        OrgMembership.status == MemberStatus.APPROVED))


def acting_organisations(user) -> list:
    """Verified organisations the user may act for, by name."""
    from ..organisations.models import MemberStatus, Organisation, OrgMembership, OrgStatus

    if user is None or not getattr(user, "is_authenticated", True):
        return []
    return list(db.session.scalars(
        select(Organisation).join(OrgMembership)
        .where(OrgMembership.user_id == user.id, OrgMembership.status == MemberStatus.APPROVED,
               Organisation.status == OrgStatus.VERIFIED)
        .order_by(Organisation.name)))


def can_manage_organisation(user, organisation) -> bool:
    """Organisation admins decide join requests; platform admins always may."""
    if is_admin(user):
        return True
    membership = approved_membership(user, organisation)
    return membership is not None and membership.is_admin


def active_seat(user, forum):
    if user is None or not getattr(user, "is_authenticated", True):
        return None
    return seat_of(forum, user.id)


def seat_of(forum, user_id):
    """The active seat of the person with this id (a number from a form or socket event,
    so anything else is simply nobody's), or None."""
    from ..forums.models import Seat

    if not isinstance(user_id, int) or isinstance(user_id, bool):
        return None
    return db.session.scalar(select(Seat).where(
        Seat.forum_id == forum.id, Seat.user_id == user_id, Seat.ended_at.is_(None)))


def chair_seat(user, forum):
    """The user's co-chair seat in this forum — and only this forum — or None."""
    seat = active_seat(user, forum)
    return seat if seat is not None and seat.is_chair else None


def require_chair(user, forum):
    seat = chair_seat(user, forum)
    require(seat is not None, _l("Only the co-chairs of this forum can do this."))
    return seat
