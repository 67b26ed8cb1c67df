"""The plan as agreed: both co-chairs sign the list of the forum's adopted commitment versions
as it stands, each with the SHA-256 of its text. The hashes go on the trail, so a checkpoint
taken then, checked with the offline verifier, proves this text existed before the official
one. The first key makes a pending plan; the second key on the same list makes it agreed. If
the list changed in between (a commitment adopted), the first key no longer covers it: the
new list is a new pending plan, to be signed by both."""
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select

from ... import trail
from ...commitments.models import Commitment, CommitmentVersion
from ...commitments.queries import adopted_versions
from ...core.clock import utcnow
from ...extensions import db
from ...forums.models import Forum
from ...forums.policy import acting_chair, both_keys
from .. import policy
from ..models import AgreedItem, AgreedKey, AgreedPlan


def version_hash(v: CommitmentVersion) -> str:
    """SHA-256 of the version's text, fields and milestones, as canonical JSON: anyone holding
    the version's public page can recompute it."""
    text = {"commitment": v.commitment_id, "version": v.number, "title": v.title, "problem": v.problem,
            "status_quo": v.status_quo, "description": v.description, "contribution": v.contribution,
            "ogp_relevance": v.ogp_relevance, "values": v.values, "start_date": v.start_date.isoformat(),
            "end_date": v.end_date.isoformat(),
            "milestones": [[m.position, m.description, m.start_date.isoformat(), m.end_date.isoformat()]
                           for m in v.milestones]}
    return hashlib.sha256(json.dumps(text, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
                          .encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Entry:
    commitment_id: int
    version: CommitmentVersion
    sha256: str


def snapshot(forum: Forum) -> list[Entry]:
    """The forum's adopted versions now, in commitment order."""
    return snapshots([forum]).get(forum.id, [])


def snapshots(forums: list[Forum]) -> dict[int, list[Entry]]:
    """forum id -> `snapshot`, for many forums in the same three statements."""
    if not forums:
        return {}
    adopted = list(db.session.scalars(select(Commitment).where(Commitment.forum_id.in_([f.id for f in forums]),
                                                               Commitment.adopted.is_not(None))))
    versions = adopted_versions(adopted)
    forum_of = {c.id: c.forum_id for c in adopted}
    out: dict[int, list[Entry]] = {}
    for cid in sorted(versions):
        out.setdefault(forum_of[cid], []).append(Entry(cid, versions[cid], version_hash(versions[cid])))
    return out


def digest(entries) -> str:
    return hashlib.sha256("\n".join(f"{e.commitment_id}:{e.version.number}:{e.sha256}" for e in entries)
                          .encode("ascii")).hexdigest()


def latest_agreed(forum: Forum) -> AgreedPlan | None:
    return db.session.scalar(select(AgreedPlan).where(AgreedPlan.forum_id == forum.id,
                                                      AgreedPlan.agreed_at.is_not(None))
                             .order_by(AgreedPlan.id.desc()).limit(1))


def pending(forum: Forum) -> AgreedPlan | None:
    """The newest plan with one key only, if it is newer than the last agreed one."""
    newest = db.session.scalar(select(AgreedPlan).where(AgreedPlan.forum_id == forum.id)
                               .order_by(AgreedPlan.id.desc()).limit(1))
    return newest if newest is not None and newest.agreed_at is None else None


def latest_and_pending(forums: list[Forum]) -> tuple[dict[int, AgreedPlan], dict[int, AgreedPlan]]:
    """(`latest_agreed`, `pending`) of many forums, by forum id, in one statement."""
    latest: dict[int, AgreedPlan] = {}
    newest: dict[int, AgreedPlan] = {}
    if forums:
        for p in db.session.scalars(select(AgreedPlan).where(AgreedPlan.forum_id.in_([f.id for f in forums]))
                                    .order_by(AgreedPlan.id)):
            newest[p.forum_id] = p
            if p.agreed_at is not None:
                latest[p.forum_id] = p
    return latest, {fid: p for fid, p in newest.items() if p.agreed_at is None}


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
