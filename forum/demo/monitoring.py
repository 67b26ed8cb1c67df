"""Civil society in implementation, in the demo (issue 27): the Environment commitment's
co-monitor confirms one update and contests another, which the State answers; and an
Education commitment adopted months ago whose only update lapsed unverified and that no
one from civil society has touched since — flagged for neglect.

Called last, so no earlier row changes number, and the neglected commitment belongs to a
forum of the previous plan (2017-2019), so the 2019-2021 cycle's figures stay as the worked
example counts them. That story is dated early in the demo; its trail entries, written last,
carry the trail's latest time (trail/record.py never lets the log step back)."""
from datetime import date, timedelta

from ..commitments import progress_queries, services
from ..commitments.queries import for_forum, version
from ..commitments.services import MilestoneInput, progress, signoff
from ..core import clock
from ..forums import services as forums_service
from ..forums.models import SeatRole
from ..monitoring import services as monitoring

SCHOLARSHIPS = dict(
    title="Registro abierto de becas regionales",
    problem="Las familias no saben qué becas regionales existen ni quién las recibe.",
    status_quo="Cada gobierno regional publica sus becas en avisos dispersos, sin datos abiertos.",
    description="Publicar en datos abiertos el registro de becas regionales, con sus requisitos y beneficiarios.",
    contribution="Las APAFA y los colectivos estudiantiles podrán vigilar a quién llegan las becas.",
    ogp_relevance="Transparencia en educación.",
    values=["transparency"], start_date=date(2017, 9, 1), end_date=date(2019, 6, 30), supporting=[])


def seed_monitoring(people, organisations, forums, start) -> None:
    env = forums["env"]
    lucia, diego, rosa = people["amazonia"], people["amazonia2"], people["minam"]

    def at(day, hour, minute=0):
        return clock.frozen_at(start + timedelta(days=day, hours=hour, minutes=minute))

    c = next(x for x in for_forum(env) if x.adopted)
    updates = sorted(progress_queries.history(c), key=lambda u: u.id)
    with at(119, 23, 30):
        monitoring.appoint(lucia, c, diego, organisations["amazonia"])
    with at(119, 23, 35):
        monitoring.confirm(diego, updates[0])
    with at(119, 23, 40):
        contest = monitoring.contest(diego, updates[1], "La red regional de Loreto no aparece conectada en "
                                                        "el SINIA: el enlace muestra solo tres regiones, no cuatro.")
    with at(119, 23, 50):
        monitoring.answer(rosa, contest, "Loreto se conectó el viernes; el SINIA actualiza su mapa cada lunes. "
                                         "Publicaremos el oficio de conexión como evidencia adicional.")
    carmen, sofia = people["minedu"], people["educa"]
    minedu = organisations["minedu"]
    with at(4, 10):
        earlier = forums_service.create_forum(
            people["admin"], sector="Becas y educación superior", cycle="2017-2019",
            title="Foro Multiactor de Educación (III Plan)",
            description="El foro del plan anterior: sus compromisos se siguen ejecutando.", terms_of_reference="",
            influence_target="consult")
        forums_service.appoint_chair(people["admin"], earlier, SeatRole.STATE_CHAIR, carmen, minedu)
        forums_service.appoint_chair(people["admin"], earlier, SeatRole.CIVIL_CHAIR, sofia, organisations["educa"])
        forums_service.change_status(carmen, earlier, "open", "Ambas copresidencias designadas.")
    with at(5, 10):
        scholarships = services.create(carmen, earlier, {**SCHOLARSHIPS, "lead_agency_id": minedu.id}, [MilestoneInput(
            "Publicación del registro de becas regionales en datos abiertos", minedu.id, date(2018, 1, 1),
            date(2018, 9, 30), indicator="Regiones con su registro de becas publicado", baseline_value="0 regiones",
            baseline_date=date(2017, 12, 1), baseline_source="Relevamiento del MINEDU 2017", target="25 regiones",
            unit="Dirección de Becas", verification="Conjunto de datos en el portal de datos abiertos")])
    first = version(scholarships)
    assert first is not None
    with at(6, 10):
        signoff.sign(carmen, first)
        signoff.sign(sofia, first)
    with at(7, 10):
        monitoring.appoint(sofia, scholarships, sofia, organisations["educa"])
    with at(10, 10):
        progress.report(carmen, scholarships, first.milestones[0], "limited",
                        "Cinco regiones enviaron su registro de becas; falta publicarlo.",
                        "https://www.datosabiertos.gob.pe/", clock.utcnow().date())
