"""Demo proposals for the Environment and Education forums: every outcome, a revised
response, a merge, a withdrawal, endorsements, a discussion, and some left waiting too long.

Events are replayed in date order on a frozen clock, so "days waiting" and the trail's
times tell one consistent story.
"""
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import Any

from ..core import clock
from ..proposals import services
from ..proposals.services import comments, endorsements, responses

T, P, A, TE = "transparency", "participation", "accountability", "technology"

# key, forum, submitter, org, day, title, problem, proposal, expected result, values
PROPOSALS = [
    ("oefa", "env", "amazonia2", "amazonia", 3, "Publicar en datos abiertos las fiscalizaciones ambientales del OEFA",
     "Los resultados de las fiscalizaciones ambientales solo se publican como resúmenes en PDF, sin fecha ni ubicación "
     "precisa, lo que impide a las comunidades saber qué empresas incumplen.",
     "Publicar cada fiscalización, sanción y medida administrativa en formato abierto, con georreferencia, "
     "actualizado mensualmente en la Plataforma Nacional de Datos Abiertos.",
     "Comunidades y periodistas pueden seguir el cumplimiento ambiental de cada unidad fiscalizable.", [T, A, TE]),
    ("portal", "env", "obs", "obs", 6, "Portal único de información ambiental con datos geoespaciales",
     "La información ambiental está dispersa entre SINIA, Geoservidor y OEFA, con formatos distintos.",
     "Integrar en un solo portal los datos de fiscalización, monitoreo y concesiones, con descarga masiva.",
     "Una sola puerta de entrada a la información ambiental, usable sin conocimientos técnicos.", [T, TE]),
    ("derrames", "env", "obs", "obs", 9, "Mapa ciudadano de derrames de petróleo en la Amazonía",
     "Los derrames en el Oleoducto Norperuano se conocen tarde y las cifras oficiales no coinciden con las de las "
     "federaciones indígenas.",
     "Crear un mapa público que combine los reportes oficiales con reportes ciudadanos verificados por el OEFA.",
     "Alertas tempranas y una cifra pública de derrames aceptada por el Estado y las comunidades.", [T, P]),
    ("sinia", "env", "minam2", "minam", 12, "Interoperabilidad del SINIA con los gobiernos regionales",
     "Los gobiernos regionales reportan la información ambiental por oficio y con meses de retraso.",
     "Conectar los sistemas regionales al SINIA mediante la Plataforma de Interoperabilidad del Estado.",
     "Información ambiental regional disponible en línea en menos de 30 días.", [TE, T]),
    ("forestal", "env", "uni", "uni", 15, "Registro público de concesiones forestales con alertas de deforestación",
     "No es posible cruzar las concesiones forestales con las alertas de deforestación satelital.",
     "Publicar el registro de concesiones con sus polígonos y cruzarlo automáticamente con las alertas de GeoBosques.",
     "Detección temprana de tala ilegal dentro de concesiones.", [T, A]),
    ("defensoria", "env", "obs", "obs", 20, "Crear una defensoría ambiental independiente",
     "Las denuncias ambientales ciudadanas no tienen una instancia independiente que les dé seguimiento.",
     "Crear por ley una defensoría ambiental autónoma con presupuesto propio.",
     "Denuncias ambientales con seguimiento independiente del Ejecutivo.", [A, P]),
    ("consulta", "env", "amazonia2", "amazonia", 70, "Consulta previa con información accesible en lenguas originarias",
     "Los expedientes de consulta previa solo están en castellano técnico y en PDF.",
     "Publicar resúmenes de cada proceso de consulta en las lenguas de los pueblos consultados, en audio y texto.",
     "Pueblos indígenas que participan informados en su propia lengua.", [P, T]),
    ("eia", "env", "camara", "camara", 105, "Publicar completos los estudios de impacto ambiental",
     "Solo se publican resúmenes ejecutivos de los EIA; los anexos se piden por acceso a la información.",
     "Publicar el EIA completo, con anexos, desde su presentación en SENACE.",
     "Previsibilidad para inversionistas y vigilancia ciudadana informada.", [T]),
    ("escuelas", "edu", "justicia", "justicia", 60, "Datos abiertos de infraestructura escolar",
     "Las familias no saben en qué estado están los locales escolares ni cuándo se repararán.",
     "Publicar el censo de infraestructura educativa y el avance de cada obra por escuela.",
     "Padres y APAFA vigilan las obras de sus escuelas.", [T, A]),
    ("presupuesto", "edu", "justicia", "justicia", 75, "Presupuesto participativo escolar en línea",
     "Las APAFA no conocen el presupuesto de mantenimiento asignado a su escuela.",
     "Publicar por escuela el monto de mantenimiento y permitir que las APAFA propongan prioridades.",
     "Gasto de mantenimiento decidido con las familias.", [P]),
]

# day, proposal, chair ("state" or "civil"), outcome, reason, merged into
RESPONSES = [
    (18, "oefa", "state", "accepted",
     "El OEFA ya cuenta con la información estructurada; se publicará como conjunto de datos mensual a partir del "
     "segundo semestre y se incorporará como hito del compromiso de información ambiental.", None),
    (19, "portal", "civil", "merged",
     "La propuesta persigue el mismo fin que la publicación abierta de fiscalizaciones; se integra a ella para "
     "construir un solo compromiso y no dos portales paralelos.", "oefa"),
    (30, "derrames", "civil", "partially_accepted",
     "Se acepta el mapa con los reportes oficiales del OEFA; los reportes ciudadanos se incorporarán solo cuando "
     "exista un protocolo de verificación acordado con las federaciones, que se trabajará en el foro.", None),
    (31, "sinia", "civil", "accepted",
     "La interoperabilidad es condición para que la información regional llegue a tiempo; se acepta con el "
     "compromiso de publicar el calendario de conexión por región.", None),
    (35, "forestal", "state", "needs_info",
     "Necesitamos saber qué fuentes de alertas propone usar y con qué frecuencia, para evaluar la carga de trabajo "
     "del SERFOR y del programa de bosques.", None),
    (50, "forestal", "state", "partially_accepted",
     "Con la información enviada se acepta publicar el registro con polígonos; el cruce automático con alertas se "
     "hará en una segunda etapa, cuando SERFOR termine la migración de su sistema.", None),
    (75, "escuelas", "state", "accepted",
     "El censo de infraestructura ya existe por escuela; el ministerio lo publicará en datos abiertos y el foro "
     "lo llevará como compromiso del plan con las APAFA como aliadas en la vigilancia.", None),
    (40, "defensoria", "state", "rejected",
     "Crear un organismo autónomo requiere una ley del Congreso y no está al alcance del plan de acción. El foro "
     "remitirá la propuesta a la Comisión de Pueblos Andinos y Ecología y dará cuenta de su respuesta.", None),
]

ENDORSEMENTS = [  # day, proposal, person, org (None: as themselves), notify
    (4, "oefa", "uni", "uni", True), (5, "oefa", "obs", "obs", False), (7, "oefa", "camara", None, False),
    (10, "derrames", "amazonia2", "amazonia", True), (11, "derrames", "uni", "uni", False),
    (71, "consulta", "obs", "obs", True), (72, "consulta", "citizen", None, True),
    (62, "escuelas", "educa", "educa", True), (8, "portal", "citizen", None, False),
]

COMMENTS = [  # day, proposal, person, org, body, reply to (index in this list)
    (10, "derrames", "minam2", "minam",
     "El OEFA ya publica los reportes de emergencias ambientales; podría ser la base del mapa.", None),
    (11, "derrames", "obs", "obs",
     "Sí, pero esos reportes llegan con semanas de retraso. Proponemos reportes en 48 horas.", 0),
    (16, "forestal", "camara", "camara", "Conviene usar las alertas **GLAD** que ya procesa GeoBosques.", None),
    (73, "consulta", "citizen", None,
     "En Loreto muchas comunidades no tienen internet: ¿podría difundirse por radio?", None),
]


def seed_proposals(people: dict, orgs: dict, forums: dict, start, extra=()) -> dict:
    """Replay the events, merged with `extra` (day, order, action) ones, in date order."""
    created: dict = {}
    chairs = {key: {s.role: s.user for s in f.active_seats if s.is_chair} for key, f in forums.items()}
    posted: list = []

    def submit(key, forum, who, org, _day, title, problem, proposal, result, values):
        created[key] = services.submit(people[who], forums[forum], orgs[org], title=title, problem=problem,
                                       proposal=proposal, expected_result=result, values=values)

    def respond(_day, key, side, outcome, reason, into):
        chair = chairs[_forum_of(key)]["state_chair" if side == "state" else "civil_chair"]
        responses.respond(chair, created[key], outcome, reason, created[into] if into else None)

    def endorse(_day, key, who, org, notify):
        endorsements.endorse(people[who], created[key], orgs[org] if org else None, notify)

    def comment(_day, key, who, org, body, reply_to):
        parent = posted[reply_to] if reply_to is not None else None
        posted.append(comments.post(people[who], created[key], body, parent, orgs[org] if org else None))

    events: list[tuple[int, int, Callable[[], Any]]] = [
        *((row[4], 0, partial(submit, *row)) for row in PROPOSALS),
        *((row[0], 1, partial(respond, *row)) for row in RESPONSES),
        *((row[0], 2, partial(endorse, *row)) for row in ENDORSEMENTS),
        *((row[0], 3, partial(comment, *row)) for row in COMMENTS),
        (80, 4, lambda: services.withdraw(people["justicia"], created["presupuesto"])),
    ]
    events.extend(extra)
    for day, _order, run in sorted(events, key=lambda e: (e[0], e[1])):
        with clock.frozen_at(start + timedelta(days=day, hours=10 + _order)):
            run()
    return created


def _forum_of(key: str) -> str:
    return next(p[1] for p in PROPOSALS if p[0] == key)
