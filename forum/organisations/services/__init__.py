"""Organisations: registration, verification by a platform admin, and membership."""
import re

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.text import clean
from ...extensions import db
from .. import policy
from ..models import MemberStatus, Organisation, OrgKind, OrgMembership, OrgStatus

NAME_MAX = 160
NAME_MIN = 2
WEBSITE_MAX = 300
DESCRIPTION_MAX = 5000
REASON_MIN, REASON_MAX = 10, 2000


def name_key(name: str) -> str:
    return re.sub(r"\s+", " ", name).strip().casefold()


def register_organisation(actor, name, kind, website, description) -> Organisation:
    """Anyone signed in may register one; they become its first admin once it is verified."""
    name = clean(name, "name", max_len=NAME_MAX, min_len=NAME_MIN)
    if kind not in set(OrgKind):
        raise DomainError(_l("Choose a kind of organisation."), "kind")
    website = clean(website, "website", max_len=WEBSITE_MAX, required=False) or None
    if website and not re.match(r"^https?://[^\s/$.?#].[^\s]*$", website):
        raise DomainError(_l("Enter a web address starting with http:// or https://."), "website")
    description = clean(description, "description", max_len=DESCRIPTION_MAX, required=False)
    key = name_key(name)
    if db.session.scalar(select(Organisation.id).where(Organisation.name_key == key)):
        raise DomainError(_l("An organisation with this name is already registered: ask to join it."), "name")
    org = Organisation(name=name, name_key=key, kind=kind, website=website,
                       description=description, created_by_id=actor.id)
    db.session.add(org)
    db.session.add(OrgMembership(organisation=org, user_id=actor.id, is_admin=True))
    trail.record("organisation.registered", org, actor=actor, payload={"kind": kind})
    return org


def verify_organisation(admin, org: Organisation) -> None:
    """Verification approves the founder too: the platform admin vouches for both at once."""
    policy.may_verify(admin).require()
    if org.status == OrgStatus.VERIFIED:
        raise DomainError(_l("This organisation is already verified."))
    org.status, org.status_reason, org.verified_at = OrgStatus.VERIFIED, None, utcnow()
    trail.record("organisation.verified", org, actor=admin, payload={"kind": org.kind})
    for m in org.memberships:
        if m.user_id == org.created_by_id and m.status == MemberStatus.PENDING:
            _decide(admin, m, True, None)


def reject_organisation(admin, org: Organisation, reason: str) -> None:
    policy.may_verify(admin).require()
    reason = clean(reason, "reason", max_len=REASON_MAX, min_len=REASON_MIN)
    if org.status != OrgStatus.PENDING:
        raise DomainError(_l("Only a pending organisation can be rejected."))
    org.status, org.status_reason = OrgStatus.REJECTED, reason
    trail.record("organisation.rejected", org, actor=admin, payload={"reason": reason})


def request_membership(actor, org: Organisation) -> OrgMembership:
    existing = db.session.scalar(select(OrgMembership).where(
        OrgMembership.organisation_id == org.id, OrgMembership.user_id == actor.id))
    if existing is not None and existing.status != MemberStatus.REJECTED:
        raise DomainError(_l("You already belong to this organisation or have asked to."))
    if org.status == OrgStatus.REJECTED:
        raise DomainError(_l("This organisation was not verified; it cannot take members."))
    if existing is None:
        existing = OrgMembership(organisation=org, user_id=actor.id)
        db.session.add(existing)
    existing.status, existing.decided_at, existing.decided_by_id = MemberStatus.PENDING, None, None
    trail.record("organisation.join_requested", org, actor=actor, payload={"user": actor.id})
    return existing


def decide_membership(actor, membership: OrgMembership, approve: bool) -> None:
    """Existing organisation admins decide; a platform admin may always decide."""
    policy.may_manage(actor, membership.organisation).require()
    if membership.status != MemberStatus.PENDING:
        raise DomainError(_l("This request was already decided."))
    _decide(actor, membership, approve, membership.organisation)


def _decide(actor, membership: OrgMembership, approve: bool, actor_org) -> None:
    membership.status = MemberStatus.APPROVED if approve else MemberStatus.REJECTED
    membership.decided_at, membership.decided_by_id = utcnow(), actor.id
    action = "organisation.member_approved" if approve else "organisation.member_rejected"
    acting = actor_org if actor_org is not None and not actor.is_admin else None
    trail.record(action, membership.organisation, actor=actor, actor_org=acting,
                 payload={"user": membership.user_id, "admin": membership.is_admin})
