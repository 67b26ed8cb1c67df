"""The shape of every API answer, written once: marshmallow dumps the public records
(forum/opendata/records.py) through these schemas, so a field not declared here never
leaves the server, and apispec turns the same classes into the OpenAPI description.
Query-argument schemas parse and check the filters with the reason for a refusal."""
from marshmallow import RAISE, Schema, fields, validate

from ..commitments.models import How, Level
from ..commitments.verifiability import Finding, Verdict
from ..consultations.models import Phase
from ..forums.models import ForumStatus
from ..organisations.models import OrgKind, OrgStatus
from ..proposals.models import OgpValue, Status
from ..proposals.queries import STAGES

MAX_LIMIT = 100


def req(field: fields.Field) -> fields.Field:
    field.required = True
    return field


def string(**kw) -> fields.Field:
    return fields.String(required=True, **kw)


def integer(**kw) -> fields.Field:
    return fields.Integer(required=True, **kw)


def moment(**kw) -> fields.Field:
    """An RFC 3339 time with its offset, already formatted by the records."""
    return fields.String(required=True, metadata={"format": "date-time", **kw.pop("metadata", {})}, **kw)


def day(**kw) -> fields.Field:
    return fields.String(required=True, **{**kw, "metadata": {"format": "date", **kw.get("metadata", {})}})


def boolean(**kw) -> fields.Field:
    return fields.Boolean(required=True, **kw)


def list_of(inner, **kw) -> fields.Field:
    return fields.List(inner, required=True, **kw)


def nested(schema, **kw) -> fields.Field:
    return fields.Nested(schema, required=True, **kw)


class RefSchema(Schema):
    id = integer()
    name = string()


class ForumRefSchema(Schema):
    id = integer()
    title = string()


class LinksSchema(Schema):
    url = string(metadata={"description": "this resource in the API"})
    html_url = string(metadata={"description": "the page people read"})


# --- forums and organisations -------------------------------------------------------------

class CycleSchema(Schema):
    id = string(metadata={"description": "the action plan's years, e.g. 2019-2021"})
    forums_count = integer()
    url = string()
    figures_url = string()


class ForumSchema(LinksSchema):
    id = integer()
    title = string()
    sector = string()
    cycle = string()
    status = string(validate=validate.OneOf(list(ForumStatus)))
    description = string()
    influence_target = string(metadata={"description": "IAP2 level the forum aims for"})
    response_deadline_days = integer()
    session_notice_days = integer()
    quorum_rule = string()
    members_count = integer()
    created_at = moment()


class SeatRecordSchema(Schema):
    person = nested(RefSchema)
    organisation = nested(RefSchema)
    group = string(validate=validate.OneOf(list(OrgKind)))
    role = string(metadata={"description": "member, state_chair or civil_chair"})
    since = moment()


class ForumDetailSchema(ForumSchema):
    terms_of_reference = string(metadata={"description": "Markdown"})
    co_chairs = list_of(fields.Nested(SeatRecordSchema))
    members = list_of(fields.Nested(SeatRecordSchema))
    counts_by_group = req(fields.Dict(keys=fields.String(), values=fields.Integer()))


class OrganisationSchema(LinksSchema):
    id = integer()
    name = string()
    kind = string(validate=validate.OneOf(list(OrgKind)))
    status = string(validate=validate.OneOf(list(OrgStatus)))
    website = string(allow_none=True)
    description = string()
    created_at = moment()


# --- proposals ----------------------------------------------------------------------------

class ProposalSchema(LinksSchema):
    id = integer()
    forum = nested(ForumRefSchema)
    organisation = nested(RefSchema)
    group = string()
    channel = string(metadata={"description": "online, workshop, paper or email: how it reached the forum"})
    region = string(allow_none=True, metadata={"description": "INEI ubigeo code of its region (1501: Lima "
                                                         "Metropolitana); null when not recorded"})
    status = string(validate=validate.OneOf(list(Status)))
    fate = string(allow_none=True, metadata={"description": "what became of it in the action plan, when known"})
    hidden = boolean()
    hidden_reason = string(allow_none=True)
    title = string(allow_none=True, metadata={"description": "null when hidden by the co-chairs"})
    problem = string(allow_none=True)
    proposal = string(allow_none=True)
    expected_result = string(allow_none=True)
    values = list_of(fields.String())
    links = list_of(fields.String())
    version = integer()
    submitted_at = moment()
    first_response_at = moment(allow_none=True)
    withdrawn_at = moment(allow_none=True)
    merged_into = integer(allow_none=True)
    endorsement_count = integer()
    endorsements_from_organisations = integer(metadata={"description": "given on behalf of an organisation"})


class ResponseRecordSchema(Schema):
    revision = integer()
    outcome = string()
    reason = string()
    merged_into = integer(allow_none=True)
    at = moment()
    responder = nested(RefSchema)
    organisation = nested(RefSchema, allow_none=True)


class ProposalVersionSchema(Schema):
    number = integer()
    title = string()
    problem = string()
    proposal = string()
    expected_result = string()
    values = list_of(fields.String())
    at = moment()


class ProposalDetailSchema(ProposalSchema):
    responses = list_of(fields.Nested(ResponseRecordSchema))
    versions = list_of(fields.Nested(ProposalVersionSchema))


# --- consultations ------------------------------------------------------------------------

class ConsultationSchema(LinksSchema):
    id = integer()
    forum = nested(ForumRefSchema)
    title = string()
    introduction = string()
    commitment = integer(allow_none=True)
    version_number = integer(allow_none=True)
    starts_at = moment()
    ends_at = moment()
    phase = string(validate=validate.OneOf(list(Phase)))
    audience = string()
    visibility = string()
    comments_published = boolean()
    promise_level = string()
    promise = string()
    document_sha256 = string()
    concluded_at = moment(allow_none=True)
    comments_count = integer()


class ParagraphSchema(Schema):
    number = integer()
    section = string()
    text = string()


class CommentAnswerSchema(Schema):
    outcome = string()
    reason = string()
    at = moment()
    organisation = nested(RefSchema, allow_none=True)


class CommentRecordSchema(Schema):
    id = integer()
    paragraph = integer(allow_none=True)
    group = string()
    organisation = nested(RefSchema, allow_none=True)
    hidden = boolean()
    hidden_reason = string(allow_none=True)
    body = string(allow_none=True)
    suggestion = string(allow_none=True)
    at = moment()
    channel = string(metadata={"description": "online, workshop, paper or email: how it reached the forum"})
    region = string(allow_none=True, metadata={"description": "INEI ubigeo code of where it comes from (1501: Lima "
                                                             "Metropolitana); its organisation's by default"})
    nonce = string(allow_none=True, metadata={
        "description": "salt of the trail's commitment to this comment (consultation.commented); null when hidden"})
    answer = string(allow_none=True)
    answered_at = moment(allow_none=True)
    responses = list_of(fields.Nested(CommentAnswerSchema))


class ConsultationDetailSchema(ConsultationSchema):
    paragraphs = list_of(fields.Nested(ParagraphSchema))
    comments = list_of(fields.Nested(CommentRecordSchema))


# --- commitments --------------------------------------------------------------------------

class AssessmentRecordSchema(Schema):
    number = integer()
    version = integer()
    relevance = list_of(fields.String())
    verifiable = boolean(allow_none=True)
    potential = string()
    completion = string(allow_none=True)
    opened_government = string(allow_none=True)
    reason = string()
    assessor = string()
    at = moment()
    in_force = boolean()
    scale = integer(metadata={"description": "the IRM's scale the fields were given on: 1, its earlier one (potential "
                                       "no/modest/substantial); 2, its current one (potential unclear/modest/"
                                       "substantial, completion no_evidence..complete, opened_government "
                                       "worsened..outstanding, with ogp_lens and promising)"})
    ogp_lens = boolean(allow_none=True, metadata={"description": "scale 2: seen through an open-government lens"})
    promising = boolean(allow_none=True, metadata={"description": "scale 2: a promising commitment"})
    cluster = integer(allow_none=True, metadata={"description": "the cluster assessed together, if any"})


class CommitmentSchema(LinksSchema):
    id = integer()
    forum = nested(ForumRefSchema)
    title = string()
    latest_version = integer()
    adopted_version = integer(allow_none=True)
    values = list_of(fields.String())
    lead_agency = nested(RefSchema)
    start_date = day()
    end_date = day()
    created_at = moment()
    assessment = nested(AssessmentRecordSchema, allow_none=True, metadata={"description": "the one in force"})
    cluster = nested(RefSchema, allow_none=True,
                     metadata={"description": "the cluster the IRM assesses it with, if any"})
    completion = string(allow_none=True, metadata={"description": "the level the progress reports give it; null until "
                                                            "adopted"})
    civil_society = string(allow_none=True, validate=validate.OneOf(["reported", "confirmed", "contested"]),
                      metadata={"description": "the completion as civil society sees it: contested if a milestone's "
                                               "latest update is contested, confirmed if every one is confirmed, "
                                               "else reported; null until something is reported"})
    neglected = boolean(metadata={"description": "no civil-society act (confirmation, contest, comment, progress) for "
                                           "NEGLECT_DAYS (90 by default)"})


class MilestoneRecordSchema(Schema):
    position = integer()
    description = string()
    responsible = integer()
    start_date = day()
    end_date = day(metadata={"description": "the target's due date"})
    indicator = string(allow_none=True, metadata={"description": "what will be measured; null if drafted before the "
                                                            "verifiability check"})
    baseline_value = string(allow_none=True)
    baseline_date = day(allow_none=True)
    baseline_source = string(allow_none=True)
    target = string(allow_none=True)
    unit = string(allow_none=True, metadata={"description": "the responsible unit inside the organisation"})
    verification = string(allow_none=True, metadata={"description": "the means of verification"})
    verifiability = string(validate=validate.OneOf(list(Verdict)),
                      metadata={"description": "the verifiability check's verdict as drafted"})
    findings = list_of(fields.String(validate=validate.OneOf(list(Finding))))


class CommitmentVersionSchema(Schema):
    number = integer()
    title = string()
    problem = string()
    status_quo = string()
    description = string()
    contribution = string()
    ogp_relevance = string()
    values = list_of(fields.String())
    lead_agency = nested(RefSchema)
    supporting = list_of(fields.Nested(RefSchema))
    start_date = day()
    end_date = day()
    change_note = string()
    author = integer()
    created_at = moment()
    milestones = list_of(fields.Nested(MilestoneRecordSchema))


class SignOffRecordSchema(Schema):
    version = integer()
    side = string()
    user = integer()
    organisation = integer()
    signed = boolean()
    reason = string(allow_none=True)
    at = moment()


class InfluenceLinkRecordSchema(Schema):
    id = integer()
    version = integer()
    source_type = string()
    source_id = integer()
    how = string(validate=validate.OneOf(list(How)))
    explanation = string()
    supersedes = integer(allow_none=True)
    change_reason = string(allow_none=True)
    current = boolean()
    author = integer()
    organisation = integer()
    at = moment()


class ProgressRecordSchema(Schema):
    milestone = integer()
    level = string(validate=validate.OneOf(list(Level)))
    note = string()
    evidence = list_of(fields.String())
    organisation = nested(RefSchema)
    at = moment()
    evidence_checked_on = day(allow_none=True, metadata={"description": "the day the links were checked"})
    evidence_sha256 = string(allow_none=True, metadata={"description": "SHA-256 of the uploaded evidence document"})
    civil_society = string(validate=validate.OneOf(["confirmed", "contested", "lapsed", "awaiting"]),
                      metadata={"description": "the co-monitor's verdict; lapsed: not verified within the window"})
    window_ends = moment(metadata={"description": "the end of the co-monitor's window to confirm or contest"})
    verdict_reason = string(allow_none=True, metadata={"description": "why it was contested"})
    answer = string(allow_none=True, metadata={"description": "the State's reasoned answer to the contest"})
    answer_status = string(allow_none=True, validate=validate.OneOf(["on_time", "late", "waiting"]))
    answer_days_late = integer(allow_none=True)


class CommitmentDetailSchema(CommitmentSchema):
    versions = list_of(fields.Nested(CommitmentVersionSchema))
    signoffs = list_of(fields.Nested(SignOffRecordSchema))
    influence_links = list_of(fields.Nested(InfluenceLinkRecordSchema))
    progress = list_of(fields.Nested(ProgressRecordSchema))
    assessments = list_of(fields.Nested(AssessmentRecordSchema))


# --- sessions: Popolo (https://www.popoloproject.com/specs/) ------------------------------

class SessionSchema(LinksSchema):
    """A Popolo event of type "session"; organization_id is the forum."""

    id = integer()
    name = string()
    type = string()
    organization_id = integer()
    forum = nested(ForumRefSchema)
    status = string()
    start_date = moment()
    end_date = moment()
    notice_reason = string(metadata={"description": "why it was called with less notice than the forum's minimum; "
                                               "empty if the notice was long enough"})
    started_at = moment(allow_none=True, metadata={"description": "when it really started"})
    start_reason = string(metadata={"description": "why it started early, late or with short notice; empty if on time"})
    ended_at = moment(allow_none=True)
    location = string()
    minutes_published_at = moment(allow_none=True)


class CountSchema(Schema):
    option = string()
    value = integer()


class GroupResultSchema(Schema):
    group_id = string()
    counts = list_of(fields.Nested(CountSchema))


class VoteRecordSchema(Schema):
    voter_id = integer()
    voter_name = string()
    option = string()
    group_id = string()


class VoteEventSchema(Schema):
    id = string()
    motion_id = integer()
    end_date = moment()
    result = string(validate=validate.OneOf(["pass", "fail"]))
    outcome = string(allow_none=True, metadata={"description": "the winning option, if any"})
    counts = list_of(fields.Nested(CountSchema))
    group_results = list_of(fields.Nested(GroupResultSchema))
    votes = list_of(fields.Nested(VoteRecordSchema))


class QuorumKeySchema(Schema):
    side = string(metadata={"description": "state_chair or civil_chair"})
    user = integer()
    reason = string()
    at = moment()


class QuorumRecordSchema(Schema):
    met = boolean(metadata={"description": "quorum was met when the vote opened and (once closed) when it closed"})
    present = integer(metadata={"description": "members present, at the close (while open: at the opening)"})
    members = integer()
    needed = integer()
    rule = string(metadata={"description": "the forum's quorum rule: majority_both or majority"})
    override = list_of(fields.Nested(QuorumKeySchema), metadata={
        "description": "when not met: both co-chairs' keys, with their reasons, that let the vote go ahead"})


class MotionRecordSchema(Schema):
    id = integer()
    organization_id = integer()
    legislative_session_id = integer()
    text = string()
    date = moment()
    requirement = string()
    secret = boolean(metadata={"description": "secret ballot: counts only, never who chose what"})
    options = list_of(fields.String())
    result = string(allow_none=True, metadata={"description": "pass, fail, or withdrawn (taken back by a co-chair "
                                                          "without a result); null while the vote is open"})
    quorum = nested(QuorumRecordSchema, allow_none=True,
                    metadata={"description": "null for a vote recorded before quorum was"})
    agenda_item = integer(allow_none=True)
    vote_events = list_of(fields.Nested(VoteEventSchema))


class AgendaRecordSchema(Schema):
    position = integer()
    title = string()
    subject_type = string(allow_none=True)
    subject_id = integer(allow_none=True)


class AttendanceRecordSchema(Schema):
    person = nested(RefSchema)
    organisation = string()
    group = string()
    role = string()
    present = boolean()


class MinutesRecordSchema(Schema):
    text = string(allow_none=True, metadata={"description": "null until both co-chairs approved them"})
    published_at = moment(allow_none=True)
    approved_by = list_of(fields.String())


class SessionDetailSchema(SessionSchema):
    agenda = list_of(fields.Nested(AgendaRecordSchema))
    attendance = list_of(fields.Nested(AttendanceRecordSchema))
    motions = list_of(fields.Nested(MotionRecordSchema))
    minutes = nested(MinutesRecordSchema)


# --- trail --------------------------------------------------------------------------------

class TrailEntrySchema(Schema):
    v = integer(metadata={"description": "canonical-form version, part of the hashed bytes"})
    seq = integer()
    at = moment()
    hashed_at = string(metadata={"description": "the time exactly as hashed"})
    actor_user = integer(allow_none=True)
    actor_user_name = string(allow_none=True)
    actor_org = integer(allow_none=True)
    actor_org_name = string(allow_none=True)
    action = string()
    subject_type = string()
    subject_id = string()
    forum = integer(allow_none=True)
    payload = req(fields.Dict())
    prev_hash = string()
    hash = string()
    url = string()


class CosignatureSchema(Schema):
    witness = string()
    key = string()
    line = string()
    signed_at = moment()


class CheckpointSchema(Schema):
    size = integer()
    root = string()
    note = string(metadata={"description": "C2SP signed note"})
    created_at = moment()
    cosignatures = list_of(fields.Nested(CosignatureSchema))


# --- figures ------------------------------------------------------------------------------

class LedgerSchema(Schema):
    """The forum's response ledger: how its proposals were answered."""

    received = integer()
    answered = integer()
    awaiting = integer()
    overdue = integer()
    withdrawn = integer()
    on_time = integer()
    late = integer()
    share_answered = fields.Float(required=True, allow_none=True)
    median_days = fields.Float(required=True, allow_none=True)


class StepSchema(Schema):
    level = string()
    met = boolean(metadata={
        "description": "the level is reached: its own criterion and every level below it are met"})
    criterion = boolean(metadata={
        "description": "the level's own criterion alone, whether or not the level below is met"})
    figures = req(fields.Dict(keys=fields.String(), values=fields.Raw()))


class IrmSchema(Schema):
    adopted = integer()
    assessed = integer()
    verifiable = integer()
    relevant = integer()
    substantial_potential = integer()
    substantially_complete = integer()
    opened_government = integer()
    promising = integer(metadata={"description": "assessed promising (the IRM's current scale)"})
    ogp_lens = integer(metadata={"description": "assessed with an open-government lens (the IRM's current scale)"})


def _counts():
    return req(fields.Dict(keys=fields.String(), values=fields.Integer()))


class MonitoringFiguresSchema(Schema):
    """Civil society in implementation, each counted in the database and listed at
    /forums/{id}/monitoring?show=… or /cycles/{cycle}/monitoring?show=…"""

    confirmed = integer(metadata={"description": "progress updates the co-monitor confirmed"})
    contested = integer(metadata={"description": "progress updates the co-monitor contested with a reason"})
    lapsed = integer(metadata={"description": "updates nobody confirmed or contested within the window: not verified"})
    awaiting = integer(metadata={"description": "updates still within the co-monitor's window"})
    answered_on_time = integer(metadata={"description": "contests the State's side answered within its deadline"})
    answered_late = integer(metadata={"description": "contests answered after the deadline"})
    answer_waiting = integer(metadata={"description": "contests still awaiting the State's answer"})
    neglected = integer(metadata={"description": "adopted commitments with no civil-society act for NEGLECT_DAYS"})


class ImplementationInfluenceSchema(Schema):
    """The IAP2 level of the implementation phase, by the rule of dashboards/implementation.py;
    each step carries the figures and thresholds it read."""

    level = string(metadata={"description": "inform, consult, involve, collaborate or empower"})
    decided_by = string(metadata={"description": "the first step of the rule the figures do not meet"})
    steps = list_of(fields.Nested(StepSchema))


class GlanceSchema(Schema):
    """The dashboard's figures, each counted the way the page states."""

    commitments = integer()
    adopted = integer()
    completed = integer(metadata={"description": "complete, as the co-chairs report milestone progress (not the IRM's "
                                         "assessment, which is under irm)"})
    major_progress = integer(metadata={
        "description": "substantial or complete, as the co-chairs report milestone progress"})
    inputs_by_group = _counts()
    proposals = integer(metadata={"description": "inputs received, withdrawn ones included"})
    withdrawn = integer(metadata={"description": "inputs their submitters withdrew; no answer is owed to them"})
    answered = integer(metadata={"description": "inputs with a reasoned response"})
    share_answered = fields.Float(required=True, allow_none=True,
                                  metadata={"description": "answered / (proposals - withdrawn)"})
    median_days = fields.Float(required=True, allow_none=True)
    traced = integer(metadata={
        "description": "adopted commitments with a civil-society input among their current links"})
    share_tracing_to_civil_society = fields.Float(required=True, allow_none=True)
    voice = _counts()
    unanswered_unlinked = integer()
    completion_counts = _counts()
    irm = nested(IrmSchema)
    iap2_level = string()
    iap2_steps = list_of(fields.Nested(StepSchema))
    milestones_verifiable = integer(metadata={"description": "milestones of the adopted versions that pass the "
                                                      "verifiability check as drafted"})
    milestones_checked = integer(metadata={"description": "milestones of the adopted versions the check read"})
    milestones_not_checked = integer(metadata={"description": "milestones drafted before the check existed"})
    monitoring = nested(MonitoringFiguresSchema)
    implementation = nested(ImplementationInfluenceSchema)


class ForumFiguresSchema(Schema):
    forum = nested(ForumRefSchema)
    ledger = nested(LedgerSchema)
    glance = nested(GlanceSchema)
    html_url = string()


class CycleFiguresSchema(Schema):
    cycle = string()
    forums = list_of(fields.Nested(ForumRefSchema))
    glance = nested(GlanceSchema)
    html_url = string()


# --- envelopes and errors -----------------------------------------------------------------

def page_of(item: type[Schema]) -> type[Schema]:
    """A list answer: the items, and the cursor of the next page (null on the last)."""
    return type(f"{item.__name__.removesuffix('Schema')}PageSchema", (Schema,), {
        "items": list_of(fields.Nested(item)),
        "next": string(allow_none=True, metadata={"description": "URL of the next page"}),
        "next_cursor": string(allow_none=True),
    })


class ErrorSchema(Schema):
    error = string()
    message = string()
    field = string(allow_none=True)


# --- query arguments ----------------------------------------------------------------------

class PagingSchema(Schema):
    class Meta:
        unknown = RAISE

    limit = fields.Integer(load_default=20, validate=validate.Range(1, MAX_LIMIT),
                           metadata={"description": f"items per page, 1 to {MAX_LIMIT}"})
    cursor = fields.String(load_default=None, validate=validate.Length(max=64),
                           metadata={"description": "from the previous page's next_cursor"})


def _id(**kw):
    return fields.Integer(load_default=None, validate=validate.Range(1, 2**31 - 1), **kw)


class ForumArgsSchema(PagingSchema):
    cycle = fields.String(load_default=None, validate=validate.Regexp(r"^\d{4}-\d{4}$"))
    sector = fields.String(load_default=None, validate=validate.Length(max=80))
    status = fields.String(load_default=None, validate=validate.OneOf(list(ForumStatus)))


class OrganisationArgsSchema(PagingSchema):
    kind = fields.String(load_default=None, validate=validate.OneOf(list(OrgKind)))


class ProposalArgsSchema(PagingSchema):
    forum = _id()
    cycle = fields.String(load_default=None, validate=validate.Regexp(r"^\d{4}-\d{4}$"))
    status = fields.String(load_default=None, validate=validate.OneOf(list(Status)))
    group = fields.String(load_default=None, validate=validate.OneOf(list(OrgKind)))
    organisation = _id()
    value = fields.String(load_default=None, validate=validate.OneOf(list(OgpValue)))
    stage = fields.String(load_default=None, validate=validate.OneOf(list(STAGES)))
    q = fields.String(load_default=None, validate=validate.Length(max=200), metadata={"description": "words"})


class ForumScopedSchema(PagingSchema):
    forum = _id()
    cycle = fields.String(load_default=None, validate=validate.Regexp(r"^\d{4}-\d{4}$"))


class TrailArgsSchema(PagingSchema):
    forum = _id()
    action = fields.String(load_default=None, validate=validate.Length(max=40),
                           metadata={"description": "a full action (proposal.responded) or its area (proposal)"})
    organisation = _id(metadata={"description": "entries by or about this organisation"})
    since = fields.Date(load_default=None, metadata={"description": "from this day (UTC), inclusive"})
    until = fields.Date(load_default=None, metadata={"description": "to this day (UTC), inclusive"})
    before = _id(metadata={"description": "only entries with a smaller seq: the log as it was at size before - 1. "
                                          "A list anchored so never changes (refused past the head + 1); "
                                          "each next link keeps it"})
