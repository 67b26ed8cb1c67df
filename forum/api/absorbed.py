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
from .schemas import I, L, N, S


class StateCounts(Schema):
    pending = I()
    linked = I(metadata={"description": "linked suggestions; confirmed claims"})
    dismissed = I(metadata={"description": "dismissed suggestions; rejected claims"})


class AbsorbedCounts(Schema):
    suggestions = N(StateCounts)
    claims = N(StateCounts)


class AbsorbedSuggestion(Schema):
    id = I()
    commitment = I()
    version = I()
    source_type = S()
    source_id = I()
    shared = I(metadata={"description": "word sequences of the input found in the version"})
    total = I(metadata={"description": "word sequences of the input"})
    share = fields.Float(required=True)
    passage = S()
    state = S()
    reason = fields.String(required=True, allow_none=True)
    link = fields.Integer(required=True, allow_none=True)


class AbsorbedClaim(Schema):
    id = I()
    commitment = I()
    version = I()
    proposal = I()
    organisation = S()
    passage = S()
    state = S()
    reason = fields.String(required=True, allow_none=True)
    link = fields.Integer(required=True, allow_none=True)


class Absorbed(Schema):
    counts = N(AbsorbedCounts)
    suggestions = L(fields.Nested(AbsorbedSuggestion))
    claims = L(fields.Nested(AbsorbedClaim))
    html_url = S()


def register(bp) -> None:
    @operation(bp, "/forums/<int:ident>/absorbed", Absorbed, tag="commitments",
               summary="A forum's contributions absorbed without credit: suggestions and claims")
    def forum_absorbed(ident):
        """The detector's suggestions (pending, linked, dismissed with a reason) and the
        organisations' claims (pending, confirmed, rejected with a reason)."""
        f = get_or_404(Forum, ident)
        return {**as_json(absorbed(f.id, labelled=False)),
                "html_url": url_for("absorbed.forum_page", forum_id=f.id, _external=True)}, trail_head_time()

    @operation(bp, "/commitments/<int:ident>/absorbed", Absorbed, tag="commitments",
               summary="A commitment's contributions absorbed without credit: suggestions and claims")
    def commitment_absorbed(ident):
        """As the forum's, for one commitment's versions."""
        c = get_or_404(Commitment, ident)
        return {**as_json(absorbed(c.forum_id, c.id, labelled=False)),
                "html_url": url_for("absorbed.commitment_page", commitment_id=c.id, _external=True)}, \
            trail_head_time()
