"""The permission matrix's rows for civil society's part in implementation
(tests/permissions/test_permissions.py): appointing the co-monitor, confirming, contesting, answering.
In the matrix's world the forum member (of a civil-society organisation seated in forum A)
is the adopted commitment's co-monitor, one update awaits them and one is contested."""
from datetime import date

from forum.core.clock import utcnow

REASON = "El enlace de evidencia no muestra la publicación que el informe describe como hecha."
MONITOR = {"forum_member"}


def build(make, forum, kept, seats, member_user, member_org) -> dict:
    from forum.commitments.queries import version
    from forum.commitments.services import progress
    from forum.monitoring import services
    state, civil = seats["state_chair"].user, seats["civil_chair"].user
    services.appoint(civil, kept, member_user, member_org)
    milestone = version(kept, kept.adopted).milestones[0]
    link = ("https://datos.example.gob.pe/avance", date(2020, 3, 1))
    update = progress.report(state, kept, milestone, "limited", "Se publicó el primer avance.", *link)
    contested = progress.report(state, kept, milestone, "substantial", "Se publicó el segundo avance.", *link)
    verdict = services.contest(member_user, contested, REASON)
    from forum.extensions import db
    db.session.commit()
    return {"update": update.id, "contest": verdict.id,
            "civil_candidate": f"{civil.id}:{seats['civil_chair'].organisation_id}"}


ACTIONS = {
    "appoint co-monitor": ("post", "/commitments/{kept}/co-monitor", lambda w, r: {
        "co_monitor": w["civil_candidate"], "reason": REASON}, {"civil_chair"}),
    "confirm progress": ("post", "/progress/{update}/confirm", lambda w, r: {}, MONITOR),
    "contest progress": ("post", "/progress/{update}/contest", lambda w, r: {"reason": REASON}, MONITOR),
    "answer contest": ("post", "/contests/{contest}/answer", lambda w, r: {
        "reason": "El conjunto de datos se publicó el 3 de marzo en el portal; adjuntamos el enlace directo."},
        {"state_chair"}),
}

TRAIL = {"appoint co-monitor": "commitment.co_monitor_appointed", "confirm progress": "progress.confirmed",
         "contest progress": "progress.contested", "answer contest": "progress.contest_answered"}


def _objects(w):
    from forum.commitments.models import Commitment, ProgressUpdate
    from forum.extensions import db
    from forum.monitoring.models import UpdateVerdict
    return (db.session.get(Commitment, w["kept"]), db.session.get(ProgressUpdate, w["update"]),
            db.session.get(UpdateVerdict, w["contest"]))


def _judge(user, update):
    from forum.monitoring import policy
    return policy.may_judge(user, update, utcnow())


def _policy():
    from forum.monitoring import policy
    return policy


PREDICATES = {
    "appoint co-monitor": lambda o, w, r: (_policy().may_appoint, _objects(w)[0]),
    "confirm progress": lambda o, w, r: (_judge, _objects(w)[1]),
    "contest progress": lambda o, w, r: (_judge, _objects(w)[1]),
    "answer contest": lambda o, w, r: (_policy().may_answer, _objects(w)[2]),
}
