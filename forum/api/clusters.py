"""/api/v1/cycles/<cycle>/clusters: the commitments of a cycle the IRM assesses together,
each cluster with its commitments (as /commitments lists them, with the assessment in force)
and the cluster's own assessment in force — what the cycle's clusters page shows
(commitments/cluster_routes.py)."""
from flask import url_for
from marshmallow import Schema, fields
from sqlalchemy import select

from ..commitments import assessment_queries, cluster_queries
from ..commitments.models import Commitment
from ..dashboards.figures import cycle_forums
from ..extensions import db
from ..opendata import records
from . import schemas
from .errors import ApiError
from .http import trail_head_time
from .operations import operation
from .routes import bp


class ClusterRecord(Schema):
    id = schemas.integer()
    name = schemas.string()
    cycle = schemas.string()
    created_at = schemas.moment()
    assessment = schemas.nested(schemas.AssessmentRecordSchema, allow_none=True, metadata={
        "description": "the cluster's assessment in force (recorded on each of its commitments); null until the IRM "
                       "assessed it together and the assessment counts"})
    commitments = schemas.list_of(fields.Nested(schemas.CommitmentSchema))
    html_url = schemas.string()


class Clusters(Schema):
    cycle = schemas.string()
    clusters = schemas.list_of(fields.Nested(ClusterRecord))
    html_url = schemas.string()


@operation(bp, "/cycles/<cycle>/clusters", Clusters, tag="commitments",
           summary="A cycle's clusters of commitments, with the IRM's assessment")
def cycle_clusters(cycle):
    """Each cluster of the cycle, oldest first: its commitments with their assessment in force,
    and the assessment the IRM gave the cluster as a whole (the one in force on its commitments
    when it names the cluster)."""
    if not cycle_forums(cycle):
        raise ApiError(404, "not_found", "No forum belongs to this cycle: it has no clusters.", field="cycle")
    found = cluster_queries.in_cycle(cycle)
    ids = [i for c in found for i in c.commitment_ids]
    rows = list(db.session.scalars(select(Commitment).where(Commitment.id.in_(ids or [0])).order_by(Commitment.id)))
    listed = {r["id"]: {**r, "url": url_for("api.commitment", ident=r["id"], _external=True),
                        "html_url": url_for("commitments.show", commitment_id=r["id"], _external=True)}
              for r in records.commitments(rows)}
    force = assessment_queries.in_force(ids)
    out = []
    for c in found:
        first = force.get(min(c.commitment_ids, default=0))
        own = records.assessment(first) if first is not None and first.cluster_id == c.id else None
        out.append({"id": c.id, "name": c.name, "cycle": c.cycle, "created_at": records.rfc3339(c.created_at),
                    "assessment": own, "commitments": [listed[i] for i in c.commitment_ids if i in listed],
                    "html_url": url_for("clusters.show", cluster_id=c.id, _external=True)})
    return {"cycle": cycle, "clusters": out,
            "html_url": url_for("clusters.index", cycle=cycle, _external=True)}, trail_head_time()
