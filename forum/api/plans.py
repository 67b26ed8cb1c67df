"""/api/v1/cycles/<cycle>/agreed-adopted: the agreed plan (each version's hash), the official
instruments and texts, the matches, every discrepancy with the State's answer and the
dissents, and the survival figures; the same record the page and the archive show."""
from flask import url_for
from marshmallow import Schema, fields

from ..dashboards.figures import cycle_forums
from ..opendata.plans import cycle_record
from ..plans.models import FIELDS
from ..plans.queries import cycle_plans
from .errors import ApiError
from .http import trail_head_time
from .operations import operation
from .routes import bp
from .schemas import RefSchema, boolean, day, integer, list_of, moment, nested, string


def optional_integer(**kw) -> fields.Field:
    """A whole number that may be null."""
    return fields.Integer(required=True, allow_none=True, **kw)


def optional_number(**kw) -> fields.Field:
    return fields.Float(required=True, allow_none=True, **kw)


class PlanFiguresSchema(Schema):
    agreed = integer(metadata={"description": "commitments in the cycle's agreed plan (the union of its forums')"})
    kept = integer(metadata={"description": "adopted word for word"})
    altered = integer()
    omitted = integer()
    added = integer(metadata={"description": "adopted without passing the forum"})
    share_kept = optional_number()
    share_adopted = optional_number(metadata={"description": "kept or altered, of the agreed"})
    discrepancies = integer()
    answered_on_time = integer()
    answered_late = integer()
    waiting = integer()
    overdue = integer(metadata={"description": "waiting past the deadline"})
    dissents = integer()


class AgreedItemSchema(Schema):
    forum = integer()
    agreed_item = integer()
    agreed_at = moment()
    plan_sha256 = string()
    commitment = integer()
    version = integer()
    title = string()
    sha256 = string(metadata={"description": "SHA-256 of the version's text, as on the trail's plan.agreed entry"})


class InstrumentSchema(Schema):
    id = integer()
    kind = string(metadata={"description": "rm (Resolución Ministerial), ds (Decreto Supremo) or other"})
    number = string()
    issuer = string()
    published_on = day()
    starts_on = day()
    ends_on = day()
    url = string()
    pdf_sha256 = string(allow_none=True)
    retroactive = boolean()


# One commitment as the instrument adopted it: the OGP template's fields, as the models name them.
AdoptedText = type("AdoptedText", (Schema,), {"id": integer(), "instrument": integer(), "forum": integer(),
                                              **{name: string() for name in FIELDS}})


class PlanMatchSchema(Schema):
    forum = integer()
    agreed_item = integer()
    adopted = integer()


class DissentSchema(Schema):
    organisation = nested(RefSchema)
    reason = string()
    at = moment()


class DiscrepancySchema(Schema):
    id = integer()
    forum = integer()
    kind = string(metadata={"description": "omitted, altered, added, late or retroactive"})
    commitment = optional_integer()
    agreed_item = optional_integer()
    adopted = optional_integer()
    instrument = optional_integer()
    fields_ = list_of(fields.String(), data_key="fields", attribute="fields")
    days = optional_integer()
    opened_at = moment()
    due_at = moment()
    state = string(metadata={"description": "on_time, late, waiting or overdue"})
    answer = string(allow_none=True)
    answered_at = moment(allow_none=True)
    days_late = optional_integer()
    dissents = list_of(fields.Nested(DissentSchema))


class AgreedAdoptedSchema(Schema):
    cycle = string()
    figures = nested(PlanFiguresSchema)
    agreed = list_of(fields.Nested(AgreedItemSchema))
    instruments = list_of(fields.Nested(InstrumentSchema))
    adopted = list_of(fields.Nested(AdoptedText))
    matches = list_of(fields.Nested(PlanMatchSchema))
    discrepancies = list_of(fields.Nested(DiscrepancySchema))
    html_url = string()


@operation(bp, "/cycles/<cycle>/agreed-adopted", AgreedAdoptedSchema, tag="figures",
           summary="A cycle's agreed plan against its adopted plan")
def agreed_adopted(cycle):
    """The plan both co-chairs of each forum signed, the official instrument, each discrepancy
    with the State's reasoned answer and civil society's dissents, and how much survived."""
    forums = cycle_forums(cycle)
    if not forums:
        raise ApiError(404, "not_found", "No forum belongs to this cycle.", field="cycle")
    return {**cycle_record(cycle_plans(forums, cycle)),
            "html_url": url_for("plans.cycle", cycle=cycle, _external=True)}, trail_head_time()
