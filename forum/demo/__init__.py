"""The demo data set: one action-plan cycle, three sectoral forums, real-looking Peruvian
organisations, built through the same services as the app so its trail verifies."""
from datetime import timedelta

from sqlalchemy import func, select

from ..accounts import services as accounts
from ..accounts.models import User
from ..core import clock
from ..extensions import db
from ..forums import services as forums
from ..forums.models import SeatRole
from ..organisations import services as orgs
from ..organisations.models import OrgKind
from .absorbed import seed_absorbed
from .commitments import seed_commitments, seed_more, seed_review
from .consultations import consultation_events, seed_open_consultation
from .late_answer import seed_late_answer
from .minimum_requirements import seed_meeting_gap
from .monitoring import seed_monitoring
from .plans import seed_plans
from .proposals import seed_proposals
from .sessions import hold_session, schedule_event, seed_upcoming
from .voice import seed_voice

DEMO_PASSWORD = "traza-demo-2019"

PEOPLE = {
    # key: (email, display name)
    "admin": ("admin@traza.demo", "Administración Traza"),
    "minam": ("rosa.quispe@minam.demo", "Rosa Quispe"),
    "minam2": ("jorge.salas@minam.demo", "Jorge Salas"),
    "minedu": ("carmen.flores@minedu.demo", "Carmen Flores"),
    "minedu2": ("luis.huaman@minedu.demo", "Luis Huamán"),
    "minjus": ("ana.torres@minjus.demo", "Ana Torres"),
    "pcm": ("pedro.villanueva@pcm.demo", "Pedro Villanueva"),
    "amazonia": ("lucia.mendoza@redamazonica.demo", "Lucía Mendoza"),
    "amazonia2": ("diego.ramos@redamazonica.demo", "Diego Ramos"),
    "educa": ("sofia.vargas@educacionabierta.demo", "Sofía Vargas"),
    "justicia": ("martin.rojas@ciudadanosjusticia.demo", "Martín Rojas"),
    "obs": ("elena.chavez@observatorio.demo", "Elena Chávez"),
    "uni": ("raul.paredes@iea.demo", "Raúl Paredes"),
    "camara": ("patricia.gomez@camarasostenible.demo", "Patricia Gómez"),
    "citizen": ("vecina@correo.demo", "Julia Ccori"),
    "irm": ("revisora.irm@traza.demo", "Valeria Núñez (revisora independiente)"),
}

ORGS = [
    # key, name, kind, website, founder, other members, description
    ("minam", "Ministerio del Ambiente", OrgKind.GOVERNMENT, "https://www.gob.pe/minam",
     "minam", ["minam2"], "Ente rector del sector ambiental."),
    ("minedu", "Ministerio de Educación", OrgKind.GOVERNMENT, "https://www.gob.pe/minedu",
     "minedu", ["minedu2"], "Ente rector de la política educativa."),
    ("minjus", "Ministerio de Justicia y Derechos Humanos", OrgKind.GOVERNMENT,
     "https://www.gob.pe/minjus", "minjus", [], "Ente rector del sector justicia."),
    ("pcm", "Secretaría de Gobierno y Transformación Digital (PCM)", OrgKind.GOVERNMENT,
     "https://www.gob.pe/pcm", "pcm", [], "Coordina el proceso de Gobierno Abierto."),
    ("amazonia", "Red Amazónica por la Transparencia", OrgKind.CIVIL_SOCIETY, None,
     "amazonia", ["amazonia2"], "Red de organizaciones que vigilan la información ambiental en la Amazonía."),
    ("educa", "Colectivo Educación Abierta", OrgKind.CIVIL_SOCIETY, None, "educa", [],
     "Promueve datos abiertos sobre escuelas y rendición de cuentas en educación."),
    ("justicia", "Asociación Ciudadanos por la Justicia", OrgKind.CIVIL_SOCIETY, None, "justicia", [],
     "Acceso a la justicia y transparencia judicial."),
    ("obs", "Observatorio Ciudadano de Contrataciones", OrgKind.CIVIL_SOCIETY, None, "obs", [],
     "Vigilancia ciudadana de las contrataciones públicas."),
    ("uni", "Instituto de Estudios Andinos", OrgKind.ACADEMIA, None, "uni", [],
     "Centro de investigación en políticas públicas."),
    ("camara", "Cámara de Comercio Sostenible", OrgKind.PRIVATE, None, "camara", [],
     "Gremio empresarial por la sostenibilidad."),
]

FORUMS = [
    dict(key="env", sector="Ambiente", cycle="2019-2021", title="Foro Multiactor de Ambiente",
         description="Espacio piloto co-presidido por el Estado y la sociedad civil para diseñar los "
                     "compromisos ambientales del IV Plan de Acción de Gobierno Abierto.",
         terms_of_reference="1. El foro es co-presidido por el Estado y "
                            "la sociedad civil.\n2. Toda propuesta recibe una **respuesta razonada** "
                            "y pública.\n3. Las decisiones constan en la traza pública.",
         influence_target="collaborate", state=("minam", "minam"), civil=("amazonia", "amazonia"),
         members=[("minam2", "minam"), ("amazonia2", "amazonia"), ("obs", "obs"), ("uni", "uni"),
                  ("camara", "camara")], open=True, notice_days=7),
    dict(key="edu", sector="Educación", cycle="2019-2021", title="Foro Multiactor de Educación",
         description="Compromisos de transparencia y participación en el sector educación.",
         terms_of_reference="Reuniones mensuales; actas públicas.",
         influence_target="involve", state=("minedu", "minedu"), civil=("educa", "educa"),
         members=[("minedu2", "minedu"), ("pcm", "pcm")], open=True),
    dict(key="jus", sector="Justicia", cycle="2019-2021", title="Foro Multiactor de Justicia",
         description="En conformación: falta designar la copresidencia de la sociedad civil.",
         terms_of_reference="", influence_target="consult", state=("minjus", "minjus"), civil=None,
         members=[], open=False),
]

LOGINS = [
    ("admin@traza.demo", "platform admin"),
    ("rosa.quispe@minam.demo", "State co-chair, Environment"),
    ("lucia.mendoza@redamazonica.demo", "civil-society co-chair, Environment"),
    ("diego.ramos@redamazonica.demo", "member, Environment (civil society)"),
    ("carmen.flores@minedu.demo", "State co-chair, Education"),
    ("sofia.vargas@educacionabierta.demo", "civil-society co-chair, Education"),
    ("martin.rojas@ciudadanosjusticia.demo", "CSO member, no forum seat"),
    ("vecina@correo.demo", "registered citizen, no organisation"),
    ("revisora.irm@traza.demo", "independent reviewer (IRM fields), cycle 2019-2021"),
]


def seed() -> bool:
    """Load the data set into an empty database; return False (and do nothing) otherwise.

    The story starts 120 days ago on a frozen clock, so proposals have really waited."""
    if db.session.scalar(select(func.count()).select_from(User)):
        return False
    start = clock.utcnow() - timedelta(days=120)
    with clock.frozen_at(start):
        people, organisations, forums_by_key = _foundation()
    consulted: dict = {}
    met: dict = {}
    events = consultation_events(people, organisations, forums_by_key, start, consulted)
    events.append(schedule_event(people, forums_by_key, start, met))
    proposals = seed_proposals(people, organisations, forums_by_key, start, events)
    seed_commitments(people, organisations, forums_by_key, start, proposals, consulted["comments"],
                     lambda: hold_session(people, start, met), met)
    forest, edu = seed_more(people, organisations, forums_by_key, start, proposals)
    seed_review(people, forums_by_key, start, edu)
    seed_open_consultation(people, organisations, forums_by_key, start, forest)
    seed_upcoming(people, forums_by_key, start)
    seed_meeting_gap(people, forums_by_key, start)
    seed_plans(people, forums_by_key, start)
    seed_absorbed(forums_by_key, start, proposals, forest)
    seed_monitoring(people, organisations, forums_by_key, start)
    seed_voice(people, organisations, forums_by_key, start)
    seed_late_answer(people, start)
    db.session.commit()
    return True


def _foundation():
    admin = accounts.create_admin(PEOPLE["admin"][0], DEMO_PASSWORD, PEOPLE["admin"][1])
    people = {"admin": admin}
    for key, (email, name) in PEOPLE.items():
        if key != "admin":
            people[key] = accounts.register(email, name, DEMO_PASSWORD)
            accounts.confirm_email(accounts.tokens.make_confirm_token(people[key]))
    organisations = {}
    for key, name, kind, website, founder, others, description in ORGS:
        org = orgs.register_organisation(people[founder], name, kind, website, description)
        orgs.verify_organisation(admin, org)
        for other in others:
            orgs.decide_membership(people[founder], orgs.request_membership(people[other], org), True)
        organisations[key] = org
    forums_by_key = {}
    for spec in FORUMS:
        forum = forums.create_forum(admin, sector=spec["sector"], cycle=spec["cycle"], title=spec["title"],
                                    description=spec["description"],
                                    terms_of_reference=spec["terms_of_reference"],
                                    influence_target=spec["influence_target"])
        for role, side in ((SeatRole.STATE_CHAIR, spec["state"]), (SeatRole.CIVIL_CHAIR, spec["civil"])):
            if side:
                forums.appoint_chair(admin, forum, role, people[side[0]], organisations[side[1]])
        chair = people[spec["state"][0]]
        for person, org in spec["members"]:
            forums.add_member(chair, forum, people[person], organisations[org])
        if "notice_days" in spec:  # its co-chairs meet monthly and agreed on a week's notice
            forums.set_session_rules(chair, forum, spec["notice_days"], forum.quorum_rule)
        if spec["open"]:
            forums.change_status(chair, forum, "open",
                                 "Ambas copresidencias designadas y términos de referencia aprobados.")
        forums_by_key[spec["key"]] = forum
    return people, organisations, forums_by_key
