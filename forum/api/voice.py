"""Whose voice reached the plan, in the API: a forum's and a cycle's figures by region, by
channel and by invited against self-joined organisations, as the pages count them
(forum/voice/figures.py). A group of fewer than 5 people carries `fewer_than_5: true` and
null figures, never its counts."""
from flask import url_for
from marshmallow import Schema, fields

from ..core.views import get_or_404
from ..dashboards.figures import cycle_forums
from ..forums.models import Forum
from ..voice import figures
from .errors import ApiError
from .http import trail_head_time
from .operations import operation
from .routes import bp
from .schemas import boolean, integer, list_of, nested, string


def _maybe(kind, **kw):
    return kind(required=True, allow_none=True, **kw)


class VoiceGroupSchema(Schema):
    group = string(metadata={"description": "an INEI ubigeo code (1501: Lima Metropolitana; 15: the rest of Lima "
                                       "department), 'unknown'; a channel; or invited / self_joined"})
    fewer_than_5 = boolean(metadata={"description": "fewer than 5 people: the figures are withheld (null)"})
    people = _maybe(fields.Integer)
    received = _maybe(fields.Integer)
    answered = _maybe(fields.Integer)
    shaped = _maybe(fields.Integer, metadata={"description": "adopted commitments whose text in force grew out of "
                                                             "at least one of the group's inputs"})
    share_shaped = _maybe(fields.Float)


class VoiceBySchema(Schema):
    region = list_of(fields.Nested(VoiceGroupSchema))
    channel = list_of(fields.Nested(VoiceGroupSchema))
    admission = list_of(fields.Nested(VoiceGroupSchema))


class VoiceTargetSchema(Schema):
    dimension = string()
    group = string()
    outside = boolean()
    percent = integer()
    inputs = _maybe(fields.Integer, metadata={"description": "null when the group has fewer than 5 people"})
    total = _maybe(fields.Integer)
    met = _maybe(fields.Boolean, metadata={"description": "null: no input yet"})


class VoiceSchema(Schema):
    received = integer()
    answered = integer()
    adopted_commitments = integer()
    fewer_than = integer()
    by = nested(VoiceBySchema)
    targets = list_of(fields.Nested(VoiceTargetSchema))
    html_url = string()


@operation(bp, "/forums/<int:ident>/voice", VoiceSchema, tag="figures", summary="Whose voice reached a forum's plan")
def forum_voice(ident):
    """Inputs received, answered and the share of adopted commitments each group shaped, by
    region, channel and invited or self-joined organisation, with the forum's targets."""
    f = get_or_404(Forum, ident)
    return {**figures.to_json(figures.for_forums([f.id])), "html_url": url_for("forums.show", forum_id=f.id,
                                                                                _external=True)}, trail_head_time()


@operation(bp, "/cycles/<cycle>/voice", VoiceSchema, tag="figures", summary="Whose voice reached a cycle's plan")
def cycle_voice(cycle):
    """The same figures over every forum of the cycle (targets are each forum's own)."""
    forums = cycle_forums(cycle)
    if not forums:
        raise ApiError(404, "not_found", "No forum belongs to this cycle.", field="cycle")
    v = figures.for_forums([f.id for f in forums], with_targets=False)
    return {**figures.to_json(v), "html_url": url_for("dashboards.cycle", cycle=cycle, _external=True)}, \
        trail_head_time()
