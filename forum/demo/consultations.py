"""Demo consultations: a concluded one on the draft environmental chapter, whose answered
comments later shape the Environment commitment, and an open one on a draft commitment."""
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import Any

from ..consultations import services
from ..consultations.services import responses
from ..core import clock

CHAPTER = """# Capítulo ambiental del IV Plan de Acción

El foro propone tres compromisos ambientales para el ciclo 2019–2021, elaborados a partir de las
propuestas recibidas.

La información de fiscalización ambiental del OEFA se publicará en formatos abiertos, con una
frecuencia anual y a nivel de región.

Los gobiernos regionales se conectarán al Sistema Nacional de Información Ambiental (SINIA) de
manera progresiva, según su disponibilidad presupuestal.

Se evaluará la creación de un mapa de derrames de hidrocarburos basado en los reportes oficiales.

El seguimiento de los compromisos lo hará el Ministerio del Ambiente, que informará al foro una vez
al año."""

PROMISE = ("Les mantendremos informados, escucharemos y reconoceremos sus aportes, y les diremos cómo "
           "influyeron en la decisión, con una respuesta razonada a cada comentario.")

# day, person, organisation key (None: as themselves), paragraph, comment, suggested text
COMMENTS = [
    (90, "amazonia2", "amazonia", 2, "Una frecuencia anual y por región no permite a las comunidades reaccionar "
     "a tiempo: los incumplimientos deben verse por instalación y cada mes.",
     "La información de fiscalización ambiental del OEFA se publicará cada mes en formatos abiertos, por "
     "instalación fiscalizada y con georreferencia."),
    (92, "obs", "obs", 4, "El mapa debe incluir los reportes ciudadanos verificados, no solo los oficiales; "
     "muchos derrames se conocen primero por las comunidades.", None),
    (94, "uni", "uni", 3, "La conexión progresiva sin metas queda sin plazo. Propongan un número de regiones "
     "por año.", "Los gobiernos regionales se conectarán al SINIA: al menos cuatro en 2020 y todos en 2021."),
    (95, "camara", "camara", None, "Las empresas necesitan un plazo para adecuar sus reportes antes de la "
     "publicación mensual.", None),
    (97, "citizen", None, 5, "El seguimiento debería hacerlo también la sociedad civil, no solo el ministerio.",
     None),
    (99, "justicia", "justicia", None, "Incluyan el acceso a la justicia ambiental en el plan.", None),
]

# comment index, chair ("state"/"civil"), outcome, reason
ANSWERS = [
    (0, "state", "accepted", "Se adopta la publicación mensual por instalación y con georreferencia; el OEFA "
     "confirmó que cuenta con los datos en ese nivel de detalle."),
    (1, "civil", "partially_accepted", "El mapa incluirá reportes ciudadanos una vez verificados por un protocolo "
     "acordado con las federaciones; en la primera etapa se publican los oficiales."),
    (2, "state", "accepted", "Se fija la meta de cuatro regiones conectadas en 2020 y todas en 2021, como hito "
     "verificable del compromiso."),
    (3, "state", "not_accepted", "La información de fiscalización ya es pública por ley; publicarla en formato "
     "abierto no exige a las empresas reportar nada nuevo, por eso no se fija un plazo adicional."),
    (4, "civil", "partially_accepted", "El seguimiento será conjunto: el ministerio reporta avances y el foro, "
     "con ambas copresidencias, los revisa y publica en la traza."),
    (5, "civil", "out_of_scope", "La justicia ambiental corresponde al Foro de Justicia, que está en "
     "conformación; trasladamos su comentario a ese foro para la próxima etapa."),
]


def consultation_events(people, orgs, forums, start, made: dict) -> list:
    """(day, order, action) events merged into the proposals' timeline, so the trail stays in
    date order. `made` receives the consultation and its comments for later links."""
    env = forums["env"]
    chairs = {"state": people["minam"], "civil": people["amazonia"]}
    opened = start + timedelta(days=74, hours=15)

    def open_it():
        made["chapter"] = services.open_consultation(
            people["minam"], env, title="Borrador del capítulo ambiental del IV Plan de Acción",
            introduction="Comente cada párrafo del borrador; puede proponer un texto alternativo.",
            starts_at=opened + timedelta(days=15), ends_at=opened + timedelta(days=29), audience="registered",
            visibility="on_submit", promise_level="consult", promise=PROMISE, body=CHAPTER)

    events: list[tuple[int, int, Callable[[], Any]]] = [(74, 5, open_it)]
    made["comments"] = []

    def comment(who, org, paragraph, body, suggestion):
        made["comments"].append(services.comment(people[who], made["chapter"], body, paragraph, suggestion,
                                                 orgs[org] if org else None))

    def answer(i, side, outcome, reason):
        responses.answer(chairs[side], made["comments"][i], outcome, reason)

    events.extend((day, 5, partial(comment, *row)) for day, *row in COMMENTS)
    events.extend((104, 5 + row[0] % 3, partial(answer, *row)) for row in ANSWERS)
    events.append((105, 8, lambda: services.conclude(people["amazonia"], made["chapter"], True)))
    return events


def seed_open_consultation(people, orgs, forums, start, forest_commitment) -> None:
    """Open now on the draft forest commitment; comments are published at close."""
    def at(hour):  # after the last commitment events of the story
        return clock.frozen_at(start + timedelta(days=119, hours=hour))

    with at(20):
        c = services.open_consultation(
            people["amazonia"], forums["env"], title="Consulta sobre el registro público de concesiones forestales",
            introduction="Antes de la segunda firma, el foro consulta el borrador del compromiso.",
            starts_at=clock.utcnow(), ends_at=clock.utcnow() + timedelta(days=21), audience="registered",
            visibility="at_close", promise_level="involve",
            promise="Trabajaremos con ustedes para que sus preocupaciones se reflejen en el texto final, y les "
                    "diremos cómo influyeron sus aportes.",
            draft="commitment", commitment=forest_commitment, accept_short_notice=True)
    with at(21):
        services.comment(people["obs"], c, "Los polígonos deben publicarse con la fecha de cada actualización.", 4,
                         "Publicar el registro de concesiones con sus polígonos y la fecha de cada actualización, "
                         "en datos abiertos.", orgs["obs"])
    with at(22):
        services.comment(people["uni"], c, "Falta un hito de cruce con las alertas de deforestación.", None, None,
                         orgs["uni"])
