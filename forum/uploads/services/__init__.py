"""Storing a document: judged from its bytes, written once under its hash, on the trail."""
import os
import unicodedata

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.models import upsert_insert
from ...extensions import db
from .. import policy, storage
from ..models import Document
from ..sniff import BY_EXTENSION, Kind

NAME_MAX = 255


def store(actor, file_storage, forum=None, *, field: str = "file", purpose: str | None = None) -> Document:
    """The Document for the uploaded bytes: the existing one if these bytes were stored
    before (no second file, no second trail entry), else a new row and the trail entry
    `document.uploaded`, in the caller's transaction; its file is moved into place only
    once that transaction commits (`storage.place_after_commit`), so a refusal later in
    the same request leaves nothing on disk. Refused, with nothing written, when the file is
    empty, over UPLOAD_MAX_BYTES, of a kind not accepted, or named as another kind than its
    content (`acta.pdf` that is a PNG). `field` names the form field a refusal belongs next
    to. `purpose`: None for a public document; else the name of a private purpose whose
    reading rule its owning area registered (`uploads.purposes`). The same bytes keep one
    row: stored publicly after a private upload, they become public (`document.published`);
    bytes already public stay public whatever purpose a later upload names."""
    policy.may_upload(actor).require()
    staged = storage.stage(file_storage, field)
    try:
        doc = _stored_or_new(actor, staged, clean_name(file_storage.filename, staged.kind, field), forum, purpose)
    except BaseException:
        storage.release(staged)
        raise
    if doc.purpose is not None and purpose is None:
        _publish(actor, doc, forum)
    return doc


def _stored_or_new(actor, staged: storage.Staged, name: str, forum, purpose: str | None) -> Document:
    doc = _stored(staged.sha256)
    if doc is None:
        doc = _insert(dict(sha256=staged.sha256, size=staged.size, media_type=staged.kind.media_type, filename=name,
                           uploaded_by_id=actor.id, uploaded_at=utcnow(), forum_id=forum.id if forum else None,
                           purpose=purpose))
        if doc is not None:
            trail.record("document.uploaded", ("document", doc.sha256), actor=actor, forum=forum,
                         payload=_uploaded(doc))
            storage.place_after_commit(staged)
            return doc
        # Another upload of the same bytes committed between our look and our insert: reuse it.
        doc = _stored(staged.sha256)
        assert doc is not None
    if storage.is_stored(doc.sha256):
        storage.release(staged)
    else:  # its file lost between a commit and the move (a crash): ours takes its place
        storage.place_after_commit(staged)
    return doc


def _stored(sha256: str) -> Document | None:
    return db.session.scalar(select(Document).where(Document.sha256 == sha256))


def _insert(values: dict) -> Document | None:
    """The new row, or None when the same bytes were stored meanwhile by a transaction that
    committed first (ON CONFLICT DO NOTHING: the unique hash is never a 500)."""
    new_id = db.session.scalar(upsert_insert(Document).values(**values)
                               .on_conflict_do_nothing(index_elements=["sha256"]).returning(Document.id))
    return db.session.get(Document, new_id) if new_id is not None else None


def _uploaded(doc: Document) -> dict:
    """The trail entry's payload. A private document's file name is left out (a scan named
    after the people on it): its hash, size, type and purpose are enough to prove it."""
    facts = {"sha256": doc.sha256, "size": doc.size, "media_type": doc.media_type}
    return {**facts, "filename": doc.filename} if doc.purpose is None else {**facts, "purpose": doc.purpose}


def _publish(actor, doc: Document, forum) -> None:
    """Bytes stored privately, uploaded again by a feature that publishes them (the uploader
    holds them and publishes them): the document becomes public, on the trail."""
    was, doc.purpose = doc.purpose, None
    trail.record("document.published", ("document", doc.sha256), actor=actor, forum=forum,
                 payload={"sha256": doc.sha256, "purpose_was": was})


def judge(file_storage, field: str) -> Kind:
    """What the form's validator asks: the same refusals as `store`, before any row."""
    staged = storage.stage(file_storage, field)
    clean_name(file_storage.filename, staged.kind, field)
    return staged.kind


def clean_name(raw: str | None, kind: Kind, field: str) -> str:
    """The last path part of the name the browser sent, without control characters, at
    most 255 characters. A name whose extension promises another kind than the content is
    refused; one without a known extension gets the content's."""
    name = unicodedata.normalize("NFC", (raw or "").replace("\\", "/").rsplit("/", 1)[-1])
    name = "".join(c for c in name if unicodedata.category(c)[0] != "C").strip().strip(".")
    stem, ext = os.path.splitext(name)
    named = BY_EXTENSION.get(ext.lower())
    if named is not None and named is not kind:
        raise DomainError(_l("The file's content is %(content)s, not %(named)s.", content=kind.what,
                             named=named.named), field)
    if named is None:
        stem, ext = name, kind.extensions[0]
    stem = stem or "document"
    return stem[:NAME_MAX - len(ext)] + ext
