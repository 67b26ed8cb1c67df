"""Read-only questions about organisations and who acts for them."""
from sqlalchemy import select

from ..extensions import db
from .models import MemberStatus, Organisation, OrgMembership, OrgStatus


def approved_membership(user, organisation) -> OrgMembership | None:
    """The user's approved tie to a verified organisation, or None."""
    if user is None or organisation is None or not organisation.is_verified:
        return None
    if not getattr(user, "is_authenticated", True):
        return None
    return db.session.scalar(select(OrgMembership).where(
        OrgMembership.user_id == user.id,
        OrgMembership.organisation_id == organisation.id,
        OrgMembership.status == MemberStatus.APPROVED))


def acting_organisations(user) -> list[Organisation]:
    """Verified organisations the user may act for, by name."""
    if user is None or not getattr(user, "is_authenticated", True):
        return []
    return list(db.session.scalars(
        select(Organisation).join(OrgMembership)
        .where(OrgMembership.user_id == user.id, OrgMembership.status == MemberStatus.APPROVED,
               Organisation.status == OrgStatus.VERIFIED)
        .order_by(Organisation.name)))


def pending_organisations() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).where(
        Organisation.status == OrgStatus.PENDING).order_by(Organisation.created_at)))
