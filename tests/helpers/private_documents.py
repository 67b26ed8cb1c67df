"""A workshop's scanned sheet, a private document: bytes that carry a marker (the names and
signatures on the paper), recorded in forum A; and a facilitator of another forum."""
import io
import os
from datetime import date

from werkzeug.datastructures import FileStorage

from forum.extensions import db
from tests.helpers.voice_sheet import PNG

NAMES = "FirmasAsistentesQ7ZK Juana Mamani Quispe"
SHEET = PNG + b"\x00\x00\x00\x00tEXt" + NAMES.encode()  # what the scan shows, after the PNG's header


def sheet(name: str = "asistencia-ccatca.png", data: bytes = SHEET) -> FileStorage:
    return FileStorage(io.BytesIO(data), filename=name, content_type="image/png")


def record_input(facilitator, forum, org, *, workshop=None, data: bytes = SHEET, name: str = "asistencia-ccatca.png"):
    """An input recorded at a workshop of `forum` (recorded now unless given), with its sheet."""
    from forum.voice.services import workshops
    workshop = workshop or workshops.record_workshop(
        facilitator, forum, place="Ccatca, local comunal", held_on=date(2019, 5, 4), region="08", attendance=23,
        organisations=[org])
    return workshops.record_input(facilitator, workshop, org, title="", channel="paper", sheet=sheet(name, data),
                                  text="Que las actas de las obras se lean en quechua en la asamblea comunal.",
                                  witness="Juana Mamani Quispe")


def sheet_world(make, voice: dict, forum_a, forum_b) -> dict:
    """For the permission matrix: the sheet of an input recorded at voice_world's workshop,
    and a facilitator appointed in forum B (who must not read forum A's sheet)."""
    from forum.organisations.models import Organisation
    from forum.voice import services
    from forum.voice.models import Workshop
    other = make.user("Facilitador de otro foro")
    services.appoint_facilitator(next(s.user for s in forum_b.active_seats if s.role == "state_chair"), forum_b,
                                 other)
    p = record_input(voice["facilitator"], forum_a, db.session.get(Organisation, voice["workshop_org"]),
                     workshop=db.session.get(Workshop, voice["workshop"]))
    db.session.flush()
    from forum.voice.models import RecordedInput
    return {"other_facilitator": other, "sheet": db.session.get(RecordedInput, p.id).sheet_sha256}


def put_back(sha256: str, data: bytes = SHEET) -> None:
    """A world restored from a snapshot has the rows but not the files of the instance that
    built it: put the sheet's bytes where this test's app looks for them."""
    from forum.uploads.storage import path_for
    path = path_for(sha256)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as fh:
        fh.write(data)
