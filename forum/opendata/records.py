"""What the public may read of each thing, as plain JSON-ready records: the one home of
that rule for the API, the open-data archive and the feeds, so none can show more than the
pages do (no hidden text, no unpublished comment, no open ballot, no unapproved minutes, no
e-mail address). Each function takes a list and runs a fixed number of queries whatever its
length. Times are RFC 3339 with their offset (the database keeps naive UTC)."""
from datetime import UTC, datetime

from sqlalchemy import func, select

from ..accounts.models import User
from ..commitments import assessment_queries, cluster_queries, progress_queries
from ..commitments.models import Commitment, CommitmentVersion
from ..commitments.queries import export as commitment_export
from ..commitments.queries import fates
from ..consultations.models import CommentResponse, Consultation, ConsultationComment
from ..consultations.public import published
from ..consultations.queries import visible_comments
from ..core.clock import utcnow
from ..extensions import db
from ..forums.models import Forum, Seat, SeatRole
from ..forums.names import names_for, names_of
from ..forums.queries import composition
from ..monitoring import queries as monitoring_queries
from ..organisations.models import Organisation
from ..proposals import public
from ..proposals.models import Proposal, ProposalVersion, Response
from ..proposals.queries import on_behalf_counts
from ..sessions import public as sessions_public
from ..sessions import state
from ..sessions.models import ForumSession, Motion, MotionStatus
from ..trail.export import to_json
from ..trail.models import TrailCheckpoint, TrailCosignature, TrailEntry, TrailWitness


def rfc3339(dt: datetime | None) -> str | None:
    """A stored naive-UTC time with its offset spelled out."""
    return dt.replace(tzinfo=UTC, microsecond=0).isoformat() if dt is not None else None


def org_ref(ident: int | None, names: dict) -> dict | None:
    return {"id": ident, "name": names.get(ident, "")} if ident is not None else None


# --- forums and organisations -------------------------------------------------------------

def forums(rows: list[Forum]) -> list[dict]:
    counts = dict(db.session.execute(select(Seat.forum_id, func.count()).where(
        Seat.forum_id.in_([f.id for f in rows]), Seat.ended_at.is_(None)).group_by(Seat.forum_id)).all())
    return [{"id": f.id, "title": f.title, "sector": f.sector, "cycle": f.cycle, "status": f.status,
             "description": f.description, "influence_target": f.influence_target,
             "response_deadline_days": f.response_deadline_days, "session_notice_days": f.session_notice_days,
             "quorum_rule": f.quorum_rule, "members_count": counts.get(f.id, 0),
             "created_at": rfc3339(f.created_at)} for f in rows]


def forum_detail(f: Forum) -> dict:
    """Co-chairs and members are people in a public role: their names are published."""
    comp = composition(f)

    def seat(s: Seat) -> dict:
        return {"person": {"id": s.user_id, "name": s.user.display_name},
                "organisation": {"id": s.organisation_id, "name": s.organisation.name},
                "group": s.organisation.kind, "role": s.role, "since": rfc3339(s.created_at)}

    seats = [s for group in comp["seats"].values() for s in group]
    return {**forums([f])[0], "terms_of_reference": f.terms_of_reference,
            "co_chairs": [seat(s) for s in seats if s.role != SeatRole.MEMBER],
            "members": [seat(s) for s in sorted(seats, key=lambda s: s.id)],
            "counts_by_group": comp["counts"]}


def organisations(rows: list[Organisation]) -> list[dict]:
    return [{"id": o.id, "name": o.name, "kind": o.kind, "status": o.status, "website": o.website,
             "description": o.description, "created_at": rfc3339(o.created_at)} for o in rows]


# --- proposals ----------------------------------------------------------------------------

def proposals(rows: list[Proposal]) -> list[dict]:
    """A hidden proposal keeps its number, dates, status and the co-chairs' reason; its words go."""
    fate = fates(rows)
    verified = on_behalf_counts([p.id for p in rows])
    out = []
    for p in rows:
        hidden = not public.is_shown(p)
        out.append({
            "id": p.id, "forum": {"id": p.forum_id, "title": p.forum.title},
            "organisation": {"id": p.organisation_id, "name": p.organisation.name}, "group": p.group,
            "channel": p.channel, "region": p.region,
            "status": p.status, "fate": fate.get(p.id), **_hiding(p),
            "title": None if hidden else p.title, "problem": None if hidden else p.problem,
            "proposal": None if hidden else p.proposal,
            "expected_result": None if hidden else p.expected_result,
            "values": [] if hidden else sorted(v.value for v in p.values),
            "links": [] if hidden else [u for u in p.links.splitlines() if u.strip()],
            "version": p.version, "submitted_at": rfc3339(p.submitted_at),
            "first_response_at": rfc3339(p.first_response_at), "withdrawn_at": rfc3339(p.withdrawn_at),
            "merged_into": p.merged_into_id, "endorsement_count": p.endorsement_count,
            "endorsements_from_organisations": verified.get(p.id, 0),
        })
    return out


def proposal_detail(p: Proposal) -> dict:
    record = proposals([p])[0]
    responses = list(db.session.scalars(select(Response).where(Response.proposal_id == p.id)
                                        .order_by(Response.revision)))
    people = names_of(User, User.display_name, [r.responder_id for r in responses])
    orgs = names_of(Organisation, Organisation.name, [r.organisation_id for r in responses])
    versions = [] if not public.is_shown(p) else list(db.session.scalars(
        select(ProposalVersion).where(ProposalVersion.proposal_id == p.id).order_by(ProposalVersion.number)))
    return {**record,
            "responses": [{"revision": r.revision, "outcome": r.outcome, "reason": r.reason,
                           "merged_into": r.merged_into_id, "at": rfc3339(r.created_at),
                           "responder": {"id": r.responder_id, "name": people.get(r.responder_id, "")},
                           "organisation": org_ref(r.organisation_id, orgs)} for r in responses],
            "versions": [{"number": v.number, "title": v.title, "problem": v.problem, "proposal": v.proposal,
                          "expected_result": v.expected_result, "values": [x for x in v.values.split(",") if x],
                          "at": rfc3339(v.created_at)} for v in versions]}


# --- consultations ------------------------------------------------------------------------

def consultations(rows: list[Consultation], now: datetime | None = None) -> list[dict]:
    now = now or utcnow()
    counts = dict(db.session.execute(select(ConsultationComment.consultation_id, func.count()).where(
        ConsultationComment.consultation_id.in_([c.id for c in rows]))
        .group_by(ConsultationComment.consultation_id)).all())
    return [{"id": c.id, "forum": {"id": c.forum_id, "title": c.forum.title}, "title": c.title,
             "introduction": c.introduction, "commitment": c.commitment_id, "version_number": c.version_number,
             "starts_at": rfc3339(c.starts_at), "ends_at": rfc3339(c.ends_at), "phase": c.phase(now),
             "audience": c.audience, "visibility": c.visibility, "comments_published": published(c, now),
             "promise_level": c.promise_level, "promise": c.promise, "document_sha256": c.document_sha256,
             "concluded_at": rfc3339(c.concluded_at), "comments_count": counts.get(c.id, 0)} for c in rows]


def consultation_detail(c: Consultation, now: datetime | None = None) -> dict:
    """Comments only once published (as an anonymous reader sees them); a hidden one keeps
    its number, group and answers but not its words."""
    now = now or utcnow()
    comments = visible_comments(c, None, now)
    answers: dict[int, list[CommentResponse]] = {}
    for r in db.session.scalars(select(CommentResponse).where(
            CommentResponse.comment_id.in_([x.id for x in comments])).order_by(CommentResponse.id)):
        answers.setdefault(r.comment_id, []).append(r)
    orgs = names_of(Organisation, Organisation.name, [r.organisation_id for rs in answers.values() for r in rs])
    return {**consultations([c], now)[0],
            "paragraphs": [{"number": p.number, "section": p.section, "text": p.text} for p in c.paragraphs],
            "comments": [{
                "id": x.id, "paragraph": x.paragraph, "group": x.group,
                "organisation": {"id": x.organisation_id, "name": x.organisation.name} if x.organisation else None,
                **_hiding(x), "body": public.words(x, x.body), "suggestion": public.words(x, x.suggestion),
                "at": rfc3339(x.created_at), "channel": x.channel, "region": x.region,
                # The opening of the trail's commitment to it, published with its words only.
                "nonce": public.words(x, x.nonce),
                "answer": x.answer, "answered_at": rfc3339(x.answered_at),
                "responses": [{"outcome": r.outcome, "reason": r.reason, "at": rfc3339(r.created_at),
                               "organisation": org_ref(r.organisation_id, orgs)} for r in answers.get(x.id, [])],
            } for x in comments]}


# --- commitments --------------------------------------------------------------------------

def commitments(rows: list[Commitment]) -> list[dict]:
    ids = [c.id for c in rows]
    latest = {v.commitment_id: v for v in db.session.scalars(select(CommitmentVersion).join(
        Commitment, (Commitment.id == CommitmentVersion.commitment_id)
        & (Commitment.latest == CommitmentVersion.number)).where(Commitment.id.in_(ids)))} if ids else {}
    orgs = names_of(Organisation, Organisation.name, [v.lead_agency_id for v in latest.values()])
    assessed = assessment_queries.in_force(ids)
    grouped = cluster_queries.of_commitments(ids)
    seen = monitoring_queries.completions(rows, utcnow())
    out = []
    for c in rows:
        v = latest[c.id]
        a = assessed.get(c.id)
        out.append({"id": c.id, "forum": {"id": c.forum_id, "title": c.forum.title}, "title": v.title,
                    "latest_version": c.latest, "adopted_version": c.adopted,
                    "values": [x for x in v.values.split(",") if x],
                    "lead_agency": org_ref(v.lead_agency_id, orgs), "start_date": v.start_date.isoformat(),
                    "end_date": v.end_date.isoformat(), "created_at": rfc3339(c.created_at),
                    "assessment": assessment(a) if a else None,
                    "cluster": {"id": grouped[c.id].id, "name": grouped[c.id].name} if c.id in grouped else None,
                    "completion": seen[c.id].level, "civil_society": seen[c.id].civil_society,
                    "neglected": seen[c.id].neglected})
    return out


def _assessment(a, confirmation) -> dict:
    return {"number": a.number, "version": a.version_number,
            "relevance": [x for x in a.relevance.split(",") if x], "verifiable": a.verifiable,
            "potential": a.potential, "completion": a.completion, "opened_government": a.opened_government,
            "reason": a.reason, "assessor": a.assessor, "at": rfc3339(a.created_at),
            "in_force": assessment_queries.is_in_force(a, confirmation), "scale": a.scale, "ogp_lens": a.ogp_lens,
            "promising": a.promising, "cluster": a.cluster_id}


def assessment(a) -> dict:
    """An assessment that assessments.in_force found in force, as the API and the archive give
    it (a co-chairs' one is in force by its confirmation, which in_force already checked)."""
    return {**_assessment(a, None), "in_force": True}


def commitment_detail(c: Commitment) -> dict:
    """The provenance export (versions, milestones, sign-offs, influence links) with the
    progress reports and every assessment; the trail is its own resource."""
    record = commitments([c])[0]
    data = commitment_export(c)
    updates = progress_queries.history(c)
    orgs = names_of(Organisation, Organisation.name, [u.organisation_id for u in updates])
    checked = monitoring_queries.history(updates, utcnow())
    return {**record, "versions": [{**v, "created_at": _reformat(v["created_at"])}
                                   for v in data["versions"]],
            "signoffs": [{**s, "at": _reformat(s["at"])} for s in data["signoffs"]],
            "influence_links": [{**link, "at": _reformat(link["at"])} for link in data["influence_links"]],
            "progress": [{"milestone": u.milestone_id, "level": u.level, "note": u.note,
                          "evidence": [x for x in u.evidence.splitlines() if x.strip()],
                          "organisation": org_ref(u.organisation_id, orgs),
                          "at": rfc3339(u.created_at),
                          "evidence_checked_on": u.evidence_checked_on.isoformat() if u.evidence_checked_on else None,
                          "evidence_sha256": u.evidence_sha256,
                          **{**checked[u.id], "window_ends": rfc3339(checked[u.id]["window_ends"])}}
                         for u in updates],
            "assessments": [_assessment(a, conf) for a, conf in assessment_queries.history(c)]}


def _reformat(text: str | None) -> str | None:
    """The export's `...Z` times in this API's one format."""
    return rfc3339(datetime.fromisoformat(text.removesuffix("Z"))) if text else None


# --- sessions (Popolo: event, motions, vote events, counts, votes) ------------------------

def sessions(rows: list[ForumSession]) -> list[dict]:
    return [{"id": s.id, "name": s.title, "type": "session", "organization_id": s.forum_id,
             "forum": {"id": s.forum_id, "title": s.forum.title}, "status": s.status,
             "start_date": rfc3339(s.starts_at), "end_date": rfc3339(s.ends_at),
             "notice_reason": s.notice_reason, "started_at": rfc3339(s.started_at), "start_reason": s.start_reason,
             "ended_at": rfc3339(s.ended_at),
             "location": s.place, "minutes_published_at": rfc3339(sessions_public.published_at(s))} for s in rows]


def session_detail(s: ForumSession) -> dict:
    """A closed motion is a Popolo motion with one vote event (counts per option and per
    group, and the roll call); an open one shows its text only: no tally, no ballot."""
    snap = state.snapshot(s, ("header", "attendance", "decisions", "minutes"))
    motions_open = list(db.session.scalars(select(Motion).where(Motion.session_id == s.id,
                                                                Motion.status == MotionStatus.OPEN)))
    closed = [_popolo_motion(s, d) for d in snap["decisions"]]
    pending = [{"id": m.id, "organization_id": s.forum_id, "legislative_session_id": s.id, "text": m.text,
                "date": rfc3339(m.created_at), "requirement": m.rule, "secret": m.secret, "result": None,
                "options": m.options, "quorum": _quorum(m.quorum_at_open, m.quorum_at_open),
                "agenda_item": m.agenda_position, "vote_events": []} for m in motions_open]
    minutes = snap["minutes"]
    return {**sessions([s])[0], "agenda": snap["header"]["agenda"],
            "attendance": [{"person": {"id": m["user"], "name": m["name"]}, "organisation": m["organisation"],
                            "group": m["group"], "role": m["role"], "present": m["present"]}
                           for m in snap["attendance"]["members"]],
            "motions": sorted(closed + pending, key=lambda m: m["id"]),
            "minutes": {"text": minutes["text"] if minutes["published_at"] else None,
                        "published_at": rfc3339(sessions_public.published_at(s)),
                        "approved_by": minutes["approved_by"]}}


def _quorum(record: dict | None, figures: dict | None) -> dict | None:
    """Whether the vote had its quorum, with the figures and, when not, the co-chairs' keys."""
    if not record or not figures:
        return None
    return {"met": record["met"], "present": figures["present"], "members": figures["members"],
            "needed": figures["needed"], "rule": figures["rule"],
            "override": [{**o, "at": _reformat(o["at"])} for o in record.get("override", [])]}


def _popolo_motion(s: ForumSession, d: dict) -> dict:
    if d["status"] == MotionStatus.WITHDRAWN:  # taken back while open: no result, no vote event
        return {"id": d["id"], "organization_id": s.forum_id, "legislative_session_id": s.id, "text": d["text"],
                "date": _reformat(d["closed_at"]), "requirement": d["rule"], "secret": d["secret"],
                "options": d["options"], "result": "withdrawn", "agenda_item": d["agenda_item"], "quorum": None,
                "vote_events": []}
    result = d["result"]
    carried = result.get("carried")
    return {"id": d["id"], "organization_id": s.forum_id, "legislative_session_id": s.id, "text": d["text"],
            "date": _reformat(d["closed_at"]), "requirement": d["rule"], "secret": d["secret"],
            "options": d["options"],
            "result": "pass" if carried else "fail", "agenda_item": d["agenda_item"],
            "quorum": _quorum(result.get("quorum"), (result.get("quorum") or {}).get("at_close")),
            "vote_events": [{
                "id": f"motion-{d['id']}", "motion_id": d["id"], "end_date": _reformat(d["closed_at"]),
                "result": "pass" if carried else "fail", "outcome": result.get("outcome"),
                "counts": [{"option": o, "value": n} for o, n in result.get("tally", {}).items()],
                "group_results": [{"group_id": g, "counts": [{"option": o, "value": n} for o, n in c.items()]}
                                  for g, c in result.get("by_group", {}).items()],
                "votes": [{"voter_id": r["user"], "voter_name": r["name"], "option": r["option"],
                           "group_id": r["group"]} for r in d["roll_call"]],
            }]}


# --- trail --------------------------------------------------------------------------------

def trail_entries(rows: list[TrailEntry]) -> list[dict]:
    """Every field the hash covers, as exported, with the names the ids stand for beside them."""
    names = names_for(rows)
    return [{**to_json(e), "at": rfc3339(e.at), "hashed_at": to_json(e)["at"],
             "actor_user_name": names["user"].get(e.actor_user_id),
             "actor_org_name": names["organisation"].get(e.actor_org_id)} for e in rows]


def checkpoints(rows: list[TrailCheckpoint]) -> list[dict]:
    """Each signed note with the witnesses' cosignature lines accepted for it."""
    signed: dict[int, list] = {}
    for c, w in db.session.execute(select(TrailCosignature, TrailWitness).join(
            TrailWitness, TrailWitness.id == TrailCosignature.witness_id)
            .where(TrailCosignature.checkpoint_id.in_([cp.id for cp in rows])).order_by(TrailCosignature.id)):
        signed.setdefault(c.checkpoint_id, []).append(
            {"witness": w.name, "key": w.key, "line": c.line, "signed_at": rfc3339(c.signed_at)})
    return [{"size": cp.size, "root": cp.root, "note": cp.note, "created_at": rfc3339(cp.created_at),
             "cosignatures": signed.get(cp.id, [])} for cp in rows]


def _hiding(x) -> dict:
    """The archive's two columns for a moderated thing: whether hidden, and the public reason."""
    w = public.withheld(x)
    return {"hidden": w is not None, "hidden_reason": w.reason if w else None}
