"""Documents (forum/uploads): the kind read from the bytes, a lying name refused, the size
limit counted while streaming, the same bytes stored once, and the download served as an
attachment under its hash. A refused upload leaves no row, no file and no trail entry."""
import hashlib
import io
import os
import zipfile

import pytest
from sqlalchemy import func, select
from werkzeug.datastructures import FileStorage
from werkzeug.test import encode_multipart

from forum.core.errors import DomainError, PermissionDenied
from forum.extensions import db
from forum.uploads import store
from forum.uploads.models import Document
from forum.uploads.sniff import sniff
from tests.conftest import trail_actions_since, trail_length

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


def _zip(members: list[tuple[str, bytes]]) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for name, data in members:
            z.writestr(name, data, compress_type=zipfile.ZIP_STORED if name == "mimetype" else zipfile.ZIP_DEFLATED)
    return buf.getvalue()


def _ooxml(part: str) -> bytes:
    return _zip([("[Content_Types].xml", b"<Types/>"), ("_rels/.rels", b"<Relationships/>"), (part, b"<x/>")])


def _odf(kind: str) -> bytes:
    return _zip([("mimetype", f"application/vnd.oasis.opendocument.{kind}".encode()),
                 ("content.xml", b"<office:document-content/>")])


def _cfb(stream: str) -> bytes:
    header = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504
    entry = stream.encode("utf-16-le").ljust(64, b"\x00") + b"\x00" * 64
    return header + b"Root Entry".decode().encode("utf-16-le").ljust(128, b"\x00") + entry


KINDS = [
    (PDF, "application/pdf"),
    (PNG, "image/png"),
    (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01", "image/jpeg"),
    (b"GIF89a\x01\x00\x01\x00\x00\x00\x00;", "image/gif"),
    (b"RIFF\x1a\x00\x00\x00WEBPVP8 \x0e\x00\x00\x00", "image/webp"),
    (_ooxml("word/document.xml"), "application/vnd.openxmlformats-officedocument.wordprocessingml.document"),
    (_ooxml("xl/workbook.xml"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    (_ooxml("ppt/presentation.xml"), "application/vnd.openxmlformats-officedocument.presentationml.presentation"),
    (_odf("text"), "application/vnd.oasis.opendocument.text"),
    (_odf("spreadsheet"), "application/vnd.oasis.opendocument.spreadsheet"),
    (_cfb("WordDocument"), "application/msword"),
    (_cfb("Workbook"), "application/vnd.ms-excel"),
    (_cfb("PowerPoint Document"), "application/vnd.ms-powerpoint"),
    ("\ufeffcomunidad,avance\nÑuñoa,50%\n".encode(), "text/csv"),
]


@pytest.mark.parametrize("data, media_type", KINDS, ids=[m.rsplit("/", 1)[-1][-12:] for _, m in KINDS])
def test_the_kind_is_read_from_the_bytes(data, media_type):
    assert sniff(io.BytesIO(data)).media_type == media_type


@pytest.mark.parametrize("data", [
    _zip([("notes.txt", b"hola")]),  # a zip that is no office document
    _cfb("__substg1.0_0037001F"),  # an Outlook message, not Word/Excel/PowerPoint
    b"caf\xe9,1\n",  # Latin-1, not UTF-8
    b"a,b\n\x00\x01",  # a NUL byte: binary
    b"\x7fELF\x02\x01\x01\x00",  # a program
], ids=["zip", "msg", "latin1", "nul", "elf"])
def test_other_kinds_are_not_accepted(data):
    assert sniff(io.BytesIO(data)) is None


def _upload(data: bytes, name: str) -> FileStorage:
    return FileStorage(io.BytesIO(data), filename=name, content_type="application/pdf")  # the client's word


def _stored_files(app) -> list[str]:
    root = os.path.join(app.instance_path, "uploads")
    return sorted(os.path.relpath(os.path.join(d, f), root) for d, _, files in os.walk(root) for f in files)


def _nothing_written(app, before: int) -> None:
    assert db.session.scalar(select(func.count()).select_from(Document)) == 0
    assert _stored_files(app) == []  # not even a temp file left behind
    assert trail_length() == before


def test_a_document_is_stored_under_its_hash_with_its_trail_entry(ctx, make):
    user = make.user()
    before = trail_length()
    doc = store(user, _upload(PDF, "../../Acta de la sesión\x07.PDF"))
    db.session.commit()
    sha = hashlib.sha256(PDF).hexdigest()
    assert (doc.sha256, doc.size, doc.media_type, doc.filename) == (sha, len(PDF), "application/pdf",
                                                                     "Acta de la sesión.PDF")
    assert _stored_files(ctx) == [f"{sha[:2]}/{sha}"]
    with open(os.path.join(ctx.instance_path, "uploads", sha[:2], sha), "rb") as fh:
        assert fh.read() == PDF
    assert trail_actions_since(before) == ["document.uploaded"]
    from forum.trail.models import TrailEntry
    entry = db.session.scalars(select(TrailEntry).where(TrailEntry.seq > before)).one()
    assert (entry.subject_type, entry.subject_id, entry.actor_user_id) == ("document", sha, user.id)
    assert '"media_type":"application/pdf"' in entry.payload and f'"sha256":"{sha}"' in entry.payload


def test_a_name_without_extension_gets_the_contents(ctx, make):
    assert store(make.user(), _upload(PNG, "foto")).filename == "foto.png"


def test_the_same_bytes_are_stored_once(ctx, make):
    first = store(make.user(), _upload(PDF, "acta.pdf"))
    other = make.user()
    db.session.commit()
    before = trail_length()
    again = store(other, _upload(PDF, "copia.pdf"))
    db.session.commit()
    assert again.id == first.id and again.filename == "acta.pdf"
    assert len(_stored_files(ctx)) == 1 and trail_length() == before


@pytest.mark.parametrize("data, name, message", [
    (PNG, "acta.pdf", "The file's content is a PNG image, not a PDF."),
    (PDF, "plan.docx", "The file's content is a PDF document, not a Word document."),
    (_ooxml("xl/workbook.xml"), "avance.docx", "an Excel spreadsheet, not a Word document"),
    (b"", "acta.pdf", "The file is empty."),
    (b"\x7fELF\x02\x01\x01\x00", "acta", "This kind of file is not accepted."),
    (PDF + b"x" * 2000, "acta.pdf", "The file is larger than 0.00 MB"),
], ids=["png-named-pdf", "pdf-named-docx", "xlsx-named-docx", "empty", "program", "too-big"])
def test_a_refused_upload_writes_nothing(ctx, make, monkeypatch, data, name, message):
    monkeypatch.setitem(ctx.config, "UPLOAD_MAX_BYTES", 1000)
    user = make.user()
    before = trail_length()
    with pytest.raises(DomainError, match=message.replace(".", r"\.")) as err:
        store(user, _upload(data, name), field="evidence")
    assert err.value.field == "evidence"
    db.session.rollback()
    _nothing_written(ctx, before)


def test_the_size_is_counted_while_streaming(ctx, make, monkeypatch):
    """A body longer than the limit is not read past it: the stream would go on for ever."""
    monkeypatch.setitem(ctx.config, "UPLOAD_MAX_BYTES", 64 * 1024)

    class Endless(io.RawIOBase):
        read_bytes = 0

        def readable(self):
            return True

        def readinto(self, b):
            Endless.read_bytes += len(b)
            b[:] = b"\x00" * len(b)
            return len(b)

    user = make.user()
    before = trail_length()
    with pytest.raises(DomainError, match="larger than"):
        store(user, FileStorage(Endless(), filename="big.pdf"))
    assert Endless.read_bytes <= 2 * 64 * 1024
    db.session.rollback()
    _nothing_written(ctx, before)


def test_only_a_signed_in_person_uploads(ctx):
    with pytest.raises(PermissionDenied):
        store(None, _upload(PDF, "acta.pdf"))


def test_the_download_is_an_attachment_under_its_hash(ctx, make, client):
    doc = store(make.user(), _upload(PDF, "Acta nº 3.pdf"))
    db.session.commit()
    resp = client.get(f"/documents/{doc.sha256}")
    assert resp.status_code == 200 and resp.get_data() == PDF
    assert resp.headers["Content-Type"] == "application/pdf"
    assert resp.headers["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''Acta%20n%C2%BA%203.pdf" in resp.headers["Content-Disposition"]
    assert resp.headers["X-Content-Type-Options"] == "nosniff"
    assert resp.headers["ETag"] == f'"{doc.sha256}"'
    assert "max-age=31536000" in resp.headers["Cache-Control"] and "immutable" in resp.headers["Cache-Control"]
    resp.close()
    cached = client.get(f"/documents/{doc.sha256}", headers={"If-None-Match": f'"{doc.sha256}"'})
    cached.close()
    assert cached.status_code == 304
    meta = client.get(f"/documents/{doc.sha256}.json").get_json()
    assert meta == {"sha256": doc.sha256, "size": len(PDF), "media_type": "application/pdf",
                    "filename": "Acta nº 3.pdf", "uploaded_by": doc.uploaded_by_id,
                    "uploaded_at": meta["uploaded_at"], "forum": None, "withheld": None}


def test_anything_but_a_stored_hash_is_not_found(ctx, make, client):
    doc = store(make.user(), _upload(PDF, "acta.pdf"))
    db.session.commit()
    with open(os.path.join(ctx.instance_path, "secret_key"), "w") as fh:
        fh.write("do not serve")
    for url in (f"/documents/{doc.sha256.upper()}", f"/documents/{'0' * 64}", f"/documents/{doc.sha256[:63]}",
                "/documents/..%2F..%2Fsecret_key", "/documents/../secret_key", "/documents/%2e%2e%2fsecret_key",
                f"/documents/{doc.sha256[:2]}%2F{doc.sha256}", f"/documents/{'0' * 64}.json",
                "/documents/..%2Fsecret_key.json"):
        resp = client.get(url)
        assert resp.status_code == 404, url
        assert b"do not serve" not in resp.get_data()


@pytest.fixture
def upload_app(tmp_path):
    """An app with one view that takes a file, as a feature would write it (no such view
    ships yet): the request limit, the field's refusals and the 413 page, over HTTP."""
    from flask import render_template_string
    from flask_wtf import FlaskForm

    from forum import create_app
    from forum.uploads.forms import UploadField
    from forum.uploads.limits import accepts_upload
    from tests.snapshots import test_config

    app = create_app({**test_config(f"sqlite:///{tmp_path}/t.db", str(tmp_path / "instance")),
                      "WTF_CSRF_ENABLED": False, "MAX_CONTENT_LENGTH": 10_000, "UPLOAD_MAX_BYTES": 100_000})

    class EvidenceForm(FlaskForm):
        evidence = UploadField("Evidence")

    def form_page():
        form = EvidenceForm()
        if form.validate_on_submit():
            return "accepted"
        return render_template_string("{{ form.evidence.errors|join(' ')|safe }}", form=form), 400

    app.add_url_rule("/t/evidence", "t_evidence", accepts_upload(form_page), methods=["POST"])
    app.add_url_rule("/t/plain", "t_plain", lambda: "ok", methods=["POST"])
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()


def test_a_view_that_accepts_an_upload_refuses_beside_the_field(upload_app):
    client = upload_app.test_client()

    def send(data: bytes, name: str, url="/t/evidence"):
        boundary, body = encode_multipart({"evidence": FileStorage(io.BytesIO(data), name)})
        return client.post(url, data=body, content_type=f"multipart/form-data; boundary={boundary}")

    ok = send(PDF + b" " * 50_000, "acta.pdf")  # past MAX_CONTENT_LENGTH, within UPLOAD_MAX_BYTES
    assert (ok.status_code, ok.get_data(as_text=True)) == (200, "accepted")
    lying = send(PNG, "acta.pdf")
    assert (lying.status_code, lying.get_data(as_text=True)) == (400, "The file's content is a PNG image, not a PDF.")
    assert "The file is empty." in send(b"", "acta.pdf").get_data(as_text=True)
    assert "larger than 0.10 MB" in send(PDF + b" " * 150_000, "acta.pdf").get_data(as_text=True)
    huge = send(PDF + b" " * 2_000_000, "acta.pdf")  # beyond the file and the form's room: never read
    assert huge.status_code == 413 and "The file is larger than 0.10 MB" in huge.get_data(as_text=True)
    other = send(PDF + b" " * 50_000, "acta.pdf", url="/t/plain")  # every other form keeps its 2 MB guard
    assert other.status_code == 413 and "The file is larger" not in other.get_data(as_text=True)
    assert os.listdir(os.path.join(upload_app.instance_path, "uploads", "tmp")) == []  # no temp file outlives it
