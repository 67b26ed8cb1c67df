"""Grouping a cycle's commitments in clusters the IRM assesses together (the assessment
itself: assessments.assess_cluster). Formed once, on the trail; a commitment belongs to
one cluster at most."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import trail
from ...accounts.policy import is_admin
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.text import clean
from ...extensions import db
from ...forums.models import Forum
from ...forums.queries import chair_seat
from .. import policy
from ..cluster_models import Cluster, ClusterMember
from ..models import Commitment, CommitmentVersion

NAME_MAX = 200


def create(actor, cycle: str, name: str, commitment_ids: list[int]) -> Cluster:
    policy.may_create_cluster(actor, cycle).require()
    name = clean(name, "name", max_len=NAME_MAX)
    ids = sorted(set(commitment_ids or []))
    if len(ids) < 2:
        raise DomainError(_l("Choose two or more commitments: a cluster groups several."), "commitments")
    found = {c.id: c for c in db.session.scalars(select(Commitment).where(Commitment.id.in_(ids)))}
    if len(found) != len(ids):
        raise DomainError(_l("This choice names nothing here: choose one of the options."), "commitments")
    named = titles(ids)
    admin = is_admin(actor)
    for cid in ids:
        c = found[cid]
        if c.forum.cycle != cycle:
            raise DomainError(_l("«%(title)s» belongs to the cycle %(other)s, not %(cycle)s.", title=named[cid],
                                 other=c.forum.cycle, cycle=cycle), "commitments")
        if not admin and chair_seat(actor, c.forum) is None:
            raise DomainError(_l("You do not co-chair the forum of «%(title)s»: only its co-chairs or a platform "
                                 "administrator may put it in a cluster.", title=named[cid]), "commitments")
    taken = db.session.execute(select(ClusterMember.commitment_id, Cluster.name).join(
        Cluster, Cluster.id == ClusterMember.cluster_id).where(ClusterMember.commitment_id.in_(ids))).first()
    if taken is not None:
        raise DomainError(_l("«%(title)s» is already in the cluster «%(cluster)s».", title=named[taken[0]],
                             cluster=taken[1]), "commitments")
    cluster = Cluster(name=name, cycle=cycle, created_by_id=actor.id, created_at=utcnow())
    db.session.add(cluster)
    db.session.flush()
    db.session.add_all(ClusterMember(cluster_id=cluster.id, commitment_id=cid) for cid in ids)
    trail.record("cluster.created", cluster, actor=actor, payload={"name": name, "cycle": cycle, "commitments": ids})
    return cluster


def titles(ids) -> dict[int, str]:
    """Each commitment's newest title, in one query."""
    return dict(db.session.execute(select(CommitmentVersion.commitment_id, CommitmentVersion.title).join(
        Commitment, (Commitment.id == CommitmentVersion.commitment_id)
        & (Commitment.latest == CommitmentVersion.number)).where(Commitment.id.in_(ids))).all())


def in_cycle(cycle: str) -> list[Cluster]:
    return list(db.session.scalars(select(Cluster).where(Cluster.cycle == cycle).order_by(Cluster.id)))


def of_commitments(ids) -> dict[int, Cluster]:
    """commitment id -> its cluster, in one query."""
    ids = list(ids)
    if not ids:
        return {}
    return {cid: cluster for cid, cluster in db.session.execute(
        select(ClusterMember.commitment_id, Cluster).join(Cluster, Cluster.id == ClusterMember.cluster_id)
        .where(ClusterMember.commitment_id.in_(ids))).all()}


def choices(cycle: str) -> list[tuple[int, str]]:
    """The cycle's commitments not yet in a cluster, for the form: (id, "forum — title")."""
    rows = db.session.execute(select(Commitment.id, Forum.title).join(Forum, Forum.id == Commitment.forum_id)
                              .where(Forum.cycle == cycle, Commitment.id.not_in(select(ClusterMember.commitment_id)))
                              .order_by(Forum.title, Commitment.id)).all()
    named = titles([r[0] for r in rows])
    return [(cid, f"{forum} — {named.get(cid, '')}") for cid, forum in rows]
