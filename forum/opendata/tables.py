"""The open-data tables: one flat table per entity, each column typed and described in
English and Spanish, with primary and foreign keys (a Frictionless Table Schema). The rows
come from the public records (records.py), so the archive shows exactly what the API and
the pages show; a column list here is the one home of that table's shape."""
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from flask_babel import force_locale
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..accounts.models import User
from ..commitments.models import Commitment
from ..consultations.models import Consultation
from ..extensions import db
from ..forums.models import Forum
from ..organisations.models import Organisation, OrgStatus
from ..proposals.models import Proposal
from ..sessions.models import ForumSession
from . import records


@dataclass(frozen=True)
class Column:
    name: str
    type: str  # Table Schema type: integer, string, boolean, date, datetime
    description: object  # a lazy string: written in English and in Spanish
    required: bool = False


@dataclass(frozen=True)
class Table:
    name: str
    title: object
    columns: tuple[Column, ...]
    rows: Callable[[list[int]], Iterable[dict]]  # forum ids in scope -> flat rows
    primary_key: tuple[str, ...] = ("id",)
    foreign_keys: tuple[tuple[str, str, str], ...] = field(default=())  # column, table, column


def both(text) -> tuple[str, str]:
    """A lazy string in English and in Spanish: the archive describes itself in both."""
    with force_locale("en"):
        en = str(text)
    with force_locale("es"):
        es = str(text)
    return en, es


def C(name, type_, description, required=False) -> Column:  # noqa: N802
    return Column(name, type_, description, required)


ID = C("id", "integer", _l("Stable number of the record, as in its URL"), True)
FORUM = C("forum_id", "integer", _l("Forum it belongs to"), True)
FORUM_TITLE = C("forum_title", "string", _l("Name of the forum"))


def _in(model, forum_ids):
    return select(model).where(model.forum_id.in_(forum_ids)).order_by(model.id)


# --- row makers (flat) --------------------------------------------------------------------

def _forums(ids):
    rows = list(db.session.scalars(select(Forum).where(Forum.id.in_(ids)).order_by(Forum.id)))
    return records.forums(rows)


def _seats(ids):
    for f in db.session.scalars(select(Forum).where(Forum.id.in_(ids)).order_by(Forum.id)):
        for s in records.forum_detail(f)["members"]:
            yield {"forum_id": f.id, "person_id": s["person"]["id"], "person_name": s["person"]["name"],
                   "organisation_id": s["organisation"]["id"], "organisation_name": s["organisation"]["name"],
                   "group": s["group"], "role": s["role"], "since": s["since"]}


def _organisations(_ids):
    return records.organisations(list(db.session.scalars(
        select(Organisation).where(Organisation.status == OrgStatus.VERIFIED).order_by(Organisation.id))))


def _proposal_records(ids):
    return records.proposals(list(db.session.scalars(_in(Proposal, ids))))


def _proposals(ids):
    for p in _proposal_records(ids):
        yield {**_flat(p, "forum", "organisation"), "values": ";".join(p["values"]), "links": "\n".join(p["links"])}


def _responses(ids):
    for p in db.session.scalars(_in(Proposal, ids)):
        for r in records.proposal_detail(p)["responses"]:
            yield {"proposal_id": p.id, "revision": r["revision"], "outcome": r["outcome"], "reason": r["reason"],
                   "merged_into": r["merged_into"], "at": r["at"], "responder_id": r["responder"]["id"],
                   "responder_name": r["responder"]["name"],
                   "organisation_id": (r["organisation"] or {}).get("id"),
                   "organisation_name": (r["organisation"] or {}).get("name")}


def _consultations(ids):
    for c in records.consultations(list(db.session.scalars(_in(Consultation, ids)))):
        yield _flat(c, "forum")


def _comments(ids):
    for c in db.session.scalars(_in(Consultation, ids)):
        for x in records.consultation_detail(c)["comments"]:
            yield {"consultation_id": c.id, **{k: v for k, v in x.items() if k not in ("organisation", "responses")},
                   "organisation_id": (x["organisation"] or {}).get("id"),
                   "organisation_name": (x["organisation"] or {}).get("name")}


def _commitment_details(ids):
    return [records.commitment_detail(c) for c in db.session.scalars(_in(Commitment, ids))]


def _commitments(ids):
    for c in records.commitments(list(db.session.scalars(_in(Commitment, ids)))):
        a = c["assessment"] or {}
        flat = {k: v for k, v in _flat(c, "forum", "lead_agency", "cluster").items() if k != "assessment"}
        yield {**flat, "values": ";".join(c["values"]),
               "assessment_potential": a.get("potential"), "assessment_completion": a.get("completion"),
               "assessment_verifiable": a.get("verifiable"), "assessment_relevance": ";".join(a.get("relevance", [])),
               "assessment_scale": a.get("scale"), "assessment_ogp_lens": a.get("ogp_lens"),
               "assessment_promising": a.get("promising"), "assessment_opened_government": a.get("opened_government")}


def _versions(ids):
    for c in _commitment_details(ids):
        for v in c["versions"]:
            yield {"commitment_id": c["id"], "number": v["number"], "title": v["title"], "problem": v["problem"],
                   "status_quo": v["status_quo"], "description": v["description"],
                   "contribution": v["contribution"], "ogp_relevance": v["ogp_relevance"],
                   "values": ";".join(v["values"]), "lead_agency_id": v["lead_agency"]["id"],
                   "lead_agency_name": v["lead_agency"]["name"],
                   "supporting": ";".join(s["name"] or "" for s in v["supporting"]),
                   "start_date": v["start_date"], "end_date": v["end_date"], "change_note": v["change_note"],
                   "created_at": v["created_at"]}


def _names(model, column) -> dict:
    return dict(db.session.execute(select(model.id, column)).all())


def _milestones(ids):
    orgs = _names(Organisation, Organisation.name)
    for c in _commitment_details(ids):
        for v in c["versions"]:
            for m in v["milestones"]:
                yield {"commitment_id": c["id"], "version": v["number"], **m,
                       "findings": ";".join(m["findings"]), "responsible_name": orgs.get(m["responsible"])}


def _links(ids):
    """The co-chair who recorded a link acts in a public role: named beside the id."""
    orgs, people = _names(Organisation, Organisation.name), _names(User, User.display_name)
    for c in _commitment_details(ids):
        for link in c["influence_links"]:
            yield {"commitment_id": c["id"], **link, "author_name": people.get(link["author"]),
                   "organisation_name": orgs.get(link["organisation"])}


def _sessions(ids):
    for s in records.sessions(list(db.session.scalars(_in(ForumSession, ids)))):
        yield {k: v for k, v in s.items() if k not in ("forum", "organization_id", "type")} | {
            "forum_id": s["forum"]["id"], "forum_title": s["forum"]["title"]}


def _session_details(ids):
    return [records.session_detail(s) for s in db.session.scalars(_in(ForumSession, ids))]


def _motions(ids):
    for s in _session_details(ids):
        for m in s["motions"]:
            event = (m["vote_events"] or [{}])[0]
            yield {"id": m["id"], "session_id": s["id"], "text": m["text"], "requirement": m["requirement"],
                   "options": ";".join(m["options"]), "result": m["result"], "date": m["date"],
                   "outcome": event.get("outcome"),
                   "counts": ";".join(f"{c['option']}={c['value']}" for c in event.get("counts", [])),
                   "quorum_met": m["quorum"]["met"] if m["quorum"] else None,
                   "quorum_override": "; ".join(f"{o['side']}: {o['reason']}"
                                                for o in (m["quorum"] or {}).get("override", []))}


def _votes(ids):
    for s in _session_details(ids):
        for m in s["motions"]:
            for event in m["vote_events"]:
                for v in event["votes"]:
                    yield {"motion_id": m["id"], "voter_id": v["voter_id"], "voter_name": v["voter_name"],
                           "group": v["group_id"], "option": v["option"]}


def _flat(record: dict, *refs: str) -> dict:
    """{"forum": {"id", "title"}} -> forum_id, forum_title (and _name for organisations)."""
    out = {k: v for k, v in record.items() if k not in refs}
    for ref in refs:
        value = record.get(ref) or {}
        out[f"{ref}_id"] = value.get("id")
        out[f"{ref}_{'title' if ref == 'forum' else 'name'}"] = value.get("title" if ref == "forum" else "name")
    return out


# --- the tables ---------------------------------------------------------------------------

ORG_ID = C("organisation_id", "integer", _l("Organisation that acted"))
ORG_NAME = C("organisation_name", "string", _l("Name of that organisation"))
AT = C("at", "datetime", _l("When, in UTC"), True)

TABLES: tuple[Table, ...] = (
    Table("forums", _l("Forums"), (
        ID, C("title", "string", _l("Name of the forum"), True), C("sector", "string", _l("Sector")),
        C("cycle", "string", _l("Action-plan cycle, e.g. 2019-2021"), True),
        C("status", "string", _l("draft, open or closed")), C("description", "string", _l("What the forum is for")),
        C("influence_target", "string", _l("IAP2 level of public influence the forum aims for")),
        C("response_deadline_days", "integer", _l("Days the forum gives itself to answer a proposal")),
        C("session_notice_days", "integer", _l("Minimum notice of a session, in days")),
        C("quorum_rule", "string", _l("Rule that decides whether a session has quorum")),
        C("members_count", "integer", _l("Members seated now")), C("created_at", "datetime", _l("When, in UTC")),
    ), _forums),
    Table("seats", _l("Co-chairs and members"), (
        FORUM, C("person_id", "integer", _l("Person seated (a public role)"), True),
        C("person_name", "string", _l("Name of that person")),
        C("organisation_id", "integer", _l("Organisation the person represents"), True), ORG_NAME,
        C("group", "string", _l("Stakeholder group: government, civil_society, academia or private")),
        C("role", "string", _l("member, state_chair or civil_chair")), C("since", "datetime", _l("Seated since, UTC")),
    ), _seats, primary_key=("forum_id", "person_id"), foreign_keys=(("forum_id", "forums", "id"),)),
    Table("organisations", _l("Verified organisations"), (
        ID, C("name", "string", _l("Name"), True), C("kind", "string", _l("Stakeholder group")),
        C("status", "string", _l("Verification status")), C("website", "string", _l("Website")),
        C("description", "string", _l("What the organisation does")), C("created_at", "datetime", _l("When, in UTC")),
    ), _organisations),
    Table("proposals", _l("Proposals"), (
        ID, FORUM, FORUM_TITLE, ORG_ID, ORG_NAME,
        C("group", "string", _l("Stakeholder group of the submitter when submitted")),
        C("channel", "string", _l("How it reached the forum: online, workshop, paper or email")),
        C("region", "string", _l("INEI ubigeo code of its region (1501: Lima Metropolitana)")),
        C("status", "string", _l("awaiting, withdrawn, or the outcome of the latest response")),
        C("fate", "string", _l("What became of it in the action plan, when known")),
        C("hidden", "boolean", _l("Hidden by the co-chairs: its words are not published")),
        C("hidden_reason", "string", _l("The co-chairs' public reason for hiding it")),
        C("title", "string", _l("Title (empty when hidden)")), C("problem", "string", _l("Problem it addresses")),
        C("proposal", "string", _l("What it proposes")), C("expected_result", "string", _l("Expected result")),
        C("values", "string", _l("OGP values, separated by ;")), C("links", "string", _l("Links, one per line")),
        C("version", "integer", _l("Number of its latest version")),
        C("submitted_at", "datetime", _l("Submitted, UTC"), True),
        C("first_response_at", "datetime", _l("First reasoned answer, UTC")),
        C("withdrawn_at", "datetime", _l("Withdrawn, UTC")),
        C("merged_into", "integer", _l("Proposal it was merged into")),
        C("endorsement_count", "integer", _l("Endorsements")),
        C("endorsements_from_organisations", "integer", _l("Endorsements given on behalf of an organisation")),
    ), _proposals, foreign_keys=(("forum_id", "forums", "id"), ("merged_into", "proposals", "id"))),
    Table("responses", _l("Reasoned responses to proposals"), (
        C("proposal_id", "integer", _l("Proposal answered"), True), C("revision", "integer", _l("Revision"), True),
        C("outcome", "string", _l("accepted, partially_accepted, merged, needs_info or rejected")),
        C("reason", "string", _l("The mandatory public reason")),
        C("merged_into", "integer", _l("Proposal it was merged into")), AT,
        C("responder_id", "integer", _l("Co-chair who answered")), C("responder_name", "string", _l("Their name")),
        ORG_ID, ORG_NAME,
    ), _responses, primary_key=("proposal_id", "revision"), foreign_keys=(("proposal_id", "proposals", "id"),)),
    Table("consultations", _l("Consultations"), (
        ID, C("title", "string", _l("Title"), True), C("introduction", "string", _l("What is asked and why")),
        C("commitment", "integer", _l("Commitment whose draft is consulted")),
        C("version_number", "integer", _l("Version consulted")), C("starts_at", "datetime", _l("Opens, UTC")),
        C("ends_at", "datetime", _l("Closes, UTC")), C("phase", "string", _l("scheduled, open, closed or concluded")),
        C("audience", "string", _l("Who may comment")), C("visibility", "string", _l("When comments are published")),
        C("comments_published", "boolean", _l("Whether comments are public yet")),
        C("promise_level", "string", _l("IAP2 level promised")), C("promise", "string", _l("The promise made")),
        C("document_sha256", "string", _l("SHA-256 of the document as opened")),
        C("concluded_at", "datetime", _l("Concluded, UTC")), C("comments_count", "integer", _l("Comments received")),
        FORUM, FORUM_TITLE,
    ), _consultations, foreign_keys=(("forum_id", "forums", "id"),)),
    Table("consultation_comments", _l("Published consultation comments"), (
        ID, C("consultation_id", "integer", _l("Consultation"), True),
        C("paragraph", "integer", _l("Paragraph number; empty: the whole document")),
        C("group", "string", _l("Stakeholder group of the author")),
        C("hidden", "boolean", _l("Hidden by the co-chairs: its words are not published")),
        C("hidden_reason", "string", _l("The co-chairs' public reason for hiding it")),
        C("body", "string", _l("Comment")), C("suggestion", "string", _l("Replacement text proposed")), AT,
        C("answer", "string", _l("Outcome of the latest response")),
        C("answered_at", "datetime", _l("First answer, UTC")), ORG_ID, ORG_NAME,
        C("channel", "string", _l("How it reached the forum: online, workshop, paper or email")),
        C("region", "string", _l("INEI ubigeo code of its region (1501: Lima Metropolitana)")),
    ), _comments, foreign_keys=(("consultation_id", "consultations", "id"),)),
    Table("commitments", _l("Commitments"), (
        ID, C("title", "string", _l("Title of the newest version"), True),
        C("latest_version", "integer", _l("Newest version")),
        C("adopted_version", "integer", _l("Version in force, once both co-chairs signed it off")),
        C("values", "string", _l("OGP values, separated by ;")),
        C("start_date", "date", _l("Start")), C("end_date", "date", _l("End")),
        C("created_at", "datetime", _l("When, in UTC")),
        FORUM, FORUM_TITLE, C("lead_agency_id", "integer", _l("Lead agency")),
        C("lead_agency_name", "string", _l("Name of the lead agency")),
        C("assessment_potential", "string", _l("Potential for results, in the assessment in force")),
        C("assessment_completion", "string", _l("Completion, in the assessment in force")),
        C("assessment_verifiable", "boolean", _l("Verifiable, in the assessment in force")),
        C("assessment_relevance", "string", _l("OGP values it is relevant to, in the assessment in force")),
        C("cluster_id", "integer", _l("Cluster the IRM assesses it with")),
        C("cluster_name", "string", _l("Name of the cluster")),
        C("assessment_scale", "integer", _l("The IRM's scale of the assessment in force: 1 earlier, 2 current")),
        C("assessment_ogp_lens", "boolean", _l("Open-government lens, in the assessment in force (scale 2)")),
        C("assessment_promising", "boolean", _l("Promising, in the assessment in force (scale 2)")),
        C("assessment_opened_government", "string", _l("Did it open government, in the assessment in force")),
        C("completion", "string", _l("Completion, as the progress reports give it")),
        C("civil_society", "string", _l("Completion as civil society sees it: reported, confirmed or contested")),
        C("neglected", "boolean", _l("No civil-society act for the neglect period (90 days by default)")),
    ), _commitments, foreign_keys=(("forum_id", "forums", "id"),)),
    Table("commitment_versions", _l("Commitment versions (OGP template)"), (
        C("commitment_id", "integer", _l("Commitment"), True), C("number", "integer", _l("Version"), True),
        C("title", "string", _l("Title")), C("problem", "string", _l("Problem")),
        C("status_quo", "string", _l("Status quo")), C("description", "string", _l("Description")),
        C("contribution", "string", _l("How it contributes to solving the problem")),
        C("ogp_relevance", "string", _l("Relevance to OGP values")), C("values", "string", _l("OGP values")),
        C("lead_agency_id", "integer", _l("Lead agency")),
        C("lead_agency_name", "string", _l("Name of the lead agency")),
        C("supporting", "string", _l("Supporting organisations, separated by ;")),
        C("start_date", "date", _l("Start")), C("end_date", "date", _l("End")),
        C("change_note", "string", _l("What changed and why")), C("created_at", "datetime", _l("When, in UTC")),
    ), _versions, primary_key=("commitment_id", "number"), foreign_keys=(("commitment_id", "commitments", "id"),)),
    Table("milestones", _l("Milestones"), (
        C("commitment_id", "integer", _l("Commitment"), True), C("version", "integer", _l("Version"), True),
        C("position", "integer", _l("Position"), True), C("description", "string", _l("Milestone")),
        C("responsible", "integer", _l("Responsible organisation")),
        C("responsible_name", "string", _l("Name of the responsible organisation")),
        C("start_date", "date", _l("Start")), C("end_date", "date", _l("End: the target's due date")),
        C("indicator", "string", _l("Indicator: what will be measured")),
        C("baseline_value", "string", _l("Baseline value")), C("baseline_date", "date", _l("Baseline date")),
        C("baseline_source", "string", _l("Baseline source")), C("target", "string", _l("Target")),
        C("unit", "string", _l("Responsible unit inside the organisation")),
        C("verification", "string", _l("Means of verification: the document or data that will prove it")),
        C("verifiability", "string", _l("The verifiability check as drafted: verifiable, not_verifiable, or "
                                        "not_checked (drafted before the check)")),
        C("findings", "string", _l("What the check found, separated by ;")),
    ), _milestones, primary_key=("commitment_id", "version", "position"),
        foreign_keys=(("commitment_id", "commitments", "id"),)),
    Table("influence_links", _l("Influence links: which inputs shaped which version"), (
        ID, C("commitment_id", "integer", _l("Commitment"), True), C("version", "integer", _l("Version shaped")),
        C("source_type", "string", _l("proposal, consultation_comment or session decision")),
        C("source_id", "integer", _l("Number of the input")),
        C("how", "string", _l("How it shaped the version")), C("explanation", "string", _l("Explanation")),
        C("supersedes", "integer", _l("Link it replaced")), C("change_reason", "string", _l("Why it was replaced")),
        C("current", "boolean", _l("Still in force (not replaced or retracted)")),
        C("author", "integer", _l("Co-chair who recorded it")), C("author_name", "string", _l("Their name")),
        C("organisation", "integer", _l("Their organisation")), C("organisation_name", "string", _l("Its name")), AT,
    ), _links, foreign_keys=(("commitment_id", "commitments", "id"),)),
    Table("sessions", _l("Sessions"), (
        ID, C("name", "string", _l("Title"), True), C("status", "string", _l("scheduled, live or ended")),
        C("start_date", "datetime", _l("Starts, UTC")), C("end_date", "datetime", _l("Planned end, UTC")),
        C("notice_reason", "string", _l("Why it was called with less notice than the forum's minimum; empty if not")),
        C("started_at", "datetime", _l("Started, UTC")),
        C("start_reason", "string", _l("Why it started early, late or with short notice; empty if on time")),
        C("ended_at", "datetime", _l("Ended, UTC")),
        C("location", "string", _l("Place")), C("minutes_published_at", "datetime", _l("Minutes published, UTC")),
        FORUM, FORUM_TITLE,
    ), _sessions, foreign_keys=(("forum_id", "forums", "id"),)),
    Table("motions", _l("Motions and their counts"), (
        ID, C("session_id", "integer", _l("Session"), True), C("text", "string", _l("Question put to the vote")),
        C("requirement", "string", _l("Counting rule")), C("options", "string", _l("Options, separated by ;")),
        C("result", "string", _l("pass, fail or withdrawn (taken back without a result); empty while open")),
        C("date", "datetime", _l("When, in UTC")),
        C("outcome", "string", _l("Winning option")), C("counts", "string", _l("Votes per option, option=n;...")),
        C("quorum_met", "boolean", _l("Quorum met at the opening and the close; empty if not recorded")),
        C("quorum_override", "string", _l("Without quorum: each co-chair's reason to decide anyway, side: reason;...")),
    ), _motions, foreign_keys=(("session_id", "sessions", "id"),)),
    Table("votes", _l("Roll calls of closed motions"), (
        C("motion_id", "integer", _l("Motion"), True), C("voter_id", "integer", _l("Member who voted"), True),
        C("voter_name", "string", _l("Their name")), C("group", "string", _l("Their stakeholder group")),
        C("option", "string", _l("Option chosen")),
    ), _votes, primary_key=("motion_id", "voter_id"), foreign_keys=(("motion_id", "motions", "id"),)),
)

from .plan_tables import PLAN_TABLES  # noqa: E402  (they build on the definitions above)

TABLES += PLAN_TABLES
from . import absorbed as absorbed_tables  # noqa: E402  (issue 28; it builds on the helpers above)

TABLES = (*TABLES, *absorbed_tables.TABLES)
from .voice_tables import VOICE_TABLES  # noqa: E402  (they are built from Table and C above)

TABLES = (*TABLES, *VOICE_TABLES)
from .influence_tables import INFLUENCE_TABLES  # noqa: E402  (issue 27: built from Table and C above)
from .requirement_tables import REQUIREMENT_TABLES  # noqa: E402  (issue 28: built from Table and C above)

TABLES = (*TABLES, *INFLUENCE_TABLES, *REQUIREMENT_TABLES)
