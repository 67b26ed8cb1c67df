"""Importing a published action plan as a co-chair does it: the shipped template files, a
dry run that creates nothing, an import the trail records with the file's SHA-256, the same
file twice creating nothing, and every malformed file refused with its reason, whole."""
import base64
import hashlib
import io
import json
from pathlib import Path

import pytest
from sqlalchemy import func, select

from forum.commitments.models import Commitment, CommitmentVersion, Milestone
from forum.extensions import db
from forum.trail.models import TrailEntry
from tests.conftest import trail_actions_since, trail_length
from tests.helpers.proposals import chairs
from tests.worlds import demo

STATIC = Path(__file__).resolve().parents[2] / "static"
TEMPLATE_CSV = (STATIC / "plan-template.csv").read_bytes()
TEMPLATE_JSON = (STATIC / "plan-template.json").read_bytes()


@pytest.fixture
def seed():
    return demo


@pytest.fixture
def chair(client, seeded):
    from forum.forums.models import Forum
    forum = db.session.get(Forum, 1)
    from forum.demo import DEMO_PASSWORD
    client.login(chairs(forum)["state_chair"].email, DEMO_PASSWORD)
    return client


def commitments() -> int:
    return db.session.scalar(select(func.count()).select_from(Commitment))


def upload(client, data: bytes, name="plan.csv"):
    return client.post("/forums/1/commitments/import", {"file": (io.BytesIO(data), name)})


def confirm(client, data: bytes, name="plan.csv"):
    return client.post("/forums/1/commitments/import",
                       {"content": base64.b64encode(data).decode(), "filename": name})


def test_the_dry_run_shows_what_would_be_created_and_creates_nothing(chair):
    before, length = commitments(), trail_length()
    page = upload(chair, TEMPLATE_CSV).get_data(as_text=True)
    assert "Registro abierto de derechos de agua" in page and "Presupuesto escolar abierto" in page
    assert page.count("Would be created as a draft") == 2
    assert "with 2 milestones" in page and "with 1 milestone<" in page
    assert hashlib.sha256(TEMPLATE_CSV).hexdigest() in page
    assert commitments() == before and trail_length() == length


def test_the_import_creates_drafts_and_the_trail_records_the_file(chair):
    before, length = commitments(), trail_length()
    r = confirm(chair, TEMPLATE_CSV, "plan-template.csv")
    assert r.status_code == 302 and r.headers["Location"].endswith("/forums/1/commitments")
    assert commitments() == before + 2
    assert trail_actions_since(length) == ["commitment.drafted", "commitment.drafted", "plan.imported"]
    entry = db.session.scalar(select(TrailEntry).where(TrailEntry.action == "plan.imported"))
    payload = json.loads(entry.payload)
    assert payload["sha256"] == hashlib.sha256(TEMPLATE_CSV).hexdigest()
    assert payload["filename"] == "plan-template.csv" and len(payload["commitments"]) == 2
    water = db.session.scalar(select(CommitmentVersion).where(
        CommitmentVersion.title == "Registro abierto de derechos de agua"))
    assert water.values == "accountability,transparency"
    assert db.session.scalar(select(func.count()).where(Milestone.version_id == water.id)) == 2
    assert db.session.get(Commitment, water.commitment_id).adopted is None  # drafts, for the two keys


def test_the_same_file_twice_creates_nothing(chair):
    confirm(chair, TEMPLATE_CSV)
    before, length = commitments(), trail_length()
    again = confirm(chair, TEMPLATE_CSV)
    assert again.status_code == 400 and "already imported into this forum" in again.get_data(as_text=True)
    assert commitments() == before and trail_length() == length


def test_the_json_template_imports_the_same_plan(chair):
    before = commitments()
    assert confirm(chair, TEMPLATE_JSON, "plan.json").status_code == 302
    assert commitments() == before + 2
    # the CSV of the same plan is another file, but its commitments are already here
    page = upload(chair, TEMPLATE_CSV).get_data(as_text=True)
    assert page.count("Already here as") == 2 and "Would be created" not in page
    confirm(chair, TEMPLATE_CSV)
    assert commitments() == before + 2


@pytest.mark.parametrize("data, words", [
    (TEMPLATE_CSV.replace(b"2025-12-31,Publicar el esquema", b"31/12/2025,Publicar el esquema"),
     "is not a date: write it as 2024-03-31"),
    (TEMPLATE_CSV.replace(b"transparency;accountability", b"transparencia"), "Choose at least one OGP value"),
    (TEMPLATE_CSV.replace(b"Ministerio de Educaci\xc3\xb3n,Colectivo", b"Ministerio Inexistente,Colectivo"),
     "No organisation is registered as"),
    (TEMPLATE_CSV.replace(b"EDU-01,Presupuesto", b"AMB-01,Presupuesto"), "gives another title for the same reference"),
    (TEMPLATE_CSV.replace(b"milestone_end", b"hito_fin"), "Columns missing: milestone_end"),
    (b"   ", "The file is empty"),
    (json.dumps({"commitments": [json.loads(TEMPLATE_JSON)["commitments"][0]] * 2}).encode(),
     "appears more than once"),
    (b'{"commitments": [', "The JSON cannot be read"),
])
def test_a_malformed_file_is_refused_with_its_reason_and_nothing_is_created(chair, data, words):
    before, length = commitments(), trail_length()
    for send in (upload, confirm):
        r = send(chair, data, "plan.json" if data.lstrip().startswith(b"{") else "plan.csv")
        assert r.status_code == 400 and words in r.get_data(as_text=True), r.get_data(as_text=True)[-3000:]
    assert commitments() == before and trail_length() == length


def test_a_spanish_spreadsheets_latin1_semicolon_csv_is_read(chair):
    """Excel in Spanish saves ';'-separated Windows-1252: accents must survive."""
    import csv
    out = io.StringIO()
    csv.writer(out, delimiter=";").writerows(csv.reader(io.StringIO(TEMPLATE_CSV.decode())))
    page = upload(chair, out.getvalue().encode("cp1252")).get_data(as_text=True)
    assert "read as Latin-1" in page
    assert page.count("Would be created as a draft") == 2, page[-3000:]
    assert "Presupuesto escolar abierto" in page and "Registro abierto de derechos de agua" in page


def test_a_huge_file_is_refused_before_it_is_read(chair):
    r = chair._request("post", "/forums/1/commitments/import", data=b"x" * (50 * 1024 * 1024),
                       content_type="multipart/form-data; boundary=b")
    assert r.status_code == 413 and "larger than 2 MB" in r.get_data(as_text=True)


def test_an_upload_without_a_file_says_so(chair):
    r = chair.post("/forums/1/commitments/import", {})
    assert "Choose the action plan file" in r.get_data(as_text=True)


def test_a_plan_may_carry_what_makes_its_milestones_verifiable(chair):
    """Optional columns (CSV) or keys (JSON); a milestone without them is imported and flagged."""
    from forum.commitments.verifiability import Finding, check
    lines = TEMPLATE_CSV.decode().splitlines()
    extra = ["milestone_indicator", "milestone_baseline", "milestone_baseline_date", "milestone_baseline_source",
             "milestone_target", "milestone_unit", "milestone_verification"]
    given = ["Registros publicados", "0", "2023-12-01", "Memoria anual de la ANA 2023", "12 actualizaciones",
             "Dirección de Administración de Recursos Hídricos", "Conjunto de datos en datosabiertos.gob.pe"]
    rows = [lines[0] + "," + ",".join(extra), lines[1] + "," + ",".join(given)]
    rows += [line + "," * len(extra) for line in lines[2:]]
    assert confirm(chair, ("\n".join(rows) + "\n").encode()).status_code == 302
    found = db.session.scalars(select(Milestone).join(CommitmentVersion).where(
        CommitmentVersion.title == "Registro abierto de derechos de agua").order_by(Milestone.position)).all()
    assert found[0].indicator == "Registros publicados" and found[0].baseline_date.isoformat() == "2023-12-01"
    assert found[0].verification == "Conjunto de datos en datosabiertos.gob.pe"
    # The template's plan is dated 2024–2025; the demo forum's cycle is 2019–2021.
    assert check(found[0], "2019-2021").findings == (Finding.OUTSIDE_CYCLE,)
    assert Finding.NO_INDICATOR in check(found[1], "2019-2021").findings
    data = json.loads(TEMPLATE_JSON)
    data["commitments"][0]["ref"], data["commitments"][0]["title"] = "AMB-02", "Registro de vertimientos"
    data["commitments"][0]["milestones"][0].update(indicator="Vertimientos publicados", baseline_date="2025-13-01")
    page = upload(chair, json.dumps({"commitments": data["commitments"][:1]}).encode(), "plan.json")
    assert "“2025-13-01” is not a date" in page.get_data(as_text=True)
