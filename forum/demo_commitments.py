"""Demo commitments: the Environment forum's commitment shaped by several CSO proposals
over three versions, refused once by the civil-society co-chair, then adopted; and an
Education draft waiting for its second key."""
from datetime import date, timedelta

from .commitments import links, progress, services, signoff
from .commitments.services import MilestoneInput as M
from .core import clock

BASE = dict(
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


def seed_commitments(people, orgs, forums, start, proposals_by_title) -> None:
    minam, amazonia, obs = orgs["minam"], orgs["amazonia"], orgs["obs"]
    rosa, lucia = people["minam"], people["amazonia"]
    env = forums["env"]
    p = proposals_by_title

    def at(day):
        return clock.frozen_at(start + timedelta(days=day, hours=15))

    def milestones(extra=False):
        rows = [M("Conjunto de datos mensual de fiscalizaciones del OEFA", minam.id, date(2019, 9, 1), date(2020, 3, 31)),
                M("Conexión de los gobiernos regionales al SINIA", minam.id, date(2020, 1, 1), date(2021, 3, 31))]
        if extra:
            rows.append(M("Mapa de derrames con reportes ciudadanos verificados", obs.id, date(2020, 4, 1),
                          date(2021, 6, 30)))
        return rows

    with at(106):
        c = services.create(rosa, env, {**BASE, "lead_agency_id": minam.id, "supporting": [amazonia.id]}, milestones())

        version = _latest(c)
        links.link(rosa, version, "proposal", p["oefa"].id, "adopted",
                   "El compromiso recoge la publicación abierta de fiscalizaciones tal como se propuso.")
        links.link(rosa, version, "proposal", p["sinia"].id, "adapted",
                   "La interoperabilidad regional se incorpora como segundo hito.")
    with at(108):
        version = services.save_version(lucia, c, {**BASE, "lead_agency_id": minam.id,
                                                   "supporting": [amazonia.id, obs.id],
                                                   "description": BASE["description"] + " Incluye un mapa público de derrames.",
                                                   "change_note": "Se incorpora el mapa de derrames propuesto por el "
                                                                  "Observatorio."}, milestones())
        links.link(lucia, version, "proposal", p["derrames"].id, "adapted",
                   "El mapa se incorpora con los reportes oficiales; los ciudadanos quedan para un protocolo.")
        links.link(lucia, version, "proposal", p["defensoria"].id, "not_taken_up",
                   "Requiere una ley del Congreso; el foro la remitió a la comisión competente.")
    with at(109):
        signoff.sign(rosa, version)
    with at(110):
        signoff.refuse(lucia, version, "Falta un hito que comprometa la verificación de reportes ciudadanos, "
                                       "como se acordó al responder la propuesta del mapa de derrames.")
    with at(113):
        version = services.save_version(rosa, c, {**BASE, "lead_agency_id": minam.id,
                                                  "supporting": [amazonia.id, obs.id],
                                                  "description": BASE["description"] + " Incluye un mapa público de "
                                                  "derrames con reportes ciudadanos verificados.",
                                                  "change_note": "Se añade el hito de reportes ciudadanos pedido por "
                                                                 "la sociedad civil."}, milestones(extra=True))
        links.link(rosa, version, "proposal", p["forestal"].id, "informed",
                   "El registro de concesiones informa el alcance geográfico del portal.")
    with at(114):
        signoff.sign(lucia, version)
    with at(115):
        signoff.sign(rosa, version)
    adopted = _latest(c).milestones
    with at(117):
        progress.report(people["minam2"], c, adopted[0], "complete",
                        "El OEFA publica desde marzo el conjunto de datos mensual de fiscalizaciones.",
                        "https://www.datosabiertos.gob.pe/")
    with at(118):
        progress.report(people["minam2"], c, adopted[1], "limited",
                        "Cuatro de veinticinco gobiernos regionales ya están conectados al SINIA.")
    with at(119):
        progress.report(lucia, c, adopted[2], "substantial",
                        "El protocolo de verificación con las federaciones está aprobado; falta publicarlo.")


def _latest(commitment):
    from .commitments.queries import version
    return version(commitment)
