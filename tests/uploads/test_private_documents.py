"""A workshop's scanned sheet is private (names and signatures), its hash public; and storing
a document is durable and clean: a refusal after the upload leaves no file, and two uploads of
the same bytes at once share one document instead of a 500."""
import hashlib

import pytest
from sqlalchemy import event, func, insert, select

from forum import pagecache
from forum.core.clock import utcnow
from forum.extensions import db
from forum.uploads.models import Document
from forum.voice import services as voice
from forum.voice.services import workshops
from tests.conftest import trail_actions_since, trail_length
from tests.helpers.private_documents import NAMES, SHEET, record_input, sheet
from tests.helpers.proposals import chairs
from tests.permissions.test_sealed import everything, found
from tests.uploads.test_uploads import _stored_files


def _workshop_world(make):
    forum = make.forum(open_=True)
    facilitator = make.user("Facilitadora Cusco")
    voice.appoint_facilitator(chairs(forum)["state_chair"], forum, facilitator)
    org = make.org(name="Federación Campesina del Cusco")
    db.session.commit()
    return forum, facilitator, org


@pytest.mark.parametrize("database_kind", ["sqlite"], indirect=True)  # the pages are the subject
def test_no_page_archive_feed_or_api_gives_an_outsider_the_sheet_s_bytes(ctx, make, client):
    """Everything an anonymous reader reaches by links from the front page, the input's page,
    the API, the feeds, the trail, the open-data archive and the evidence pack: the names on
    the sheet are nowhere, not in the page cache either; its SHA-256 is on the input's page
    and on the trail, with the sentence saying why the image is withheld."""
    forum, facilitator, org = _workshop_world(make)
    p = record_input(facilitator, forum, org)
    db.session.commit()
    sha = hashlib.sha256(SHEET).hexdigest()
    assert _stored_files(ctx) == [f"{sha[:2]}/{sha}"]  # the file is there to be leaked
    pages = everything(client, ["/", f"/proposals/{p.id}", f"/api/v1/proposals/{p.id}", "/api/v1/proposals",
                                "/api/v1/trail?limit=100", "/trail/export.jsonl", "/feeds/atom.xml",
                                f"/forums/{forum.id}/feed.atom", "/data/traza-all.zip", f"/documents/{sha}",
                                f"/documents/{sha}.json", "/cycles/2019-2021/requirements/evidence.zip"],
                       limit=1500)
    assert len(pages) > 100, "the crawl reached the site"
    assert found(pages, [NAMES]) == []
    assert not any(NAMES.encode() in part for part in pagecache.stored_parts())
    assert f"/documents/{sha}" not in pages  # refused: 403
    page = pages[f"/proposals/{p.id}"][0].decode()
    assert sha in page and "signatures" in page and f'href="/documents/{sha}"' not in page
    uploaded = [u for u, bodies in pages.items() if u.startswith("/trail/") and sha.encode() in bodies[0]
                and b"signatures" in bodies[0]]
    assert uploaded, "the trail entry of the upload shows the hash and why the bytes are withheld"


@pytest.mark.parametrize("database_kind", ["sqlite"], indirect=True)
def test_an_upload_refused_after_it_was_stored_leaves_no_file(ctx, make, new_client):
    """The official plan's file is stored, then refused in the same request (a PNG is not the
    plan's PDF): the transaction rolls back, and nothing is left under instance/uploads."""
    forum = make.forum(open_=True)
    c = new_client()
    c.login(chairs(forum)["state_chair"].email)
    before = trail_length()
    r = c.post("/cycles/2019-2021/instruments", {
        "instrument-kind": "rm", "instrument-number": "7-2020-PCM", "instrument-issuer": "PCM",
        "instrument-published_on": "2020-03-01", "instrument-starts_on": "2020-03-01",
        "instrument-ends_on": "2021-12-31", "instrument-url": "https://www.gob.pe/rm-7",
        "instrument-pdf": (sheet().stream, "plan.png")}, content_type="multipart/form-data")
    assert r.status_code == 400 and "must be a PDF" in r.get_data(as_text=True)
    assert trail_length() == before and db.session.scalar(select(func.count()).select_from(Document)) == 0
    assert _stored_files(ctx) == []


def test_two_uploads_of_the_same_bytes_at_once_share_one_document(ctx, make, new_client):
    """Another upload of the same scan commits between this request's look for the bytes and
    its insert (the race, made to happen every time): this request reuses that document,
    and puts the file in place, instead of failing on the unique hash."""
    forum, facilitator, org = _workshop_world(make)
    w = workshops.record_workshop(
        facilitator, forum, place="Ccatca, local comunal", held_on=utcnow().date(), region="08", attendance=23,
        organisations=[org])
    db.session.commit()
    sha = hashlib.sha256(SHEET).hexdigest()
    other = {"sha256": sha, "size": len(SHEET), "media_type": "image/png", "filename": "asistencia.png",
             "uploaded_by_id": facilitator.id, "uploaded_at": utcnow(), "forum_id": forum.id}
    raced = []

    def the_other_upload_commits(conn, cursor, statement, *args):
        if not raced and statement.lstrip().upper().startswith("SELECT") and "FROM documents" in statement:
            raced.append(True)
            with db.engine.begin() as other_conn:
                other_conn.execute(insert(Document.__table__).values(**other))

    c = new_client()
    c.login(facilitator.email)
    before = trail_length()
    event.listen(db.engine, "after_cursor_execute", the_other_upload_commits)
    try:
        r = c.post(f"/workshops/{w.id}/inputs", {
            "organisation": str(org.id), "channel": "paper", "title": "", "witness": "Juana Mamani Quispe",
            "text": "Que las actas de las obras se lean en quechua en la asamblea comunal.",
            "sheet": (sheet().stream, "hoja.png")}, content_type="multipart/form-data")
    finally:
        event.remove(db.engine, "after_cursor_execute", the_other_upload_commits)
    assert raced and r.status_code == 302, r.get_data(as_text=True)[:2000]
    assert db.session.scalars(select(Document.sha256)).all() == [sha]
    assert trail_actions_since(before) == ["proposal.submitted"]  # the other upload wrote its own entry
    assert _stored_files(ctx) == [f"{sha[:2]}/{sha}"]
