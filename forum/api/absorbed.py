"""/api/v1 resources for contributions absorbed without credit, per forum and per
commitment: the counts and every suggestion and claim, as the pages show them
(commitments/absorbed_queries.py). Registered on the API's blueprint by routes.py."""
from flask import url_for
from marshmallow import Schema, fields

from ..commitments.absorbed_queries import absorbed, as_json
from ..commitments.models import Commitment
from ..core.views import get_or_404
from ..forums.models import Forum
from .http import trail_head_time
from .operations import operation
from .schemas import integer, list_of, nested, string


class StateCountsSchema(Schema):
    pending = integer()
    linked = integer(metadata={"description": "linked suggestions; confirmed claims"})
    dismissed = integer(metadata={"description": "dismissed suggestions; rejected claims"})


class AbsorbedCountsSchema(Schema):
    suggestions = nested(StateCountsSchema)
    claims = nested(StateCountsSchema)


class AbsorbedSuggestionSchema(Schema):
    id = integer()
    commitment = integer()
    version = integer()
    source_type = string()
    source_id = integer()
    shared = integer(metadata={"description": "word sequences of the input found in the version"})
    total = integer(metadata={"description": "word sequences of the input"})
    share = fields.Float(required=True)
    passage = string()
    state = string()
    reason = fields.String(required=True, allow_none=True)
    link = fields.Integer(required=True, allow_none=True)


class AbsorbedClaimSchema(Schema):
    id = integer()
    commitment = integer()
    version = integer()
    proposal = integer()
    organisation = string()
    passage = string()
    state = string()
    reason = fields.String(required=True, allow_none=True)
    link = fields.Integer(required=True, allow_none=True)


class AbsorbedSchema(Schema):
    counts = nested(AbsorbedCountsSchema)
    suggestions = list_of(fields.Nested(AbsorbedSuggestionSchema))
    claims = list_of(fields.Nested(AbsorbedClaimSchema))
    html_url = string()


def register(bp) -> None:
    @operation(bp, "/forums/<int:ident>/absorbed", AbsorbedSchema, tag="commitments",
               summary="A forum's contributions absorbed without credit: suggestions and claims")
    def forum_absorbed(ident):
        """The detector's suggestions (pending, linked, dismissed with a reason) and the
        organisations' claims (pending, confirmed, rejected with a reason)."""
        f = get_or_404(Forum, ident)
        return {**as_json(absorbed(f.id, labelled=False)),
                "html_url": url_for("absorbed.forum_page", forum_id=f.id, _external=True)}, trail_head_time()

    @operation(bp, "/commitments/<int:ident>/absorbed", AbsorbedSchema, tag="commitments",
               summary="A commitment's contributions absorbed without credit: suggestions and claims")
    def commitment_absorbed(ident):
        """As the forum's, for one commitment's versions."""
        c = get_or_404(Commitment, ident)
        return {**as_json(absorbed(c.forum_id, c.id, labelled=False)),
                "html_url": url_for("absorbed.commitment_page", commitment_id=c.id, _external=True)}, \
            trail_head_time()
