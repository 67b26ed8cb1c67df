"""Storing a document: judged from its bytes, written once under its hash, on the trail."""
import os
import unicodedata

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...extensions import db
from .. import policy, storage
from ..models import Document
from ..sniff import BY_EXTENSION, Kind

NAME_MAX = 255


def store(actor, file_storage, forum=None, *, field: str = "file") -> Document:
    """The Document for the uploaded bytes: the existing one if these bytes were stored
    before (no second file, no second trail entry), else a new row, its file and the trail
    entry `document.uploaded`, in the caller's transaction. Refused, with nothing written,
    when the file is empty, over UPLOAD_MAX_BYTES, of a kind not accepted, or named as
    another kind than its content (`acta.pdf` that is a PNG). `field` names the form field
    a refusal belongs next to."""
    policy.may_upload(actor).require()
    staged = storage.stage(file_storage, field)
    try:
        name = clean_name(file_storage.filename, staged.kind, field)
        existing = db.session.scalar(select(Document).where(Document.sha256 == staged.sha256))
        if existing is not None:
            return existing
        storage.put_in_place(staged)
        doc = Document(sha256=staged.sha256, size=staged.size, media_type=staged.kind.media_type, filename=name,
                       uploaded_by_id=actor.id, uploaded_at=utcnow(), forum_id=forum.id if forum else None)
        db.session.add(doc)
        trail.record("document.uploaded", ("document", doc.sha256), actor=actor, forum=forum, payload={
            "sha256": doc.sha256, "size": doc.size, "media_type": doc.media_type, "filename": doc.filename})
        return doc
    finally:
        storage.discard(staged)


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
