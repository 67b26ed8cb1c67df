"""Demo commitments: the Environment forum's commitment shaped by several CSO proposals
over three versions, refused once by the civil-society co-chair, then adopted — with one
link retracted and one shaping comment hidden by moderation; an adopted Education
commitment; an Environment draft waiting for its second key; and the IRM's assessments
(an appointed reviewer's, and the Education co-chairs' one recorded and confirmed)."""
from datetime import date, timedelta
from typing import Any

from ..commitments import services
from ..commitments.models import Commitment
from ..commitments.queries import for_forum, version
from ..commitments.services import MilestoneInput as M
from ..commitments.services import assessments, links, progress, signoff
from ..consultations.services import hide_comment
from ..core import clock

BASE: dict[str, Any] = dict(
    title="Información ambiental abierta y georreferenciada",
    problem="La información de fiscalización y monitoreo ambiental está dispersa, llega tarde y no se publica "
            "en formatos abiertos, lo que impide a las comunidades vigilar a las empresas.",
    status_quo="El OEFA publica resúmenes en PDF; el SINIA recibe los reportes regionales por oficio.",
    description="Publicar en datos abiertos, con georreferencia, las fiscalizaciones del OEFA y la información "
                "ambiental regional, en un solo punto de acceso.",
    contribution="Comunidades, periodistas y gobiernos regionales podrán cruzar fiscalizaciones, derrames y "
                 "concesiones sin pedirlos por acceso a la información.",
    ogp_relevance="Transparencia (datos abiertos), rendición de cuentas (sanciones públicas) y tecnología.",
    values=["transparency", "accountability", "technology"],
    start_date=date(2019, 9, 1), end_date=date(2021, 6, 30),
)


def seed_commitments(people, orgs, forums, start, proposals_by_title, consultation_comments, hold_session,
                     met) -> None:
    """`hold_session` runs the forum's session of day 111, whose decision `met['decision']` shapes v3."""
    minam, amazonia, obs = orgs["minam"], orgs["amazonia"], orgs["obs"]
    rosa, lucia = people["minam"], people["amazonia"]
    env = forums["env"]
    p = proposals_by_title

    def at(day):
        return clock.frozen_at(start + timedelta(days=day, hours=15))

    def milestones(extra=False, vague=False):
        """Version 1 words the SINIA milestone vaguely, with no baseline or means of
        verification: the check flags it, and version 2 fixes it."""
        sinia = (M("Fortalecer la articulación de los gobiernos regionales con el SINIA", minam.id,
                   date(2020, 1, 1), date(2021, 3, 31), indicator="Articulación regional")
                 if vague else
                 M("Conexión de los gobiernos regionales al SINIA", minam.id, date(2020, 1, 1), date(2021, 3, 31),
                   **_verifiable("Gobiernos regionales que envían sus reportes al SINIA en línea", "0 de 25",
                                 date(2019, 8, 1), "Registro de usuarios del SINIA, agosto de 2019",
                                 "25 de 25", "Dirección General de Información Ambiental",
                                 "Registro de conexiones del SINIA publicado en datos abiertos")))
        rows = [M("Conjunto de datos mensual de fiscalizaciones del OEFA", minam.id, date(2019, 9, 1),
                  date(2020, 3, 31),
                  **_verifiable("Fiscalizaciones publicadas como datos abiertos cada mes", "0 conjuntos",
                                date(2019, 8, 1), "Portal del OEFA, agosto de 2019", "12 entregas mensuales",
                                "Subdirección de Fiscalización del OEFA", "Conjunto de datos en datosabiertos.gob.pe")),
                sinia]
        if extra:
            rows.append(M("Mapa de derrames con reportes ciudadanos verificados", obs.id, date(2020, 4, 1),
                          date(2021, 6, 30),
                          **_verifiable("Reportes ciudadanos verificados en el mapa", "0 reportes",
                                        date(2020, 3, 1), "Registro del Observatorio, marzo de 2020",
                                        "Todos los reportes verificados en 30 días", "Equipo de monitoreo del "
                                        "Observatorio", "Mapa público y su protocolo de verificación")))
        return rows

    with at(106):
        c = services.create(rosa, env, {**BASE, "lead_agency_id": minam.id, "supporting": [amazonia.id]},
                            milestones(vague=True))

        version = _latest(c)
        links.link(rosa, version, "proposal", p["oefa"].id, "adopted",
                   "El compromiso recoge la publicación abierta de fiscalizaciones tal como se propuso.")
        links.link(rosa, version, "proposal", p["sinia"].id, "adapted",
                   "La interoperabilidad regional se incorpora como segundo hito.")
        links.link(rosa, version, "consultation_comment", consultation_comments[0].id, "adopted",
                   "La publicación mensual, por instalación y georreferenciada entra tal como se sugirió en la "
                   "consulta.")
        links.link(rosa, version, "consultation_comment", consultation_comments[2].id, "adapted",
                   "La meta de regiones conectadas se recoge en el hito del SINIA.")
    with at(108):
        version = services.save_version(lucia, c, {**BASE, "lead_agency_id": minam.id,
                                                   "supporting": [amazonia.id, obs.id],
                                                   "description": BASE["description"]
                                                   + " Incluye un mapa público de derrames.",
                                                   "change_note": "Se incorpora el mapa de derrames propuesto por el "
                                                                  "Observatorio y se precisa el hito del SINIA: "
                                                                  "indicador, línea de base y verificación."},
                                        milestones())
        links.link(lucia, version, "proposal", p["derrames"].id, "adapted",
                   "El mapa se incorpora con los reportes oficiales; los ciudadanos quedan para un protocolo.")
        links.link(lucia, version, "consultation_comment", consultation_comments[1].id, "adapted",
                   "Los reportes ciudadanos verificados entran en el mapa, como se respondió en la consulta.")
        # The rejected Defensoría proposal is not linked: a rejection shapes nothing, and its
        # reasoned response already says where the forum sent it.
    with at(109):
        signoff.sign(rosa, version)
    with at(110):
        signoff.refuse(lucia, version, "Falta un hito que comprometa la verificación de reportes ciudadanos, "
                                       "como se acordó al responder la propuesta del mapa de derrames.")
    hold_session()
    with at(113):
        version = services.save_version(rosa, c, {**BASE, "lead_agency_id": minam.id,
                                                  "supporting": [amazonia.id, obs.id],
                                                  "description": BASE["description"] + " Incluye un mapa público de "
                                                  "derrames con reportes ciudadanos verificados.",
                                                  "change_note": "Se añade el hito de reportes ciudadanos pedido por "
                                                                 "la sociedad civil."}, milestones(extra=True))
        links.link(rosa, version, "motion", met["decision"].id, "adopted",
                   "El hito de verificación de reportes ciudadanos es el que el foro acordó por doble mayoría.")
        mistaken = links.link(rosa, version, "proposal", p["forestal"].id, "informed",
                              "El registro de concesiones informa el alcance geográfico del portal.")
    with at(114):
        signoff.sign(lucia, version)
    with at(115):
        signoff.sign(rosa, version)
    with at(116):
        # A link that should not have been made is withdrawn, never erased: it stays on the
        # page, marked retracted, with who, when and why.
        links.retract(lucia, mistaken, "El registro de concesiones tiene su propio compromiso; este vínculo "
                                       "se hizo por error y no describe cómo se escribió este texto.")
        # A comment that shaped the text is hidden for what it exposed: the link stays and
        # says the text was hidden, and why.
        hide_comment(rosa, consultation_comments[2], "El comentario incluía el número de teléfono personal de un "
                                                     "funcionario regional; su aporte consta en el compromiso.")
    adopted = _latest(c).milestones
    with at(117):
        progress.report(people["minam2"], c, adopted[0], "complete",
                        "El OEFA publica desde marzo el conjunto de datos mensual de fiscalizaciones.",
                        "https://www.datosabiertos.gob.pe/", clock.utcnow().date())
    with at(118):
        progress.report(people["minam2"], c, adopted[1], "limited",
                        "Cuatro de veinticinco gobiernos regionales ya están conectados al SINIA.",
                        "https://sinia.minam.gob.pe/", clock.utcnow().date())
    with at(119):
        progress.report(lucia, c, adopted[2], "substantial",
                        "El protocolo de verificación con las federaciones está aprobado; falta publicarlo.",
                        "https://www.gob.pe/minam", clock.utcnow().date())


def seed_more(people, orgs, forums, start, proposals_by_title) -> tuple[Commitment, Commitment]:
    """An adopted Education commitment not started yet, and an Environment draft that has
    one key turned: the action plan is still being written."""
    minedu, educa, minam = orgs["minedu"], orgs["educa"], orgs["minam"]
    carmen, sofia, rosa = people["minedu"], people["educa"], people["minam"]

    def at(hour):  # the last afternoon of the story, after the progress reports
        return clock.frozen_at(start + timedelta(days=119, hours=hour))

    with at(16):
        edu = services.create(carmen, forums["edu"], {
            **BASE, "title": "Datos abiertos de infraestructura escolar",
            "problem": "Las familias no conocen el estado de los locales escolares ni el avance de sus obras.",
            "status_quo": "El censo de infraestructura educativa no se publica por escuela.",
            "description": "Publicar por escuela el estado del local y el avance de cada obra de mantenimiento.",
            "contribution": "Las APAFA podrán vigilar las obras de sus escuelas.",
            "ogp_relevance": "Transparencia y rendición de cuentas en educación.",
            "values": ["transparency", "accountability"], "lead_agency_id": minedu.id, "supporting": [educa.id]},
            [M("Publicación del censo de infraestructura por escuela", minedu.id, date(2020, 1, 1),
               date(2020, 12, 31), **_verifiable(
                   "Escuelas con su estado de local publicado", "0 escuelas", date(2019, 12, 1),
                   "Censo de infraestructura educativa 2019", "Todas las escuelas públicas",
                   "Oficina de Infraestructura Educativa", "Conjunto de datos por escuela en el portal del MINEDU"))])
        links.link(carmen, _latest(edu), "proposal", proposals_by_title["escuelas"].id, "adopted",
                   "El compromiso es la propuesta del Colectivo, tal como se presentó.")
    with at(17):
        signoff.sign(sofia, _latest(edu))
    with at(18):
        signoff.sign(carmen, _latest(edu))
    with at(19):
        forest = services.create(rosa, forums["env"], {
            **BASE, "title": "Registro público de concesiones forestales",
            "problem": "No se pueden cruzar las concesiones forestales con las alertas de deforestación.",
            "status_quo": "El registro de concesiones no publica polígonos.",
            "description": "Publicar el registro de concesiones con sus polígonos en datos abiertos.",
            "contribution": "Detección temprana de tala ilegal dentro de concesiones.",
            "ogp_relevance": "Transparencia y tecnología.", "values": ["transparency", "technology"],
            "lead_agency_id": minam.id, "supporting": []},
            [M("Publicación del registro con polígonos", minam.id, date(2020, 3, 1), date(2020, 12, 31),
               **_verifiable("Concesiones publicadas con polígono", "0 %", date(2020, 1, 1),
                             "Registro de concesiones de SERFOR, enero de 2020", "100 %",
                             "Dirección de Catastro Forestal", "Capa geográfica descargable del registro"))])
        links.link(rosa, _latest(forest), "proposal", proposals_by_title["forestal"].id, "adapted",
                   "Se publica el registro; el cruce con alertas queda para una segunda etapa.")
        signoff.sign(rosa, _latest(forest))
    return forest, edu


def seed_review(people, forums, start, edu) -> None:
    """The IRM's fields on the record: a reviewer the admin appointed assesses the
    Environment commitment; the Education co-chairs assess theirs, one records, the other confirms."""
    env = forums["env"]

    def at(hour):
        return clock.frozen_at(start + timedelta(days=119, hours=hour))

    with at(20):
        assessments.appoint_reviewer(people["admin"], people["irm"].email, env.cycle,
                                     "Investigadora independiente del Mecanismo de Revisión Independiente de OGP "
                                     "para el plan 2019-2021.")
        env_commitment = next(c for c in for_forum(env) if c.adopted)
        assessments.assess(people["irm"], env_commitment, assessments.Fields(
            relevance=["transparency", "accountability", "technology"], verifiable=True, potential="substantial",
            completion="limited", opened_government=None, ogp_lens=True, promising=True,
            reason="Los hitos tienen entregables y fechas verificables; publicar fiscalizaciones georreferenciadas "
                   "cambia la práctica del OEFA. Solo uno de tres hitos está completo a la fecha."))
    with at(21):
        a = assessments.assess(people["minedu"], edu, assessments.Fields(
            relevance=["transparency"], verifiable=True, potential="modest", completion="not_started",
            opened_government=None, ogp_lens=True, promising=False,
            reason="El hito es verificable, pero publicar el censo sin un canal de reclamo limita su efecto en "
                   "las obras; la implementación aún no empieza."))
    with at(22):
        assessments.confirm(people["educa"], a)



def _verifiable(indicator, baseline, when, source, target, unit, verification) -> dict:
    return dict(indicator=indicator, baseline_value=baseline, baseline_date=when, baseline_source=source,
                target=target, unit=unit, verification=verification)


def _latest(commitment):
    return version(commitment)
