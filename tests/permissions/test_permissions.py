"""The permission matrix: every route and action, for every role, with its exact outcome.

A refused action must change nothing, so every cell also checks the trail length:
it grows only when the action was allowed.
"""
import pytest
from sqlalchemy import select

from forum.commitments.services.assessments import Fields
from forum.extensions import db
from forum.forums.models import Seat
from tests.conftest import trail_actions_since, trail_length
from tests.helpers import monitoring_actions as monitoring_actions
from tests.helpers.private_documents import SHEET, put_back, sheet_world
from tests.helpers.voice_permissions import VOICE_ACTIONS, VOICE_PREDICATES, VOICE_TRAIL, voice_world

ROLES = ["anonymous", "registered", "cso_member", "forum_member", "state_chair", "civil_chair",
         "admin", "other_chair", "facilitator"]


def build_world(make):
    """Forum A (open, with a member) and forum B, and one person for each role."""
    forum_a = make.forum(open_=True, title="Forum A")
    forum_b = make.forum(open_=True, title="Forum B")
    seats = {s.role: s for s in forum_a.active_seats}
    member_user, member_org = make.member_of("civil_society")
    from forum.forums import services
    services.add_member(seats["state_chair"].user, forum_a, member_user, member_org)
    cso_user, cso_org = make.member_of("civil_society")
    candidate, candidate_org = make.member_of("academia")
    pending_org = make.org("government", verified=False)
    joiner = make.user("Joiner")
    join_request = make.join(joiner, cso_org, approve=False)
    voice = voice_world(make, forum_a, seats["state_chair"].user, candidate, candidate_org)
    sheet = sheet_world(make, voice, forum_a, forum_b)
    db.session.commit()
    people = {
        "registered": make.user("Registered"),
        "cso_member": cso_user,
        "forum_member": member_user,
        "state_chair": seats["state_chair"].user,
        "civil_chair": seats["civil_chair"].user,
        "admin": make.admin(),
        "other_chair": next(s.user for s in forum_b.active_seats if s.role == "state_chair"),
        "facilitator": voice["facilitator"],
        "other_facilitator": sheet["other_facilitator"],
    }
    member_seat = db.session.scalar(select(Seat).where(Seat.forum_id == forum_a.id,
                                                       Seat.user_id == member_user.id))
    from forum.proposals import services as proposals
    from forum.proposals.services import comments
    proposal = proposals.submit(cso_user, forum_a, cso_org, title="Datos abiertos de compras",
                                problem="Las compras públicas no se publican a tiempo.",
                                proposal="Publicar cada contrato en formato abierto.",
                                expected_result="Vigilancia ciudadana de las compras.", values=["transparency"])
    comment = comments.post(people["registered"], proposal, "Un comentario ofensivo de prueba.")
    from forum.proposals.services import responses
    shaping = proposals.submit(cso_user, forum_a, cso_org, title="Agenda de reuniones abierta",
                               problem="Las reuniones de autoridades no se publican.",
                               proposal="Publicar cada reunión con su agenda.",
                               expected_result="Ciudadanía informada de las reuniones.", values=["transparency"])
    responses.respond(seats["civil_chair"].user, shaping, "accepted", REASON)
    from forum.commitments import services as commitments
    from forum.commitments.services import links
    from tests.helpers.commitments import milestones, template
    commitment = commitments.create(seats["state_chair"].user, forum_a, template(forum_a), milestones(forum_a))
    from forum.commitments.queries import version
    accepted_comment = comments.post(people["registered"], shaping, "Que incluya las reuniones virtuales.")
    link = links.link(seats["state_chair"].user, version(commitment), "comment", accepted_comment.id, "informed",
                      "Sirvió de antecedente para el compromiso.")
    from forum.commitments.services import signoff
    kept = commitments.create(seats["state_chair"].user, forum_a, template(forum_a), milestones(forum_a))
    signoff.sign(seats["state_chair"].user, version(kept))
    signoff.sign(seats["civil_chair"].user, version(kept))
    vague = commitments.create(seats["state_chair"].user, forum_a, template(forum_a),
                               milestones(forum_a, verification=None))
    from forum.consultations.services import responses as consultation_answers
    from tests.helpers.consultations import ANSWER, closed, running
    open_c = running(forum_a)
    members_c = running(forum_a, audience="members")
    closed_c, (ccomment,) = closed(forum_a, [(cso_user, "Publiquen cada mes.", 2)])
    done_c, (dcomment,) = closed(forum_a, [(cso_user, "Publiquen cada semana.", 2)])
    from tests.helpers.live import scheduled
    meeting = scheduled(forum_a)
    consultation_answers.answer(seats["civil_chair"].user, dcomment, "accepted", ANSWER)
    from forum.commitments.services import assessments
    pending = assessments.assess(seats["state_chair"].user, kept, ASSESSMENT)
    suspect = make.user("Cuenta sospechosa", confirmed=False)
    from tests.helpers.plans import permissions_world
    plan_ids = permissions_world(forum_a, kept)
    absorbed = _absorbed_world(cso_user, cso_org, seats, forum_a)
    db.session.commit()
    orgs = {"cso_member": cso_org.id, "forum_member": member_org.id,
            "state_chair": seats["state_chair"].organisation_id, "civil_chair": seats["civil_chair"].organisation_id,
            "other_chair": next(s.organisation_id for s in forum_b.active_seats if s.role == "state_chair")}
    return dict(a=forum_a.id, b=forum_b.id, people={k: v.email for k, v in people.items()},
                proposal=proposal.id, shaping=shaping.id, comment=comment.id, orgs=orgs, commitment=commitment.id,
                link=link.id,
                lead=seats["state_chair"].organisation_id, kept=kept.id, vague=vague.id,
                kept_milestone=version(kept).milestones[0].id,
                member_seat=member_seat.id, candidate=f"{candidate.id}:{candidate_org.id}",
                chair_candidate=f"{cso_user.id}:{cso_org.id}", pending_org=pending_org.id,
                cso_org=cso_org.id, join_request=join_request.id,
                open_c=open_c.id, members_c=members_c.id, closed_c=closed_c.id, ccomment=ccomment.id,
                done_c=done_c.id, meeting=meeting.id, assessment=pending.id, suspect=suspect.id, **plan_ids, **absorbed,
                **monitoring_actions.build(make, forum_a, kept, seats, member_user, member_org),
                **{k: v for k, v in voice.items() if k != "facilitator"}, sheet=sheet["sheet"])


COPIED = "Publicar en datos abiertos cada contrato del Estado con sus adendas y pagos mensuales."


def _absorbed_world(cso_user, cso_org, seats, forum):
    """A proposal the forum accepted, a commitment that copies it (so the detector suggests
    it) and the organisation's pending claim on it (issue 28)."""
    from forum.commitments import services as commitments
    from forum.commitments.absorbed_models import Suggestion
    from forum.commitments.queries import version
    from forum.commitments.services import claims
    from forum.proposals import services as proposals
    from forum.proposals.services import responses
    from tests.helpers.commitments import milestones, template
    copied = proposals.submit(cso_user, forum, cso_org, title="Contratos en datos abiertos",
                              problem="Nadie puede vigilar los contratos.", proposal=COPIED,
                              expected_result="Vigilancia ciudadana.", values=["transparency"])
    responses.respond(seats["civil_chair"].user, copied, "accepted", REASON)
    absorbing = commitments.create(seats["state_chair"].user, forum, template(forum, description=COPIED),
                                   milestones(forum))
    suggestion = db.session.scalar(select(Suggestion.id).where(Suggestion.commitment_id == absorbing.id))
    claim = claims.claim(cso_user, version(absorbing), cso_org.id, copied.id, COPIED)
    return dict(absorbing=absorbing.id, suggestion=suggestion, claim=claim.id)


@pytest.fixture
def seed():
    return build_world


@pytest.fixture
def world(seeded, new_client):
    return {**seeded, "new_client": new_client}


def client_for(world, role):
    c = world["new_client"]()
    if role != "anonymous":
        c.login(world["people"][role])
    return c


ALL = set(ROLES)
LOGGED_IN = ALL - {"anonymous"}
CHAIRS_A = {"state_chair", "civil_chair"}
WITH_VERIFIED_ORG = {"cso_member", "forum_member", "state_chair", "civil_chair", "other_chair"}
PROPOSAL = {"title": "Agenda abierta de autoridades", "problem": "Las reuniones de autoridades no se publican.",
            "proposal": "Publicar las agendas diarias en formato abierto.",
            "expected_result": "Ciudadanía informada de con quién se reúnen.", "values": ["transparency"]}
def _witness_key() -> str:
    from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

    from forum.trail.cosign import witness_of
    return str(witness_of(f"witness-{id(object())}.example/w", Ed25519PrivateKey.generate()))


def _ahead(days: int, hour: int) -> str:
    """A local time well within any notice period and the forms' ten-year horizon."""
    from datetime import timedelta

    from forum.core.clock import utcnow
    return (utcnow() + timedelta(days=days)).replace(hour=hour, minute=0).strftime("%Y-%m-%dT%H:%M")


def _plan_file(w) -> str:
    """A one-commitment plan in the OGP template, as the import's preview sends it back."""
    import base64
    header = ("ref,title,problem,status_quo,description,contribution,ogp_relevance,values,lead_agency,supporting,"
              "start_date,end_date,milestone,milestone_responsible,milestone_start,milestone_end\n")
    row = (f"P-1,Agendas de autoridades abiertas,Las agendas no se publican a tiempo.,Nadie publica las agendas.,"
           f"Publicar las agendas diarias.,Ciudadanía informada de las reuniones.,Transparencia activa del Estado.,"
           f"transparency,{w['lead']},,2020-01-01,2021-06-30,Primer reporte público,{w['lead']},2020-02-01,"
           f"2020-06-30\n")
    return base64.b64encode((header + row).encode()).decode()


ASSESSMENT = Fields(relevance=["transparency", "participation"], verifiable=True, potential="substantial",
                    completion=None, opened_government=None, ogp_lens=True, promising=True,
                    reason="Los hitos son medibles y la publicación mensual cambia la práctica actual.")
REASON = "La propuesta se acepta porque ya existe la información y solo falta publicarla."

# name: (method, url template, form data, roles allowed). Anonymous users are sent to log in
# wherever a login is needed; every other refused role gets 403. Form data may depend on the role.
ACTIONS = {
    "submit proposal": ("post", "/forums/{a}/proposals/new", lambda w, r: {
        **PROPOSAL, "organisation": w["orgs"].get(r, "")}, WITH_VERIFIED_ORG),
    "edit proposal": ("post", "/proposals/{proposal}/edit", lambda w, r: {
        **PROPOSAL, "organisation": w["orgs"]["cso_member"]}, {"cso_member"}),
    "withdraw proposal": ("post", "/proposals/{proposal}/withdraw", lambda w, r: {}, {"cso_member"}),
    "endorse": ("post", "/proposals/{proposal}/endorse", lambda w, r: {"endorse-organisation": ""}, LOGGED_IN),
    "comment": ("post", "/proposals/{proposal}/comments", lambda w, r: {
        "comment-body": "Apoyo esta propuesta.", "comment-organisation": ""}, LOGGED_IN),
    "respond": ("post", "/proposals/{proposal}/respond", lambda w, r: {
        "respond-outcome": "accepted", "respond-reason": REASON}, CHAIRS_A),
    "hide proposal": ("post", "/proposals/{proposal}/hide", lambda w, r: {
        "hide-reason": "Contiene datos personales de terceros."}, CHAIRS_A),
    "hide comment": ("post", "/comments/{comment}/hide", lambda w, r: {
        "hide-comment-{comment}-reason": "Insulta a otra participante."}, CHAIRS_A),
    "set response deadline": ("post", "/forums/{a}/deadline", lambda w, r: {"deadline-days": "45"}, CHAIRS_A),
    "draft commitment": ("post", "/forums/{a}/commitments/new", lambda w, r: {
        "title": "Agendas abiertas", "problem": "Las agendas no se publican.", "status_quo": "Nadie las publica.",
        "description": "Publicar agendas diarias.", "contribution": "Ciudadanía informada.",
        "ogp_relevance": "Transparencia activa.", "values": ["transparency"], "lead_agency_id": w["lead"],
        "start_date": "2020-01-01", "end_date": "2021-06-30", "milestones-0-description": "Primer reporte público",
        "milestones-0-responsible_id": w["lead"], "milestones-0-start_date": "2020-02-01",
        "milestones-0-end_date": "2020-06-30"}, CHAIRS_A),
    "import action plan": ("post", "/forums/{a}/commitments/import", lambda w, r: {
        "content": _plan_file(w), "filename": "plan.csv"}, CHAIRS_A),
    "report progress": ("post", "/commitments/{kept}/progress", lambda w, r: {
        "progress-milestone": w["kept_milestone"], "progress-level": "limited",
        "progress-note": "Se inició el trabajo con las regiones.",
        "progress-evidence": "https://datos.example.gob.pe/regiones", "progress-evidence_checked_on": "2020-03-01"},
        CHAIRS_A),
    "sign off": ("post", "/commitments/{commitment}/versions/1/sign", lambda w, r: {}, CHAIRS_A),
    "override check": ("post", "/commitments/{vague}/versions/1/override", lambda w, r: {
        "override-reason": "El medio de verificación se acordará en la primera sesión."}, CHAIRS_A),
    "refuse sign-off": ("post", "/commitments/{commitment}/versions/1/refuse", lambda w, r: {
        "refuse-reason": "Falta un hito sobre la publicación de las adendas."}, CHAIRS_A),
    "record influence": ("post", "/commitments/{commitment}/links", lambda w, r: {
        "link-source": f"proposal:{w['shaping']}", "link-how": "informed",
        "link-explanation": "La propuesta señaló un vacío del texto."}, CHAIRS_A),
    "supersede link": ("post", "/links/{link}/supersede", lambda w, r: {
        "how": "adopted", "explanation": "El texto es el de la propuesta.",
        "reason": "La primera calificación se quedó corta."}, CHAIRS_A),
    "assess commitment": ("post", "/commitments/{kept}/assessments", lambda w, r: {
        "assess-relevance": ["transparency"], "assess-verifiable": "yes", "assess-potential": "modest",
        "assess-completion": "", "assess-opened_government": "", "assess-reason": ASSESSMENT.reason,
        "assess-ogp_lens": "yes", "assess-promising": "no"}, CHAIRS_A),
    "confirm assessment": ("post", "/assessments/{assessment}/confirm", lambda w, r: {}, {"civil_chair"}),
    "appoint reviewer": ("post", "/admin/reviewers", lambda w, r: {
        "email": w["people"]["registered"], "cycle": "2019-2021",
        "reason": "Investigadora independiente con experiencia en el IRM."}, {"admin"}),
    "register witness": ("post", "/trail/witnesses", lambda w, r: {
        "key": _witness_key(), "organisation": str(w["orgs"]["civil_chair"])}, {"civil_chair", "admin"}),
    "retract link": ("post", "/links/{link}/retract", lambda w, r: {
        "retract-{link}-reason": "Se vinculó por error: el comentario no se recogió en el texto."}, CHAIRS_A),
    "link proposal to commitment": ("post", "/proposals/{shaping}/link", lambda w, r: {
        "plink-commitment": w["commitment"], "plink-how": "adapted",
        "plink-explanation": "Se adapta la propuesta en el segundo hito."}, CHAIRS_A),
    "open consultation": ("post", "/forums/{a}/consultations/new", lambda w, r: {
        "title": "Borrador del plan", "draft": "document", "body": "Un párrafo.\n\nOtro párrafo del borrador.",
        "starts_at": _ahead(days=300, hour=9), "ends_at": _ahead(days=331, hour=18), "audience": "registered",
        "visibility": "on_submit", "promise_level": "consult", "promise": "Les diremos cómo influyeron."},
        CHAIRS_A),
    "comment in consultation": ("post", "/consultations/{open_c}/comments", lambda w, r: {
        "paragraph": "2", "body": "Que sea mensual.", "suggestion": "", "organisation": ""}, LOGGED_IN),
    "comment in members-only consultation": ("post", "/consultations/{members_c}/comments", lambda w, r: {
        "paragraph": "", "body": "De acuerdo.", "suggestion": "", "organisation": ""},
        CHAIRS_A | {"forum_member"}),
    "answer consultation comment": ("post", "/consultations/{closed_c}/comments/{ccomment}/answer", lambda w, r: {
        "outcome": "accepted", "reason": "Se acepta porque la frecuencia mensual es viable para el ministerio.",
        "commitment": "", "how": "informed", "explanation": ""}, CHAIRS_A),
    "hide consultation comment": ("post", "/consultations/{closed_c}/comments/{ccomment}/hide", lambda w, r: {
        "hide-{ccomment}-reason": "Contiene datos personales de terceros."}, CHAIRS_A),
    "conclude consultation": ("post", "/consultations/{done_c}/conclude", lambda w, r: {"confirm": "y"}, CHAIRS_A),
    "set session rules": ("post", "/forums/{a}/session-rules", lambda w, r: {
        "session_rules-notice_days": "10", "session_rules-quorum_rule": "majority"}, CHAIRS_A),
    "schedule session": ("post", "/forums/{a}/sessions/new", lambda w, r: {
        "title": "Sesión ordinaria", "starts_at": _ahead(days=355, hour=10), "ends_at": _ahead(days=355, hour=12),
        "place": "Sala 1", "online_url": "", "agenda-0-title": "Apertura"}, CHAIRS_A),
    "create forum": ("post", "/forums/new", lambda w, r: {
        "sector": "Salud", "cycle": "2019-2021", "title": "Foro de Salud",
        "influence_target": "consult"}, {"admin"}),
    "appoint co-chair": ("post", "/forums/{a}/chairs", lambda w, r: {
        "chair-role": "civil_chair", "chair-candidate": w["chair_candidate"]}, {"admin"}),
    "add member": ("post", "/forums/{a}/members", lambda w, r: {
        "member-candidate": w["candidate"]}, CHAIRS_A),
    "remove member": ("post", "/forums/{a}/members/{member_seat}/remove", lambda w, r: {
        "remove-reason": "Left the organisation it represented."}, CHAIRS_A),
    "close forum": ("post", "/forums/{a}/status", lambda w, r: {
        "status-status": "closed", "status-reason": "The cycle's action plan is adopted."}, CHAIRS_A),
    "mark implementation review": ("post", "/sessions/{meeting}/implementation-review", lambda w, r: {
        "implementation_review": "y"}, CHAIRS_A),
    "verify organisation": ("post", "/admin/organisations/{pending_org}/verify", lambda w, r: {}, {"admin"}),
    "reject organisation": ("post", "/admin/organisations/{pending_org}/reject", lambda w, r: {
        "reason": "No evidence this is a public body."}, {"admin"}),
    "approve join request": ("post", "/organisations/{cso_org}/members/{join_request}/approve",
                             lambda w, r: {}, {"admin", "cso_member"}),
    "register organisation": ("post", "/organisations/new", lambda w, r: {
        "name": "Nueva Asociación", "kind": "civil_society"}, LOGGED_IN),
    "ask to join": ("post", "/organisations/{pending_org}/join", lambda w, r: {}, LOGGED_IN),
    "suspend account": ("post", "/admin/accounts/{suspect}/suspend", lambda w, r: {
        "reason": "Cuenta creada en una ráfaga de registros automáticos."}, {"admin"}),
    "sign agreed plan": ("post", "/forums/{a}/agreed-plan/sign", lambda w, r: {}, CHAIRS_A),
    "record official plan": ("post", "/cycles/2019-2021/instruments", lambda w, r: {
        "instrument-kind": "rm", "instrument-number": "7-2020-PCM", "instrument-issuer": "PCM",
        "instrument-published_on": "2020-03-01", "instrument-starts_on": "2020-03-01",
        "instrument-ends_on": "2021-12-31", "instrument-url": "https://www.gob.pe/rm-7"},
        CHAIRS_A | {"admin", "other_chair"}),
    "record adopted text": ("post", "/instruments/{instrument}/texts", lambda w, r: {
        "text-forum": w["a"], "text-title": "Datos abiertos de salud"}, CHAIRS_A | {"admin"}),
    "match agreed to adopted": ("post", "/forums/{a}/plan-matches", lambda w, r: {
        "match-agreed": w["omitted_item"], "match-adopted": w["added_text"]}, CHAIRS_A),
    "publish comparison": ("post", "/forums/{a}/plan-comparison", lambda w, r: {}, CHAIRS_A),
    "answer discrepancy": ("post", "/discrepancies/{discrepancy}/answer", lambda w, r: {
        "answer-answer": "El ministerio ajustó el texto a su presupuesto aprobado para este año."},
        {"state_chair"}),
    "record dissent": ("post", "/discrepancies/{discrepancy}/dissent", lambda w, r: {
        "dissent-reason": "La sociedad civil no aceptó el cambio del texto acordado en el foro."},
        {"civil_chair", "forum_member"}),
    "link suggestion": ("post", "/suggestions/{suggestion}/link", lambda w, r: {
        "link-how": "adopted", "link-explanation": "El compromiso copia la propuesta."}, CHAIRS_A),
    "dismiss suggestion": ("post", "/suggestions/{suggestion}/dismiss", lambda w, r: {
        "dismiss-reason": "El texto ya estaba en la ley de transparencia."}, CHAIRS_A),
    "claim passage": ("post", "/commitments/{absorbing}/claim", lambda w, r: {
        "claim-version": "1", "claim-organisation": w["cso_org"], "claim-proposal": w["shaping"],
        "claim-passage": "Los contratos no se publican a tiempo."}, {"cso_member"}),
    "confirm claim": ("post", "/claims/{claim}/confirm", lambda w, r: {
        "confirm-how": "adopted", "confirm-explanation": "El pasaje reproduce la propuesta."}, CHAIRS_A),
    "reject claim": ("post", "/claims/{claim}/reject", lambda w, r: {
        "reject-reason": "El pasaje viene de la ley, no de la propuesta."}, CHAIRS_A),
    **monitoring_actions.ACTIONS,
    **VOICE_ACTIONS,
}


# What each allowed action writes on the trail.
TRAIL = {
    "submit proposal": "proposal.submitted", "edit proposal": "proposal.edited",
    "withdraw proposal": "proposal.withdrawn", "endorse": "proposal.endorsed", "comment": "comment.posted",
    "respond": "proposal.responded", "hide proposal": "proposal.hidden", "hide comment": "comment.hidden",
    "set response deadline": "forum.settings_changed", "draft commitment": "commitment.drafted",
    "import action plan": "plan.imported",
    "report progress": "milestone.progress", "sign off": "commitment.signed",
    "override check": "commitment.check_overridden", "refuse sign-off": "commitment.refused",
    "record influence": "influence.linked", "supersede link": "influence.superseded",
    "retract link": "influence.retracted", "assess commitment": "commitment.assessed",
    "confirm assessment": "assessment.confirmed", "register witness": "trail.witness_added",
    "appoint reviewer": "reviewer.appointed",
    "link proposal to commitment": "influence.linked",
    "open consultation": "consultation.opened",
    "comment in consultation": "consultation.commented",
    "comment in members-only consultation": "consultation.commented",
    "answer consultation comment": "consultation.answered",
    "hide consultation comment": "consultation.comment_hidden", "conclude consultation": "consultation.concluded",
    "set session rules": "forum.settings_changed", "schedule session": "session.scheduled",
    "create forum": "forum.created", "appoint co-chair": "forum.chair_appointed", "add member": "forum.member_added",
    "remove member": "forum.member_removed", "close forum": "forum.closed",
    "verify organisation": "organisation.verified", "reject organisation": "organisation.rejected",
    "approve join request": "organisation.member_approved", "register organisation": "organisation.registered",
    "ask to join": "organisation.join_requested", "suspend account": "account.suspended",
    "mark implementation review": "session.review_marked",
    "sign agreed plan": "plan.agreed_signed", "record official plan": "plan.instrument_recorded",
    "record adopted text": "plan.text_recorded", "match agreed to adopted": "plan.matched",
    "publish comparison": "plan.discrepancy_opened", "answer discrepancy": "plan.discrepancy_answered",
    "record dissent": "plan.dissent",
    "link suggestion": "absorbed.linked", "dismiss suggestion": "absorbed.dismissed",
    "claim passage": "absorbed.claimed", "confirm claim": "absorbed.claim_confirmed",
    "reject claim": "absorbed.claim_rejected",
    **monitoring_actions.TRAIL,
    **VOICE_TRAIL,
}


def _objects(w):
    from forum.accounts.models import User
    from forum.commitments.models import Assessment, Commitment
    from forum.commitments.queries import version
    from forum.consultations.models import Consultation
    from forum.forums.models import Forum
    from forum.organisations.models import Organisation
    from forum.proposals.models import Proposal
    get = db.session.get
    kept = get(Commitment, w["kept"])
    return dict(a=get(Forum, w["a"]), p=get(Proposal, w["proposal"]), commitment=get(Commitment, w["commitment"]),
                v1=version(get(Commitment, w["commitment"]), 1), kept=kept,
                vague_v1=version(get(Commitment, w["vague"]), 1), adopted=version(kept, kept.adopted),
                open_c=get(Consultation, w["open_c"]), members_c=get(Consultation, w["members_c"]),
                closed_c=get(Consultation, w["closed_c"]), done_c=get(Consultation, w["done_c"]),
                pending_org=get(Organisation, w["pending_org"]), cso_org=get(Organisation, w["cso_org"]),
                assessment=get(Assessment, w["assessment"]), suspect=get(User, w["suspect"]))


def _org(w, role):
    from forum.organisations.models import Organisation
    return db.session.get(Organisation, w["orgs"][role]) if role in w["orgs"] else None


# The predicate each action's service asks, as (policy function, its arguments after the person).
from forum.accounts import policy as accounts  # noqa: E402
from forum.commitments import absorbed_policy as absorbed  # noqa: E402
from forum.commitments import policy as commitments  # noqa: E402
from forum.consultations import policy as consultations  # noqa: E402
from forum.forums import policy as forums  # noqa: E402
from forum.organisations import policy as organisations  # noqa: E402
from forum.proposals import policy as proposals  # noqa: E402
from tests.helpers import plans as _plans  # noqa: E402

PREDICATES = {
    "submit proposal": lambda o, w, r: (proposals.may_submit, o["a"], _org(w, r)),
    "edit proposal": lambda o, w, r: (proposals.may_edit, o["p"]),
    "withdraw proposal": lambda o, w, r: (proposals.may_withdraw, o["p"]),
    "endorse": lambda o, w, r: (proposals.may_endorse, o["p"]),
    "comment": lambda o, w, r: (proposals.may_discuss, o["p"]),
    "respond": lambda o, w, r: (proposals.may_respond, o["p"]),
    "hide proposal": lambda o, w, r: (proposals.may_moderate, o["a"]),
    "hide comment": lambda o, w, r: (proposals.may_moderate, o["a"]),
    "set response deadline": lambda o, w, r: (forums.may_change_settings, o["a"]),
    "draft commitment": lambda o, w, r: (commitments.may_draft, o["a"]),
    "import action plan": lambda o, w, r: (commitments.may_draft, o["a"]),
    "report progress": lambda o, w, r: (commitments.may_report_progress, o["kept"], o["adopted"]),
    "sign off": lambda o, w, r: (commitments.may_sign_off, o["v1"]),
    "override check": lambda o, w, r: (commitments.may_override_check, o["vague_v1"]),
    "refuse sign-off": lambda o, w, r: (commitments.may_sign, o["v1"]),
    "record influence": lambda o, w, r: (commitments.may_revise, o["commitment"]),
    "supersede link": lambda o, w, r: (commitments.may_revise, o["commitment"]),
    "retract link": lambda o, w, r: (commitments.may_revise, o["commitment"]),
    "assess commitment": lambda o, w, r: (commitments.may_assess, o["kept"]),
    "confirm assessment": lambda o, w, r: (commitments.may_confirm, o["assessment"]),
    "appoint reviewer": lambda o, w, r: (commitments.may_appoint_reviewer,),
    "register witness": lambda o, w, r: (forums.may_register_witness,),
    "link proposal to commitment": lambda o, w, r: (commitments.may_revise_any, o["a"]),
    "open consultation": lambda o, w, r: (consultations.may_open, o["a"]),
    "comment in consultation": lambda o, w, r: (consultations.may_comment, o["open_c"]),
    "comment in members-only consultation": lambda o, w, r: (consultations.may_comment, o["members_c"]),
    "answer consultation comment": lambda o, w, r: (consultations.may_answer, o["closed_c"]),
    "hide consultation comment": lambda o, w, r: (consultations.may_chair, o["closed_c"]),
    "conclude consultation": lambda o, w, r: (consultations.may_conclude, o["done_c"]),
    "set session rules": lambda o, w, r: (forums.may_change_settings, o["a"]),
    "schedule session": lambda o, w, r: (_sessions().may_schedule, o["a"]),
    "create forum": lambda o, w, r: (forums.may_create_forum,),
    "appoint co-chair": lambda o, w, r: (forums.may_appoint_chair, o["a"]),
    "add member": lambda o, w, r: (forums.may_add_member, o["a"]),
    "remove member": lambda o, w, r: (forums.may_remove_member, o["a"]),
    "close forum": lambda o, w, r: (forums.may_change_status, o["a"]),
    "verify organisation": lambda o, w, r: (organisations.may_verify,),
    "reject organisation": lambda o, w, r: (organisations.may_verify,),
    "approve join request": lambda o, w, r: (organisations.may_manage, o["cso_org"]),
    "register organisation": lambda o, w, r: (organisations.may_register,),
    "ask to join": lambda o, w, r: (organisations.may_ask_to_join, o["pending_org"]),
    "suspend account": lambda o, w, r: (accounts.may_suspend, o["suspect"]),
    "mark implementation review": lambda o, w, r: (_sessions().may_mark_review, _meeting(w)),
    **_plans.PREDICATES,
    "link suggestion": lambda o, w, r: (absorbed.may_decide_suggestion, _get("Suggestion", w["suggestion"])),
    "dismiss suggestion": lambda o, w, r: (absorbed.may_decide_suggestion, _get("Suggestion", w["suggestion"])),
    "claim passage": lambda o, w, r: (absorbed.may_claim, _get("Commitment", w["absorbing"]), o["cso_org"],
                                      o.get("shaping") or _get("Proposal", w["shaping"])),
    "confirm claim": lambda o, w, r: (absorbed.may_decide_claim, _get("Claim", w["claim"])),
    "reject claim": lambda o, w, r: (absorbed.may_decide_claim, _get("Claim", w["claim"])),
    **monitoring_actions.PREDICATES,
    **VOICE_PREDICATES,
}


def _meeting(w):
    from forum.sessions.models import ForumSession
    return db.session.get(ForumSession, w["meeting"])


def _get(name, ident):
    from forum.commitments import absorbed_models, models
    from forum.proposals.models import Proposal
    model = {"Proposal": Proposal, "Commitment": models.Commitment}.get(name) or getattr(absorbed_models, name)
    return db.session.get(model, ident)


def _sessions():
    from forum.sessions import policy
    return policy


def _person(w, role):
    from forum.accounts.models import User
    if role == "anonymous":
        return None
    return db.session.scalar(select(User).where(User.email == w["people"][role]))


def test_every_action_has_its_trail_action_and_predicate():
    assert set(TRAIL) == set(ACTIONS) == set(PREDICATES)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("action", list(ACTIONS))
def test_action_matrix(world, action, role):
    """The predicate, the page and the service agree for every role: an allowed action
    writes exactly its trail action; a refused one changes nothing."""
    method, url, data, allowed = ACTIONS[action]
    fn, *args = PREDICATES[action](_objects(world), world, role)
    decision = fn(_person(world, role), *args)
    assert bool(decision) == (role in allowed), (action, role, decision)
    if not decision:
        assert str(decision.reason), "every refusal says why"
    url = url.format(**world)
    c = client_for(world, role)
    before = trail_length()
    form = {k.format(**world): v for k, v in data(world, role).items()}
    resp = c.post(url, form)
    written = trail_actions_since(before)
    if role in allowed:
        assert resp.status_code == 302, resp.get_data(as_text=True)[:3000]
        assert "/account/login" not in resp.headers["Location"]
        assert TRAIL[action] in written, written
    elif role == "anonymous":
        assert resp.status_code == 302 and "/account/login" in resp.headers["Location"]
        assert written == []
    else:
        assert resp.status_code == 403, resp.get_data(as_text=True)[:3000]
        assert str(decision.reason) in resp.get_data(as_text=True), "the page gives the predicate's reason"
        assert written == []


PUBLIC_PAGES = ["/", "/forums/", "/forums/{a}", "/forums/{b}", "/organisations/", "/proposals/",
                "/forums/{a}/proposals", "/proposals/{proposal}", "/proposals/{proposal}/versions/1",
                "/forums/{a}/ledger", "/proposals/?q=compras&sort=waiting", "/forums/{a}/commitments",
                "/commitments/{commitment}", "/commitments/{commitment}/compare",
                "/commitments/{commitment}/provenance.json",
                "/forums/{a}/dashboard", "/cycles/2019-2021",
                "/organisations/{cso_org}", "/trail/", "/trail/1", "/trail/verify",
                "/trail/export.jsonl", "/trail/?forum={a}", "/trail/witnesses",
                "/trail/key", "/forums/{a}/consultations", "/consultations/{open_c}",
                "/consultations/{closed_c}", "/consultations/{closed_c}/report", "/consultations/{closed_c}/report.csv",
                "/consultations/{closed_c}/report.json", "/forums/{a}/sessions", "/forums/{a}/sessions.ics",
                "/sessions/{meeting}", "/sessions/{meeting}.ics", "/sessions/{meeting}/minutes",
                "/sessions/{meeting}.json", "/forums/{a}/requirements", "/cycles/2019-2021/requirements",
                "/forums/{a}/absorbed", "/commitments/{absorbing}/absorbed",
                "/suggestions/{suggestion}", "/claims/{claim}"]


@pytest.mark.parametrize("role", ROLES)
def test_public_pages_open_to_everyone(world, role):
    c = client_for(world, role)
    for page in PUBLIC_PAGES:
        assert c.get(page.format(**world)).status_code == 200, page


PAGES = {
    "/account/": LOGGED_IN,
    "/notifications/": LOGGED_IN,
    "/proposals/{proposal}/edit": {"cso_member"},
    "/forums/{a}/commitments/new": CHAIRS_A,
    "/forums/{a}/commitments/import": CHAIRS_A,
    "/commitments/{commitment}/edit": CHAIRS_A,
    "/links/{link}/supersede": CHAIRS_A,
    "/forums/{a}/consultations/new": CHAIRS_A,
    "/forums/{a}/sessions/new": CHAIRS_A,
    "/consultations/{closed_c}/comments/{ccomment}/answer": CHAIRS_A,
    "/admin/": {"admin"},
    "/admin/accounts": {"admin"},
    "/forums/new": {"admin"},
    "/organisations/new": LOGGED_IN,
    "/instruments/{instrument}/forums/{a}/import": CHAIRS_A | {"admin"},
    "/commitments/{absorbing}/claim": LOGGED_IN,
    "/forums/{a}/workshops/new": {"facilitator"},
    "/consultations/{open_c}/recorded-comments": {"facilitator"},
}


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("page", list(PAGES))
def test_page_matrix(world, page, role):
    resp = client_for(world, role).get(page.format(**world))
    if role in PAGES[page]:
        assert resp.status_code == 200
    elif role == "anonymous":
        assert resp.status_code == 302 and "/account/login" in resp.headers["Location"]
    else:
        assert resp.status_code == 403
        assert "You may not do this" in resp.get_data(as_text=True)  # the test clients read English


@pytest.mark.parametrize("role", ROLES)
def test_management_forms_only_shown_to_who_may_use_them(world, role):
    html = client_for(world, role).get(f"/forums/{world['a']}").get_data(as_text=True)
    assert (f'action="/forums/{world["a"]}/members"' in html) == (role in CHAIRS_A)
    assert (f'action="/forums/{world["a"]}/chairs"' in html) == (role == "admin")
    assert (f'action="/forums/{world["a"]}/status"' in html) == (role in CHAIRS_A)


def test_chair_of_forum_a_has_no_power_in_forum_b(world):
    """Checked through the services too, not only through the routes."""
    from forum.accounts.models import User
    from forum.core.errors import PermissionDenied
    from forum.forums import services
    from forum.forums.models import Forum

    chair_a = db.session.scalar(select(User).where(User.email == world["people"]["state_chair"]))
    forum_b = db.session.get(Forum, world["b"])
    with pytest.raises(PermissionDenied):
        services.change_status(chair_a, forum_b, "closed", "Trying to close someone else's forum.")
    db.session.rollback()
    assert db.session.get(Forum, world["b"]).status == "open"


@pytest.mark.parametrize("role", ["anonymous", "cso_member", "state_chair", "admin"])
def test_reading_a_page_writes_nothing(world, role):
    """No GET changes the database: a crawler, a prefetch or a link in an e-mail must not
    act for anyone. Every statement the requests send is watched, not only the ORM's."""
    from sqlalchemy import event
    c = client_for(world, role)
    writes = []

    def watch(conn, cursor, statement, *args):
        if statement.lstrip().split(None, 1)[0].upper() in {"INSERT", "UPDATE", "DELETE"}:
            writes.append(statement.split("\n")[0][:80])
    event.listen(db.engine, "before_cursor_execute", watch)
    try:
        for page in [*PUBLIC_PAGES, *(p for p, roles in PAGES.items() if role in roles)]:
            assert c.get(page.format(**world)).status_code == 200, page
    finally:
        event.remove(db.engine, "before_cursor_execute", watch)
    assert writes == []


SHEET_READERS = CHAIRS_A | {"facilitator", "admin"}


@pytest.mark.parametrize("role", [*ROLES, "other_facilitator"])
def test_a_workshop_sheet_is_opened_only_by_its_forum_s_chairs_facilitators_and_admins(world, role):
    """The scan shows the attendees' names and signatures. Everyone else, a co-chair and a
    facilitator of another forum too, is refused with the reason (a page, or JSON), and
    still finds its SHA-256, size and type, so the record can be proved."""
    from forum.uploads import policy
    from forum.uploads.models import Document
    put_back(world["sheet"])
    doc = db.session.scalar(select(Document).where(Document.sha256 == world["sheet"]))
    decision = policy.may_read(_person(world, role), doc)
    assert bool(decision) == (role in SHEET_READERS), (role, decision)
    c = client_for(world, role)
    resp = c.get(f"/documents/{world['sheet']}")
    body = resp.get_data()
    resp.close()
    if role in SHEET_READERS:
        assert (resp.status_code, body) == (200, SHEET)
        assert resp.headers["Cache-Control"] == "private, no-store"
    else:
        assert resp.status_code == 403 and SHEET not in body
        assert str(decision.reason) in body.decode(), "the page gives the rule's reason"
        api = c.get(f"/documents/{world['sheet']}", headers={"Accept": "application/json"})
        assert (api.status_code, api.get_json()["message"]) == (403, str(decision.reason))
    meta = c.get(f"/documents/{world['sheet']}.json").get_json()
    assert (meta["sha256"], meta["size"], meta["media_type"]) == (world["sheet"], len(SHEET), "image/png")
    assert meta["filename"] is None and "signatures" in meta["withheld"]
