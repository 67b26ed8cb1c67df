"""What anyone may ask of the IRM's clusters, without changing them: a cycle's clusters, the
cluster of each commitment, the commitments still free to group and their newest titles. The
writer that forms a cluster is in `services/clusters.py`."""
from sqlalchemy import select

from ..extensions import db
from ..forums.models import Forum
from .cluster_models import Cluster, ClusterMember
from .models import Commitment, CommitmentVersion


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
