"""Read-only questions about organisations and who acts for them."""

from sqlalchemy import func, select

from ..core.text import fold
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


_PENDING = Organisation.status == OrgStatus.PENDING


def pending_organisations() -> list[Organisation]:
    return list(db.session.scalars(select(Organisation).where(_PENDING).order_by(Organisation.created_at)))


def pending_count() -> int:
    """How many wait for an admin's verification (the navigation's count, on every page)."""
    return db.session.scalar(select(func.count()).select_from(Organisation).where(_PENDING)) or 0


def verified(q: str | None = None) -> list[Organisation]:
    """The verified organisations, by kind and name; with `q`, those whose name or
    description holds every word of it (accents and case ignored)."""
    orgs = list(db.session.scalars(select(Organisation).where(Organisation.status == OrgStatus.VERIFIED)
                                   .order_by(Organisation.kind, Organisation.name)))
    words = fold(q or "").split()[:10]
    if not words:
        return orgs
    return [o for o in orgs if all(w in fold(f"{o.name} {o.description}") for w in words)]
