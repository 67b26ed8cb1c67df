"""Demo sessions of the Environment forum: one held, with a double-majority decision and
approved minutes, that later shapes the commitment; one upcoming, ready to be run live."""
from datetime import timedelta

from ..core import clock
from ..sessions import services
from ..sessions.services import minutes, motions

MINUTES = """**Sesión ordinaria del Foro Multiactor de Ambiente**

1. Se aprobó el acta de la sesión anterior.
2. La copresidencia de la sociedad civil explicó por qué rechazó la versión 2 del compromiso de información
   ambiental: falta un hito sobre la verificación de reportes ciudadanos.
3. El foro aprobó por doble mayoría pedir ese hito en la versión 3.
"""


def schedule_event(people, forums, start, made: dict):
    """(day, order, action) for the proposals' timeline: the held session is announced on day 100."""
    def run():
        at = start + timedelta(days=111, hours=15)
        made["held"] = services.schedule(
            people["amazonia"], forums["env"], title="Sesión ordinaria de junio", starts_at=at,
            ends_at=at + timedelta(hours=2), place="Ministerio del Ambiente, sala 3, Lima",
            online_url="https://reuniones.example.org/foro-ambiente",
            agenda=[services.ItemInput("Aprobación del acta anterior"),
                    services.ItemInput("Compromiso de información ambiental: el mapa de derrames", "proposal", 3),
                    services.ItemInput("Varios")])
    return (100, 6, run)


def hold_session(people, start, made: dict) -> None:
    """Day 111, between the refusal of version 2 and version 3 of the commitment."""
    s = made["held"]
    rosa, lucia = people["minam"], people["amazonia"]

    def at(minutes_in):
        return clock.frozen_at(start + timedelta(days=111, hours=15, minutes=minutes_in))

    with at(0):
        services.start(lucia, s)
    for i, key in enumerate(("minam", "amazonia", "minam2", "amazonia2", "obs", "uni")):
        with at(1 + i):
            services.check_in(people[key], s)
    with at(10):
        services.advance(rosa, s, 2)
    with at(12):
        services.raise_hand(people["obs"], s)
    with at(13):
        services.raise_hand(people["minam2"], s)
    with at(14):
        services.give_floor(lucia, s)
    with at(20):
        services.give_floor(lucia, s)
    with at(25):
        services.give_floor(lucia, s)
    with at(30):
        m = motions.open_motion(lucia, s, "Pedir en la versión 3 un hito de verificación de reportes ciudadanos "
                                "en el mapa de derrames.", rule="double")
    for i, (key, option) in enumerate((("amazonia2", "yes"), ("obs", "yes"), ("minam2", "yes"), ("uni", "abstain"),
                                       ("minam", "yes"), ("amazonia", "yes"))):
        with at(31 + i):
            motions.vote(people[key], s, m.id, option)
    with at(40):
        motions.close_motion(lucia, s, m.id)
        made["decision"] = m
    with at(50):
        minutes.save(lucia, s, MINUTES)
    with at(60):
        services.end(lucia, s)
    with at(70):
        minutes.approve(lucia, s)
    with at(90):
        minutes.approve(rosa, s)


def seed_upcoming(people, forums, start) -> None:
    """Announced at the very end of the story, ten days ahead: co-chairs can start it now."""
    with clock.frozen_at(start + timedelta(days=119, hours=23)):
        at = clock.utcnow() + timedelta(days=10)
        services.schedule(
            people["minam"], forums["env"], title="Sesión ordinaria: concesiones forestales", starts_at=at,
            ends_at=at + timedelta(hours=2), place="Ministerio del Ambiente, sala 3, Lima",
            online_url="https://reuniones.example.org/foro-ambiente",
            agenda=[services.ItemInput("Aprobación del acta anterior"),
                    services.ItemInput("Consulta sobre el registro de concesiones forestales", "consultation", 2),
                    services.ItemInput("Borrador del compromiso de concesiones forestales", "commitment", 3),
                    services.ItemInput("Varios")])
