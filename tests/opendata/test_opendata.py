"""Bulk open data and feeds as a researcher and a newsroom use them: the archive validates
as a Frictionless Data Package, its CSVs read in Python's csv and pandas without flags,
its counts are the database's, its trail verifies, nothing hidden is in it, and it is
rebuilt once the record moves on; the Atom feeds parse and announce what the trail holds."""
import csv
import io
import json
import re
import zipfile

import feedparser
import pandas
import pytest
from frictionless import validate
from sqlalchemy import func, select

from forum.accounts.models import User
from forum.extensions import db
from forum.proposals.models import Proposal
from tests.helpers.proposals import chairs

HIDE_REASON = "Contiene datos personales de terceros; se oculta a pedido del afectado."


@pytest.fixture
def seed():
    def demo_hidden(make):
        from forum.demo import seed as load
        from forum.proposals.services import moderation
        load()
        p = db.session.get(Proposal, 2)
        moderation.hide_proposal(chairs(p.forum)["civil_chair"], p, HIDE_REASON)
        db.session.commit()
        return {"hidden_title": p.title}
    return demo_hidden


def sign_a_checkpoint():
    """With this test's own log key (each test has its own instance/)."""
    from forum.trail import checkpoints
    checkpoints.make()
    db.session.commit()


def download(client, url) -> zipfile.ZipFile:
    r = client.get(url)
    data = r.data
    r.close()  # the file it streamed from
    assert r.status_code == 200 and r.headers["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(data))


def test_the_archive_is_a_valid_data_package(client, seeded, tmp_path):
    z = download(client, "/data/traza-all.zip")
    z.extractall(tmp_path)
    report = validate(str(tmp_path / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])[:10]
    package = json.loads(z.read("datapackage.json"))
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    proposals = next(r for r in package["resources"] if r["name"] == "proposals")
    field = next(f for f in proposals["schema"]["fields"] if f["name"] == "fate")
    assert field["description"] != field["description_es"] and field["description_es"]
    assert {"fields": "forum_id", "reference": {"resource": "forums", "fields": "id"}} in \
        proposals["schema"]["foreignKeys"]
    assert "CC BY" in z.read("LICENSE.txt").decode() or "Attribution" in z.read("LICENSE.txt").decode()


def test_csv_files_read_without_flags_and_count_what_the_database_holds(client, seeded, tmp_path):
    z = download(client, "/data/traza-all.zip")
    z.extractall(tmp_path)
    package = json.loads(z.read("datapackage.json"))
    for resource in package["resources"]:
        path = tmp_path / resource["path"]
        with open(path, encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        frame = pandas.read_csv(path)
        names = [f["name"] for f in resource["schema"]["fields"]]
        assert list(frame.columns) == names == list(rows[0]) if rows else True
        assert len(frame) == len(rows) == len(json.loads(z.read(resource["path"].replace(".csv", ".json"))))
    proposals = pandas.read_csv(tmp_path / "data/proposals.csv")
    assert len(proposals) == db.session.scalar(select(func.count()).select_from(Proposal))
    assert proposals["organisation_name"].notna().all()  # names beside the ids
    with open(tmp_path / "data/seats.csv", encoding="utf-8") as fh:
        assert all(r["person_name"] for r in csv.DictReader(fh))


def test_nothing_hidden_and_no_address_is_in_the_archive(client, seeded):
    z = download(client, "/data/traza-all.zip")
    text = "".join(z.read(n).decode() for n in z.namelist() if n.startswith("data/"))
    assert seeded["hidden_title"] not in text and HIDE_REASON in text
    assert not [e for e in db.session.scalars(select(User.email)) if e in text]


def test_the_archived_trail_verifies_with_the_standalone_verifier(client, seeded):
    from forum.trail.checkpoints import log_verifier
    from forum.verify import verify_export
    sign_a_checkpoint()
    z = download(client, "/data/traza-2019-2021.zip")
    lines = z.read("trail/traza-trail.jsonl").decode().splitlines(keepends=True)
    assert any('"checkpoint"' in line for line in lines)
    result = verify_export(lines, str(log_verifier()))
    assert result.ok, result.line


def test_a_stale_archive_is_rebuilt_once_the_record_moves_on(client, seeded, app):
    from forum.proposals.services import responses
    app.config["OPENDATA_MAX_AGE_MINUTES"] = 0
    first = download(client, "/data/traza-all.zip").read("data/responses.csv").decode()
    p = db.session.get(Proposal, 3)
    responses.respond(chairs(p.forum)["state_chair"], p, "rejected",
                      "No corresponde al alcance del foro; se deriva a la mesa de educación.")
    db.session.commit()
    second = download(client, "/data/traza-all.zip").read("data/responses.csv").decode()
    assert "se deriva a la mesa de educación" in second and "se deriva a la mesa" not in first


def test_an_unknown_archive_is_a_404(client, seeded):
    assert client.get("/data/traza-1900-1901.zip").status_code == 404


def test_the_data_page_lists_archives_api_feeds_and_licence_in_both_languages(client, seeded):
    en = client.get("/data", headers={"Accept-Language": "en"}).get_data(as_text=True)
    for link in ("/data/traza-all.zip", "/data/traza-2019-2021.zip", "/api/v1/docs", "/api/v1/openapi.json",
                 "/feeds/atom.xml", "/forums/1/feed.atom", "creativecommons.org/licenses/by/4.0"):
        assert link in en, link
    es = client.get("/data?lang=es", headers={"Accept-Language": "es"}).get_data(as_text=True)
    assert "Datos abiertos" in es and "Open data" not in es.split("<main")[1]


def test_every_page_footer_states_the_licence(client, seeded):
    for url in ("/", "/forums/1", "/proposals/1", "/trail/"):
        page = client.get(url).get_data(as_text=True)
        assert 'rel="license" href="https://creativecommons.org/licenses/by/4.0/"' in page, url
        assert 'rel="alternate" type="application/atom+xml"' in page


def test_the_feeds_are_valid_atom_and_announce_what_the_trail_holds(client, seeded, make):
    from forum.proposals import services
    sign_a_checkpoint()
    platform = feedparser.parse(client.get("/feeds/atom.xml").data)
    assert platform.bozo == 0 and platform.version == "atom10"
    assert platform.feed.title and platform.feed.updated and platform.feed.id
    for e in platform.entries:
        assert e.id and e.title and e.updated and e.link
    assert any("checkpoint" in e.title.lower() or "punto de control" in e.title.lower() for e in platform.entries)
    forum = db.session.get(Proposal, 1).forum
    user, org = make.member_of("civil_society")
    p = services.submit(user, forum, org, title="Datos <abiertos> & trazables", problem="Problema del sector.",
                        proposal="Publicar todo a tiempo.", expected_result="Vigilancia ciudadana.",
                        values=["transparency"])
    db.session.commit()
    feed = feedparser.parse(client.get(f"/forums/{forum.id}/feed.atom").data)
    assert feed.bozo == 0
    assert "Datos <abiertos> & trazables" in feed.entries[0].title
    assert feed.entries[0].link.endswith(f"/proposals/{p.id}")
    assert all(re.search(r"/trail/\d+$|#closed$", e.id) for e in feed.entries)
    other = feedparser.parse(client.get("/forums/2/feed.atom").data)
    assert all("abiertos> & trazables" not in e.title for e in other.entries)
    page = client.get(f"/forums/{forum.id}").get_data(as_text=True)
    assert f'href="/forums/{forum.id}/feed.atom"' in page


def test_a_hidden_proposal_is_named_as_hidden_in_the_feed(client, seeded):
    feed = feedparser.parse(client.get("/feeds/atom.xml").data)
    titles = " ".join(e.title for e in feed.entries)
    assert seeded["hidden_title"] not in titles


def test_a_feed_answers_304_to_its_etag(client, seeded):
    r = client.get("/feeds/atom.xml")
    assert client.get("/feeds/atom.xml", headers={"If-None-Match": r.headers["ETag"]}).status_code == 304
