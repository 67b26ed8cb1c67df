"""The voice area's rows of the permission matrix (tests/permissions/test_permissions.py): the
facilitator role, seat requests, targets and an organisation's region."""
from datetime import date

from forum.extensions import db
from tests.helpers.voice_sheet import posted

CHAIRS_A = {"state_chair", "civil_chair"}


def voice_world(make, forum_a, state_chair, candidate, candidate_org) -> dict:
    """A facilitator of forum A, a pending request for a seat in it, and a workshop recorded."""
    from forum.voice import services
    from forum.voice.services import workshops
    facilitator = make.user("Facilitadora")
    appointment = services.appoint_facilitator(state_chair, forum_a, facilitator)
    request = services.request_seat(candidate, forum_a, candidate_org, "Investigamos la participación regional.")
    w = workshops.record_workshop(facilitator, forum_a, place="Cusco, local comunal", held_on=date(2019, 5, 4),
                                  region="08", attendance=20, organisations=[candidate_org])
    db.session.flush()
    return {"facilitator": facilitator, "seat_request": request.id, "appointment": appointment.id,
            "workshop": w.id, "workshop_org": candidate_org.id}


def _get(model, ident):
    return db.session.get(model, ident)


def _forum(w):
    from forum.forums.models import Forum
    return _get(Forum, w["a"])


def _request(w):
    from forum.voice.models import SeatRequest
    return _get(SeatRequest, w["seat_request"])


def _org(w, role):
    from forum.organisations.models import Organisation
    return _get(Organisation, w["orgs"][role]) if role in w["orgs"] else None


VOICE_ACTIONS = {
    "ask for a seat": ("post", "/forums/{a}/seat-requests", lambda w, r: {
        "request-organisation": w["orgs"].get(r, ""), "request-motivation": "Trabajamos en regiones."},
        {"cso_member", "other_chair"}),
    "grant a seat": ("post", "/seat-requests/{seat_request}/grant", lambda w, r: {}, CHAIRS_A),
    "refuse a seat": ("post", "/seat-requests/{seat_request}/refuse", lambda w, r: {
        "refuse-reason": "El foro ya cuenta con representación académica suficiente."}, CHAIRS_A),
    "appoint facilitator": ("post", "/forums/{a}/facilitators", lambda w, r: {
        "facilitator-email": w["people"]["registered"]}, CHAIRS_A),
    "end facilitator": ("post", "/forums/{a}/facilitators/{appointment}/end", lambda w, r: {}, CHAIRS_A),
    "set participation target": ("post", "/forums/{a}/voice-targets", lambda w, r: {
        "target-dimension": "region", "target-group": "1501", "target-outside": "y", "target-percent": "40"},
        CHAIRS_A),
    "record workshop": ("post", "/forums/{a}/workshops/new", lambda w, r: {
        "place": "Puno, plaza de armas", "held_on": "2019-06-01", "region": "21", "attendance": "15",
        "organisations": [str(w["workshop_org"])]}, {"facilitator"}),
    "set organisation region": ("post", "/organisations/{cso_org}/region", lambda w, r: {"region-region": "08"},
                                {"admin", "cso_member"}),
    "record a comment made on paper": ("post", "/consultations/{open_c}/recorded-comments", lambda w, r: {
        "organisation": "", "paragraph": "", "channel": "paper", "region": "08",
        "text": "Que el plan diga cuándo se publican los contratos.", "made_on": _today(),
        "witness": "Juana Mamani Quispe", "sheet": posted("hoja-9.png")}, {"facilitator"}),
}

VOICE_TRAIL = {
    "ask for a seat": "forum.seat_requested", "grant a seat": "forum.seat_granted",
    "refuse a seat": "forum.seat_refused", "appoint facilitator": "forum.facilitator_appointed",
    "end facilitator": "forum.facilitator_ended", "set participation target": "forum.voice_target_set",
    "record workshop": "forum.workshop_recorded", "set organisation region": "organisation.region_set",
    "record a comment made on paper": "consultation.commented",
}


def _policy():
    from forum.voice import policy
    return policy


VOICE_PREDICATES = {
    "ask for a seat": lambda o, w, r: (_policy().may_request_seat, _forum(w), _org(w, r)),
    "grant a seat": lambda o, w, r: (_policy().may_decide_request, _request(w)),
    "refuse a seat": lambda o, w, r: (_policy().may_decide_request, _request(w)),
    "appoint facilitator": lambda o, w, r: (_policy().may_appoint_facilitator, _forum(w)),
    "end facilitator": lambda o, w, r: (_policy().may_end_facilitator, _forum(w)),
    "set participation target": lambda o, w, r: (_policy().may_set_target, _forum(w)),
    "record workshop": lambda o, w, r: (_policy().may_record_workshop, _forum(w)),
    "set organisation region": lambda o, w, r: (_policy().may_set_org_region, o["cso_org"]),
    "record a comment made on paper": lambda o, w, r: (_policy().may_record_comment, _consultation(w)),
}


def _consultation(w):
    from forum.consultations.models import Consultation
    return _get(Consultation, w["open_c"])


def _today() -> str:
    from forum.core.clock import utcnow
    return utcnow().date().isoformat()
