"""The plan as agreed, read: the forum's adopted versions now with each text's SHA-256
(`snapshot`), the list's digest, the latest agreed plan and the pending one. The co-chairs'
keys (`sign`) are in `services/agreed.py`, which signs what `snapshot` reads."""
import hashlib
import json
from dataclasses import dataclass

from sqlalchemy import select

from ..commitments.models import Commitment, CommitmentVersion
from ..commitments.queries import adopted_versions
from ..extensions import db
from ..forums.models import Forum
from .models import AgreedPlan


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
