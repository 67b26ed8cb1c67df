"""Reading a stored document: its bytes as they are, always as a download, and its metadata."""
from flask import Blueprint, abort, jsonify, send_file
from sqlalchemy import select

from .. import pageasks
from ..core.views import actor
from ..extensions import db
from . import policy, queries, storage
from .models import Document

bp = Blueprint("documents", __name__)

YEAR = 365 * 24 * 3600


@bp.app_context_processor
def _cards():
    """`document_card(sha256)` for templates/uploads/_document.html, where a page lists a document."""
    return {"document_card": lambda sha256: pageasks.ask(queries.card, sha256)}  # a recorded question


def _find(sha256: str) -> Document:
    """Only 64 lower-case hex digits name a document: anything else (a path, `..`, upper
    case) is a 404 before the database or the disk is asked."""
    path = storage.path_for(sha256)
    doc = db.session.scalar(select(Document).where(Document.sha256 == sha256)) if path else None
    if doc is None:
        abort(404)
    return doc


@bp.get("/documents/<string:sha256>.json")
def metadata(sha256):
    """Public for every document, private ones too: their hash, size and type prove the record."""
    return jsonify(_find(sha256).metadata_json())


@bp.get("/documents/<string:sha256>")
def download(sha256):
    """A public document's bytes never change under a hash: an immutable, year-long cache
    and the hash as ETag. A private one is refused with its rule's reason (403), and served
    to those it admits with `private, no-store`, so no shared proxy or browser keeps it.
    Always an attachment with nosniff, so an uploaded file is never run as a page."""
    doc = _find(sha256)
    policy.may_read(actor(), doc).require()
    if not storage.is_stored(sha256):
        abort(404)
    public = doc.purpose is None
    resp = send_file(storage.path_for(sha256), mimetype=doc.media_type, as_attachment=True,
                     download_name=doc.filename, etag=doc.sha256, max_age=YEAR if public else None, conditional=True)
    resp.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable" if public else "private, no-store"
    resp.headers["X-Content-Type-Options"] = "nosniff"
    return resp


download.page_cache_skip = True  # type: ignore[attr-defined]  # forum/pagecache.py never remembers bytes
