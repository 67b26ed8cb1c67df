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


def S(**kw) -> fields.Field:  # noqa: N802  (a short, typed field maker)
    return fields.String(required=True, **kw)


def I(**kw) -> fields.Field:  # noqa: N802, E743
    return fields.Integer(required=True, **kw)


def T(**kw) -> fields.Field:  # noqa: N802
    """An RFC 3339 time with its offset, already formatted by the records."""
    return fields.String(required=True, metadata={"format": "date-time", **kw.pop("metadata", {})}, **kw)


def D(**kw) -> fields.Field:  # noqa: N802
    return fields.String(required=True, **{**kw, "metadata": {"format": "date", **kw.get("metadata", {})}})


def B(**kw) -> fields.Field:  # noqa: N802
    return fields.Boolean(required=True, **kw)


def L(inner, **kw) -> fields.Field:  # noqa: N802
    return fields.List(inner, required=True, **kw)


def N(nested, **kw) -> fields.Field:  # noqa: N802
    return fields.Nested(nested, required=True, **kw)


class Ref(Schema):
    id = I()
    name = S()


class ForumRef(Schema):
    id = I()
    title = S()


class Links(Schema):
    url = S(metadata={"description": "this resource in the API"})
    html_url = S(metadata={"description": "the page people read"})


# --- forums and organisations -------------------------------------------------------------

class Cycle(Schema):
    id = S(metadata={"description": "the action plan's years, e.g. 2019-2021"})
    forums_count = I()
    url = S()
    figures_url = S()


class Forum(Links):
    id = I()
    title = S()
    sector = S()
    cycle = S()
    status = S(validate=validate.OneOf(list(ForumStatus)))
    description = S()
    influence_target = S(metadata={"description": "IAP2 level the forum aims for"})
    response_deadline_days = I()
    session_notice_days = I()
    quorum_rule = S()
    members_count = I()
    created_at = T()


class SeatRecord(Schema):
    person = N(Ref)
    organisation = N(Ref)
    group = S(validate=validate.OneOf(list(OrgKind)))
    role = S(metadata={"description": "member, state_chair or civil_chair"})
    since = T()


class ForumDetail(Forum):
    terms_of_reference = S(metadata={"description": "Markdown"})
    co_chairs = L(fields.Nested(SeatRecord))
    members = L(fields.Nested(SeatRecord))
    counts_by_group = req(fields.Dict(keys=fields.String(), values=fields.Integer()))


class Organisation(Links):
    id = I()
    name = S()
    kind = S(validate=validate.OneOf(list(OrgKind)))
    status = S(validate=validate.OneOf(list(OrgStatus)))
    website = S(allow_none=True)
    description = S()
    created_at = T()


# --- proposals ----------------------------------------------------------------------------

class Proposal(Links):
    id = I()
    forum = N(ForumRef)
    organisation = N(Ref)
    group = S()
    channel = S(metadata={"description": "online, workshop, paper or email: how it reached the forum"})
    region = S(allow_none=True, metadata={"description": "INEI ubigeo code of its region (1501: Lima "
                                                         "Metropolitana); null when not recorded"})
    status = S(validate=validate.OneOf(list(Status)))
    fate = S(allow_none=True, metadata={"description": "what became of it in the action plan, when known"})
    hidden = B()
    hidden_reason = S(allow_none=True)
    title = S(allow_none=True, metadata={"description": "null when hidden by the co-chairs"})
    problem = S(allow_none=True)
    proposal = S(allow_none=True)
    expected_result = S(allow_none=True)
    values = L(fields.String())
    links = L(fields.String())
    version = I()
    submitted_at = T()
    first_response_at = T(allow_none=True)
    withdrawn_at = T(allow_none=True)
    merged_into = I(allow_none=True)
    endorsement_count = I()
    endorsements_from_organisations = I(metadata={"description": "given on behalf of an organisation"})


class ResponseRecord(Schema):
    revision = I()
    outcome = S()
    reason = S()
    merged_into = I(allow_none=True)
    at = T()
    responder = N(Ref)
    organisation = N(Ref, allow_none=True)


class ProposalVersion(Schema):
    number = I()
    title = S()
    problem = S()
    proposal = S()
    expected_result = S()
    values = L(fields.String())
    at = T()


class ProposalDetail(Proposal):
    responses = L(fields.Nested(ResponseRecord))
    versions = L(fields.Nested(ProposalVersion))


# --- consultations ------------------------------------------------------------------------

class Consultation(Links):
    id = I()
    forum = N(ForumRef)
    title = S()
    introduction = S()
    commitment = I(allow_none=True)
    version_number = I(allow_none=True)
    starts_at = T()
    ends_at = T()
    phase = S(validate=validate.OneOf(list(Phase)))
    audience = S()
    visibility = S()
    comments_published = B()
    promise_level = S()
    promise = S()
    document_sha256 = S()
    concluded_at = T(allow_none=True)
    comments_count = I()


class Paragraph(Schema):
    number = I()
    section = S()
    text = S()


class CommentAnswer(Schema):
    outcome = S()
    reason = S()
    at = T()
    organisation = N(Ref, allow_none=True)


class CommentRecord(Schema):
    id = I()
    paragraph = I(allow_none=True)
    group = S()
    organisation = N(Ref, allow_none=True)
    hidden = B()
    hidden_reason = S(allow_none=True)
    body = S(allow_none=True)
    suggestion = S(allow_none=True)
    at = T()
    nonce = S(allow_none=True, metadata={
        "description": "salt of the trail's commitment to this comment (consultation.commented); null when hidden"})
    answer = S(allow_none=True)
    answered_at = T(allow_none=True)
    responses = L(fields.Nested(CommentAnswer))


class ConsultationDetail(Consultation):
    paragraphs = L(fields.Nested(Paragraph))
    comments = L(fields.Nested(CommentRecord))


# --- commitments --------------------------------------------------------------------------

class AssessmentRecord(Schema):
    number = I()
    version = I()
    relevance = L(fields.String())
    verifiable = B(allow_none=True)
    potential = S()
    completion = S(allow_none=True)
    opened_government = S(allow_none=True)
    reason = S()
    assessor = S()
    at = T()
    in_force = B()
    scale = I(metadata={"description": "the IRM's scale the fields were given on: 1, its earlier one (potential "
                                       "no/modest/substantial); 2, its current one (potential unclear/modest/"
                                       "substantial, completion no_evidence..complete, opened_government "
                                       "worsened..outstanding, with ogp_lens and promising)"})
    ogp_lens = B(allow_none=True, metadata={"description": "scale 2: seen through an open-government lens"})
    promising = B(allow_none=True, metadata={"description": "scale 2: a promising commitment"})
    cluster = I(allow_none=True, metadata={"description": "the cluster assessed together, if any"})


class Commitment(Links):
    id = I()
    forum = N(ForumRef)
    title = S()
    latest_version = I()
    adopted_version = I(allow_none=True)
    values = L(fields.String())
    lead_agency = N(Ref)
    start_date = D()
    end_date = D()
    created_at = T()
    assessment = N(AssessmentRecord, allow_none=True, metadata={"description": "the one in force"})
    cluster = N(Ref, allow_none=True, metadata={"description": "the cluster the IRM assesses it with, if any"})
    completion = S(allow_none=True, metadata={"description": "the level the progress reports give it; null until "
                                                            "adopted"})
    civil_society = S(allow_none=True, validate=validate.OneOf(["reported", "confirmed", "contested"]),
                      metadata={"description": "the completion as civil society sees it: contested if a milestone's "
                                               "latest update is contested, confirmed if every one is confirmed, "
                                               "else reported; null until something is reported"})
    neglected = B(metadata={"description": "no civil-society act (confirmation, contest, comment, progress) for "
                                           "NEGLECT_DAYS (90 by default)"})


class MilestoneRecord(Schema):
    position = I()
    description = S()
    responsible = I()
    start_date = D()
    end_date = D(metadata={"description": "the target's due date"})
    indicator = S(allow_none=True, metadata={"description": "what will be measured; null if drafted before the "
                                                            "verifiability check"})
    baseline_value = S(allow_none=True)
    baseline_date = D(allow_none=True)
    baseline_source = S(allow_none=True)
    target = S(allow_none=True)
    unit = S(allow_none=True, metadata={"description": "the responsible unit inside the organisation"})
    verification = S(allow_none=True, metadata={"description": "the means of verification"})
    verifiability = S(validate=validate.OneOf(list(Verdict)),
                      metadata={"description": "the verifiability check's verdict as drafted"})
    findings = L(fields.String(validate=validate.OneOf(list(Finding))))


class CommitmentVersion(Schema):
    number = I()
    title = S()
    problem = S()
    status_quo = S()
    description = S()
    contribution = S()
    ogp_relevance = S()
    values = L(fields.String())
    lead_agency = N(Ref)
    supporting = L(fields.Nested(Ref))
    start_date = D()
    end_date = D()
    change_note = S()
    author = I()
    created_at = T()
    milestones = L(fields.Nested(MilestoneRecord))


class SignOffRecord(Schema):
    version = I()
    side = S()
    user = I()
    organisation = I()
    signed = B()
    reason = S(allow_none=True)
    at = T()


class InfluenceLinkRecord(Schema):
    id = I()
    version = I()
    source_type = S()
    source_id = I()
    how = S(validate=validate.OneOf(list(How)))
    explanation = S()
    supersedes = I(allow_none=True)
    change_reason = S(allow_none=True)
    current = B()
    author = I()
    organisation = I()
    at = T()


class ProgressRecord(Schema):
    milestone = I()
    level = S(validate=validate.OneOf(list(Level)))
    note = S()
    evidence = L(fields.String())
    organisation = N(Ref)
    at = T()
    evidence_checked_on = D(allow_none=True, metadata={"description": "the day the links were checked"})
    evidence_sha256 = S(allow_none=True, metadata={"description": "SHA-256 of the uploaded evidence document"})
    civil_society = S(validate=validate.OneOf(["confirmed", "contested", "lapsed", "awaiting"]),
                      metadata={"description": "the co-monitor's verdict; lapsed: not verified within the window"})
    window_ends = T(metadata={"description": "the end of the co-monitor's window to confirm or contest"})
    verdict_reason = S(allow_none=True, metadata={"description": "why it was contested"})
    answer = S(allow_none=True, metadata={"description": "the State's reasoned answer to the contest"})
    answer_status = S(allow_none=True, validate=validate.OneOf(["on_time", "late", "waiting"]))
    answer_days_late = I(allow_none=True)


class CommitmentDetail(Commitment):
    versions = L(fields.Nested(CommitmentVersion))
    signoffs = L(fields.Nested(SignOffRecord))
    influence_links = L(fields.Nested(InfluenceLinkRecord))
    progress = L(fields.Nested(ProgressRecord))
    assessments = L(fields.Nested(AssessmentRecord))


# --- sessions: Popolo (https://www.popoloproject.com/specs/) ------------------------------

class Session(Links):
    """A Popolo event of type "session"; organization_id is the forum."""

    id = I()
    name = S()
    type = S()
    organization_id = I()
    forum = N(ForumRef)
    status = S()
    start_date = T()
    end_date = T()
    notice_reason = S(metadata={"description": "why it was called with less notice than the forum's minimum; "
                                               "empty if the notice was long enough"})
    started_at = T(allow_none=True, metadata={"description": "when it really started"})
    start_reason = S(metadata={"description": "why it started early, late or with short notice; empty if on time"})
    ended_at = T(allow_none=True)
    location = S()
    minutes_published_at = T(allow_none=True)


class Count(Schema):
    option = S()
    value = I()


class GroupResult(Schema):
    group_id = S()
    counts = L(fields.Nested(Count))


class VoteRecord(Schema):
    voter_id = I()
    voter_name = S()
    option = S()
    group_id = S()


class VoteEvent(Schema):
    id = S()
    motion_id = I()
    end_date = T()
    result = S(validate=validate.OneOf(["pass", "fail"]))
    outcome = S(allow_none=True, metadata={"description": "the winning option, if any"})
    counts = L(fields.Nested(Count))
    group_results = L(fields.Nested(GroupResult))
    votes = L(fields.Nested(VoteRecord))


class QuorumKey(Schema):
    side = S(metadata={"description": "state_chair or civil_chair"})
    user = I()
    reason = S()
    at = T()


class QuorumRecord(Schema):
    met = B(metadata={"description": "quorum was met when the vote opened and (once closed) when it closed"})
    present = I(metadata={"description": "members present, at the close (while open: at the opening)"})
    members = I()
    needed = I()
    rule = S(metadata={"description": "the forum's quorum rule: majority_both or majority"})
    override = L(fields.Nested(QuorumKey), metadata={
        "description": "when not met: both co-chairs' keys, with their reasons, that let the vote go ahead"})


class MotionRecord(Schema):
    id = I()
    organization_id = I()
    legislative_session_id = I()
    text = S()
    date = T()
    requirement = S()
    secret = B(metadata={"description": "secret ballot: counts only, never who chose what"})
    options = L(fields.String())
    result = S(allow_none=True, metadata={"description": "pass, fail, or withdrawn (taken back by a co-chair "
                                                          "without a result); null while the vote is open"})
    quorum = N(QuorumRecord, allow_none=True, metadata={"description": "null for a vote recorded before quorum was"})
    agenda_item = I(allow_none=True)
    vote_events = L(fields.Nested(VoteEvent))


class AgendaRecord(Schema):
    position = I()
    title = S()
    subject_type = S(allow_none=True)
    subject_id = I(allow_none=True)


class AttendanceRecord(Schema):
    person = N(Ref)
    organisation = S()
    group = S()
    role = S()
    present = B()


class MinutesRecord(Schema):
    text = S(allow_none=True, metadata={"description": "null until both co-chairs approved them"})
    published_at = T(allow_none=True)
    approved_by = L(fields.String())


class SessionDetail(Session):
    agenda = L(fields.Nested(AgendaRecord))
    attendance = L(fields.Nested(AttendanceRecord))
    motions = L(fields.Nested(MotionRecord))
    minutes = N(MinutesRecord)


# --- trail --------------------------------------------------------------------------------

class TrailEntry(Schema):
    v = I(metadata={"description": "canonical-form version, part of the hashed bytes"})
    seq = I()
    at = T()
    hashed_at = S(metadata={"description": "the time exactly as hashed"})
    actor_user = I(allow_none=True)
    actor_user_name = S(allow_none=True)
    actor_org = I(allow_none=True)
    actor_org_name = S(allow_none=True)
    action = S()
    subject_type = S()
    subject_id = S()
    forum = I(allow_none=True)
    payload = req(fields.Dict())
    prev_hash = S()
    hash = S()
    url = S()


class Cosignature(Schema):
    witness = S()
    key = S()
    line = S()
    signed_at = T()


class Checkpoint(Schema):
    size = I()
    root = S()
    note = S(metadata={"description": "C2SP signed note"})
    created_at = T()
    cosignatures = L(fields.Nested(Cosignature))


# --- figures ------------------------------------------------------------------------------

class Ledger(Schema):
    """The forum's response ledger: how its proposals were answered."""

    received = I()
    answered = I()
    awaiting = I()
    overdue = I()
    withdrawn = I()
    on_time = I()
    late = I()
    share_answered = fields.Float(required=True, allow_none=True)
    median_days = fields.Float(required=True, allow_none=True)


class Step(Schema):
    level = S()
    met = B(metadata={"description": "the level is reached: its own criterion and every level below it are met"})
    criterion = B(metadata={"description": "the level's own criterion alone, whether or not the level below is met"})
    figures = req(fields.Dict(keys=fields.String(), values=fields.Raw()))


class Irm(Schema):
    adopted = I()
    assessed = I()
    verifiable = I()
    relevant = I()
    substantial_potential = I()
    substantially_complete = I()
    opened_government = I()


def _counts():
    return req(fields.Dict(keys=fields.String(), values=fields.Integer()))


class MonitoringFigures(Schema):
    """Civil society in implementation, each counted in the database and listed at
    /forums/{id}/monitoring?show=… or /cycles/{cycle}/monitoring?show=…"""

    confirmed = I(metadata={"description": "progress updates the co-monitor confirmed"})
    contested = I(metadata={"description": "progress updates the co-monitor contested with a reason"})
    lapsed = I(metadata={"description": "updates nobody confirmed or contested within the window: not verified"})
    awaiting = I(metadata={"description": "updates still within the co-monitor's window"})
    answered_on_time = I(metadata={"description": "contests the State's side answered within its deadline"})
    answered_late = I(metadata={"description": "contests answered after the deadline"})
    answer_waiting = I(metadata={"description": "contests still awaiting the State's answer"})
    neglected = I(metadata={"description": "adopted commitments with no civil-society act for NEGLECT_DAYS"})


class Glance(Schema):
    """The dashboard's figures, each counted the way the page states."""

    commitments = I()
    adopted = I()
    completed = I(metadata={"description": "complete, as the co-chairs report milestone progress (not the IRM's "
                                         "assessment, which is under irm)"})
    major_progress = I(metadata={"description": "substantial or complete, as the co-chairs report milestone progress"})
    inputs_by_group = _counts()
    proposals = I(metadata={"description": "inputs received, withdrawn ones included"})
    withdrawn = I(metadata={"description": "inputs their submitters withdrew; no answer is owed to them"})
    answered = I(metadata={"description": "inputs with a reasoned response"})
    share_answered = fields.Float(required=True, allow_none=True,
                                  metadata={"description": "answered / (proposals - withdrawn)"})
    median_days = fields.Float(required=True, allow_none=True)
    traced = I(metadata={"description": "adopted commitments with a civil-society input among their current links"})
    share_tracing_to_civil_society = fields.Float(required=True, allow_none=True)
    voice = _counts()
    unanswered_unlinked = I()
    completion_counts = _counts()
    irm = N(Irm)
    iap2_level = S()
    iap2_steps = L(fields.Nested(Step))
    milestones_verifiable = I(metadata={"description": "milestones of the adopted versions that pass the "
                                                      "verifiability check as drafted"})
    milestones_checked = I(metadata={"description": "milestones of the adopted versions the check read"})
    milestones_not_checked = I(metadata={"description": "milestones drafted before the check existed"})
    monitoring = N(MonitoringFigures)


class ForumFigures(Schema):
    forum = N(ForumRef)
    ledger = N(Ledger)
    glance = N(Glance)
    html_url = S()


class CycleFigures(Schema):
    cycle = S()
    forums = L(fields.Nested(ForumRef))
    glance = N(Glance)
    html_url = S()


# --- envelopes and errors -----------------------------------------------------------------

def page_of(item: type[Schema]) -> type[Schema]:
    """A list answer: the items, and the cursor of the next page (null on the last)."""
    return type(f"{item.__name__}Page", (Schema,), {
        "items": L(fields.Nested(item)),
        "next": S(allow_none=True, metadata={"description": "URL of the next page"}),
        "next_cursor": S(allow_none=True),
    })


class Error(Schema):
    error = S()
    message = S()
    field = S(allow_none=True)


# --- query arguments ----------------------------------------------------------------------

class Paging(Schema):
    class Meta:
        unknown = RAISE

    limit = fields.Integer(load_default=20, validate=validate.Range(1, MAX_LIMIT),
                           metadata={"description": f"items per page, 1 to {MAX_LIMIT}"})
    cursor = fields.String(load_default=None, validate=validate.Length(max=64),
                           metadata={"description": "from the previous page's next_cursor"})


def _id(**kw):
    return fields.Integer(load_default=None, validate=validate.Range(1, 2**31 - 1), **kw)


class ForumArgs(Paging):
    cycle = fields.String(load_default=None, validate=validate.Regexp(r"^\d{4}-\d{4}$"))
    sector = fields.String(load_default=None, validate=validate.Length(max=80))
    status = fields.String(load_default=None, validate=validate.OneOf(list(ForumStatus)))


class OrganisationArgs(Paging):
    kind = fields.String(load_default=None, validate=validate.OneOf(list(OrgKind)))


class ProposalArgs(Paging):
    forum = _id()
    cycle = fields.String(load_default=None, validate=validate.Regexp(r"^\d{4}-\d{4}$"))
    status = fields.String(load_default=None, validate=validate.OneOf(list(Status)))
    group = fields.String(load_default=None, validate=validate.OneOf(list(OrgKind)))
    organisation = _id()
    value = fields.String(load_default=None, validate=validate.OneOf(list(OgpValue)))
    stage = fields.String(load_default=None, validate=validate.OneOf(list(STAGES)))
    q = fields.String(load_default=None, validate=validate.Length(max=200), metadata={"description": "words"})


class ForumScoped(Paging):
    forum = _id()
    cycle = fields.String(load_default=None, validate=validate.Regexp(r"^\d{4}-\d{4}$"))


class TrailArgs(Paging):
    forum = _id()
    action = fields.String(load_default=None, validate=validate.Length(max=40),
                           metadata={"description": "a full action (proposal.responded) or its area (proposal)"})
    organisation = _id(metadata={"description": "entries by or about this organisation"})
    since = fields.Date(load_default=None, metadata={"description": "from this day (UTC), inclusive"})
    until = fields.Date(load_default=None, metadata={"description": "to this day (UTC), inclusive"})
