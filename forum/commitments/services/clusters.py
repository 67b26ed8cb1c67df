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
from ...forums.queries import chair_seat
from .. import policy
from ..cluster_models import Cluster, ClusterMember
from ..cluster_queries import titles
from ..models import Commitment

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
