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
from .schemas import B, D, I, L, N, Ref, S, T


def OI(**kw) -> fields.Field:  # noqa: N802
    """A whole number that may be null."""
    return fields.Integer(required=True, allow_none=True, **kw)


def OF(**kw) -> fields.Field:  # noqa: N802
    return fields.Float(required=True, allow_none=True, **kw)


class PlanFigures(Schema):
    agreed = I(metadata={"description": "commitments in the cycle's agreed plan (the union of its forums')"})
    kept = I(metadata={"description": "adopted word for word"})
    altered = I()
    omitted = I()
    added = I(metadata={"description": "adopted without passing the forum"})
    share_kept = OF()
    share_adopted = OF(metadata={"description": "kept or altered, of the agreed"})
    discrepancies = I()
    answered_on_time = I()
    answered_late = I()
    waiting = I()
    overdue = I(metadata={"description": "waiting past the deadline"})
    dissents = I()


class AgreedItem(Schema):
    forum = I()
    agreed_item = I()
    agreed_at = T()
    plan_sha256 = S()
    commitment = I()
    version = I()
    title = S()
    sha256 = S(metadata={"description": "SHA-256 of the version's text, as on the trail's plan.agreed entry"})


class Instrument(Schema):
    id = I()
    kind = S(metadata={"description": "rm (Resolución Ministerial), ds (Decreto Supremo) or other"})
    number = S()
    issuer = S()
    published_on = D()
    starts_on = D()
    ends_on = D()
    url = S()
    pdf_sha256 = S(allow_none=True)
    retroactive = B()


# One commitment as the instrument adopted it: the OGP template's fields, as the models name them.
AdoptedText = type("AdoptedText", (Schema,), {"id": I(), "instrument": I(), "forum": I(),
                                              **{name: S() for name in FIELDS}})


class PlanMatch(Schema):
    forum = I()
    agreed_item = I()
    adopted = I()


class Dissent(Schema):
    organisation = N(Ref)
    reason = S()
    at = T()


class Discrepancy(Schema):
    id = I()
    forum = I()
    kind = S(metadata={"description": "omitted, altered, added, late or retroactive"})
    commitment = OI()
    agreed_item = OI()
    adopted = OI()
    instrument = OI()
    fields_ = L(fields.String(), data_key="fields", attribute="fields")
    days = OI()
    opened_at = T()
    due_at = T()
    state = S(metadata={"description": "on_time, late, waiting or overdue"})
    answer = S(allow_none=True)
    answered_at = T(allow_none=True)
    days_late = OI()
    dissents = L(fields.Nested(Dissent))


class AgreedAdopted(Schema):
    cycle = S()
    figures = N(PlanFigures)
    agreed = L(fields.Nested(AgreedItem))
    instruments = L(fields.Nested(Instrument))
    adopted = L(fields.Nested(AdoptedText))
    matches = L(fields.Nested(PlanMatch))
    discrepancies = L(fields.Nested(Discrepancy))
    html_url = S()


@operation(bp, "/cycles/<cycle>/agreed-adopted", AgreedAdopted, tag="figures",
           summary="A cycle's agreed plan against its adopted plan")
def agreed_adopted(cycle):
    """The plan both co-chairs of each forum signed, the official instrument, each discrepancy
    with the State's reasoned answer and civil society's dissents, and how much survived."""
    forums = cycle_forums(cycle)
    if not forums:
        raise ApiError(404, "not_found", "No forum belongs to this cycle.", field="cycle")
    return {**cycle_record(cycle_plans(forums, cycle)),
            "html_url": url_for("plans.cycle", cycle=cycle, _external=True)}, trail_head_time()
