"""The plan as agreed: both co-chairs sign the list of the forum's adopted commitment versions
as it stands, each with the SHA-256 of its text. The hashes go on the trail, so a checkpoint
taken then, checked with the offline verifier, proves this text existed before the official
one. The first key makes a pending plan; the second key on the same list makes it agreed. If
the list changed in between (a commitment adopted), the first key no longer covers it: the
new list is a new pending plan, to be signed by both."""

from sqlalchemy import select

from ... import trail
from ...core.clock import utcnow
from ...extensions import db
from ...forums.models import Forum
from ...forums.policy import acting_chair, both_keys
from .. import policy
from ..agreed_queries import digest, pending, snapshot
from ..models import AgreedItem, AgreedKey, AgreedPlan


def sign(actor, forum: Forum) -> AgreedPlan:
    """One co-chair's key on the forum's plan as it stands; returns the plan (agreed once
    `agreed_at` is set)."""
    policy.may_sign_agreed(actor, forum).require()
    seat = acting_chair(actor, forum)
    entries = snapshot(forum)
    sha = digest(entries)
    plan = pending(forum)
    if plan is None or plan.sha256 != sha:
        plan = AgreedPlan(forum_id=forum.id, sha256=sha, created_at=utcnow())
        db.session.add(plan)
        db.session.flush()
        db.session.add_all([AgreedItem(plan_id=plan.id, commitment_id=e.commitment_id, version_id=e.version.id,
                                       version_number=e.version.number, sha256=e.sha256) for e in entries])
    db.session.add(AgreedKey(plan_id=plan.id, side=seat.role, user_id=actor.id,
                             organisation_id=seat.organisation_id, created_at=utcnow()))
    versions = [{"commitment": e.commitment_id, "version": e.version.number, "sha256": e.sha256} for e in entries]
    trail.record("plan.agreed_signed", plan, actor=actor, actor_org=seat.organisation, forum=forum,
                 payload={"side": seat.role, "sha256": sha, "versions": versions})
    sides = set(db.session.scalars(select(AgreedKey.side).where(AgreedKey.plan_id == plan.id)))
    if both_keys(sides):
        plan.agreed_at = utcnow()
        trail.record("plan.agreed", plan, actor=actor, actor_org=seat.organisation, forum=forum,
                     payload={"sha256": sha, "versions": versions})
    return plan
