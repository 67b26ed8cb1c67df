"""The demo's voices from outside Lima: organisations say where they work from; in a forum
of the previous cycle (III Plan, 2017-2019, so the 2019-2021 story and its figures stay as
they were) a facilitator records a workshop held in Cusco on paper — two inputs, each with
its witness and the photo of its sheet — and the forum sets a target for inputs from outside
Lima Metropolitana; an organisation nobody invited asks for a seat in the Education forum
and is refused with a public reason. Called last, so the trail the earlier steps wrote
keeps its numbers."""
import io
from datetime import date, timedelta

from werkzeug.datastructures import FileStorage

from ..core import clock
from ..forums import services as forums_services
from ..voice import services
from ..voice.services import workshops

REGIONS = {"minam": "1501", "minedu": "1501", "minjus": "1501", "pcm": "1501", "amazonia": "16", "educa": "1501",
           "justicia": "04", "obs": "1501", "uni": "08", "camara": "1501"}

# A 1×1 PNG: the demo's stand-in for the photo of a handwritten sheet.
PHOTO = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"

SHEETS = [
    ("Actas de obras en quechua",
     "Que cada municipalidad publique las actas de recepción de obras también en quechua y las lea en la "
     "asamblea comunal.", "Juana Mamani Quispe, presidenta de la comunidad de Ccatca"),
    ("Vigilancia de los ríos",
     "Que el monitoreo de la calidad del agua del río Vilcanota se publique cada mes y que las comunidades "
     "participen en la toma de muestras.", "Juana Mamani Quispe, presidenta de la comunidad de Ccatca"),
]


def seed_voice(people, organisations, forums, start) -> None:
    with clock.frozen_at(start + timedelta(days=119, hours=20)):
        for key, region in REGIONS.items():
            org = organisations[key]
            services.set_org_region(org.memberships[0].user, org, region)
        south = _southern_forum(people, organisations)
        services.appoint_facilitator(people["pcm"], south, people["amazonia2"])
        w = workshops.record_workshop(people["amazonia2"], south, place="Cusco, local comunal de Ccatca",
                                      held_on=date.fromordinal(clock.utcnow().date().toordinal() - 5), region="08",
                                      attendance=23, organisations=[organisations["uni"]])
        for i, (title, text, witness) in enumerate(SHEETS, 1):
            workshops.record_input(people["amazonia2"], w, organisations["uni"], title=title, text=text,
                                   witness=witness, channel="paper",
                                   sheet=FileStorage(io.BytesIO(PHOTO), filename=f"hoja-{i}.png"))
        services.set_target(people["pcm"], south, dimension="region", group="1501", outside=True, percent=40)
        edu = forums["edu"]
        req = services.request_seat(people["justicia"], edu, organisations["justicia"],
                                    "Acompañamos a comités de padres de familia en Arequipa.")
        services.refuse_seat(people["minedu"], req, "El foro de Educación trabaja con redes de alcance nacional; "
                                                    "te invitamos a sus consultas públicas y al taller de Arequipa.")


def _southern_forum(people, organisations):
    admin = people["admin"]
    forum = forums_services.create_forum(
        admin, sector="Gobierno abierto regional", cycle="2017-2019", title="Foro Regional del Sur Andino",
        description="Foro del III Plan de Acción que recogió aportes fuera de Lima, en talleres presenciales.",
        terms_of_reference="Los aportes en papel se registran con su testigo y la foto de la hoja.",
        influence_target="consult")
    forums_services.appoint_chair(admin, forum, "state_chair", people["pcm"], organisations["pcm"])
    forums_services.appoint_chair(admin, forum, "civil_chair", people["obs"], organisations["obs"])
    forums_services.change_status(people["pcm"], forum, "open", "Ambas copresidencias designadas.")
    return forum
