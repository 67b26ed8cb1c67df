"""/api/v1/cycles/<cycle>/agreed-adopted: the agreed plan (each version's hash), the official
instruments and the titles of the texts they adopted, the matches, every discrepancy with the
State's answer and the dissents, and the survival figures; the record the page and the archive
show, less the adopted texts' full fields. Those come from /api/v1/adopted-texts/<id>, linked
from each item: at 500 commitments they made the answer 1.32 MB, and a client comparing the
plans needs the titles, hashes and kinds first, then the few texts it looks at."""
from flask import url_for
from marshmallow import Schema, fields, validate

from ..core.views import get_or_404
from ..dashboards.figures import cycle_forums
from ..forums.models import Forum
from ..opendata.plans import cycle_record
from ..plans.models import FIELDS, AdoptedText
from ..plans.queries import cycle_plans
from .errors import ApiError
from .http import trail_head_time
from .operations import operation
from .paging import page_sections
from .routes import bp, next_link
from .schemas import MAX_LIMIT, PagingSchema, RefSchema, boolean, day, integer, list_of, moment, nested, string

# The record's lists, in the order the pages walk them, and the field naming each row.
ROWS = {"agreed": "agreed_item", "instruments": "id", "adopted": "id", "matches": "agreed_item",
        "discrepancies": "id"}


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
    url = string(metadata={"description": "the commitment, with the agreed version's full text"})


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


class AdoptedTitleSchema(Schema):
    """One commitment as the instrument adopted it, in the cycle's list: its title and where its text is."""
    id = integer()
    instrument = integer()
    forum = integer()
    title = string()
    url = string(metadata={"description": "the adopted text with every field of the OGP template"})


# One commitment as the instrument adopted it: the OGP template's fields, as the models name them.
AdoptedTextSchema = type("AdoptedText", (Schema,), {"id": integer(), "instrument": integer(), "forum": integer(),
                                                    **{name: string() for name in FIELDS},
                                                    "cycle_url": string(), "url": string(), "html_url": string()})


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
    adopted = list_of(fields.Nested(AdoptedTitleSchema), metadata={
        "description": "the adopted texts by title; each one's fields (problem, status_quo, description, "
                       "contribution, ogp_relevance, values) at its url"})
    matches = list_of(fields.Nested(PlanMatchSchema))
    discrepancies = list_of(fields.Nested(DiscrepancySchema))
    html_url = string()
    next = string(allow_none=True, metadata={"description": "URL of the next page: the lists go on there"})
    next_cursor = string(allow_none=True)


class AgreedAdoptedArgsSchema(PagingSchema):
    limit = fields.Integer(load_default=MAX_LIMIT, validate=validate.Range(1, MAX_LIMIT), metadata={
        "description": f"rows per page, 1 to {MAX_LIMIT}, counted over the five lists (agreed, instruments, "
                       "adopted, matches, discrepancies), which the pages walk in that order"})


@operation(bp, "/cycles/<cycle>/agreed-adopted", AgreedAdoptedSchema, tag="figures",
           summary="A cycle's agreed plan against its adopted plan", args=AgreedAdoptedArgsSchema)
def agreed_adopted(cycle, args):
    """The plan both co-chairs of each forum signed, the official instrument, each discrepancy
    with the State's reasoned answer and civil society's dissents, and how much survived.
    The adopted texts are listed by title: each one's fields (problem, status quo, description,
    contribution, OGP relevance, values) are at its `url`, /api/v1/adopted-texts/{id}, and each
    agreed version's text at its commitment's `url`. Until 6 December 2026 the list carried the
    fields itself (1.32 MB for a cycle of 500 commitments). The five lists are paged together
    (follow `next`; each page has the cycle and its figures, and up to `limit` rows of the lists,
    the agreed rows first): the agreed rows alone grew about 0.5 kB a commitment."""
    forums = cycle_forums(cycle)
    if not forums:
        raise ApiError(404, "not_found", "No forum belongs to this cycle.", field="cycle")
    record = cycle_record(cycle_plans(forums, cycle))
    cursor = page_sections(record, ROWS, args)
    for row in record["agreed"]:
        row["url"] = url_for("api.commitment", ident=row["commitment"], _external=True)
    record["adopted"] = [{"id": t["id"], "instrument": t["instrument"], "forum": t["forum"], "title": t["title"],
                          "url": url_for("api.adopted_text", ident=t["id"], _external=True)}
                         for t in record["adopted"]]
    return {**record, "html_url": url_for("plans.cycle", cycle=cycle, _external=True),
            "next": next_link(cursor), "next_cursor": cursor}, trail_head_time()


@operation(bp, "/adopted-texts/<int:ident>", AdoptedTextSchema, tag="figures",
           summary="One commitment as an official instrument adopted it")
def adopted_text(ident):
    """Every field of the OGP template as the instrument adopted it, to read beside the agreed
    version (the commitment's url in the cycle's agreed list)."""
    t = get_or_404(AdoptedText, ident)
    cycle = get_or_404(Forum, t.forum_id).cycle
    return {"id": t.id, "instrument": t.instrument_id, "forum": t.forum_id,
            **{name: getattr(t, name) for name in FIELDS},
            "cycle_url": url_for("api.agreed_adopted", cycle=cycle, _external=True),
            "url": url_for("api.adopted_text", ident=t.id, _external=True),
            "html_url": url_for("plans.cycle", cycle=cycle, _external=True)}, trail_head_time()
