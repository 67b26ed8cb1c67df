"""Reading a stored document: its bytes as they are, always as a download, and its metadata."""
import os

from flask import Blueprint, abort, jsonify, send_file
from sqlalchemy import select

from ..core.views import actor
from ..extensions import db
from . import policy, storage
from .models import Document

bp = Blueprint("documents", __name__)

YEAR = 365 * 24 * 3600


def _find(sha256: str) -> Document:
    """Only 64 lower-case hex digits name a document: anything else (a path, `..`, upper
    case) is a 404 before the database or the disk is asked."""
    path = storage.path_for(sha256)
    doc = db.session.scalar(select(Document).where(Document.sha256 == sha256)) if path else None
    if doc is None or not policy.may_read(actor(), doc) or not os.path.isfile(path or ""):
        abort(404)
    return doc


@bp.get("/documents/<string:sha256>.json")
def metadata(sha256):
    return jsonify(_find(sha256).metadata_json())


@bp.get("/documents/<string:sha256>")
def download(sha256):
    """The bytes never change under a hash: an immutable, year-long cache and the hash as
    ETag. Always an attachment with nosniff, so an uploaded file is never run as a page."""
    doc = _find(sha256)
    resp = send_file(storage.path_for(sha256), mimetype=doc.media_type, as_attachment=True,
                     download_name=doc.filename, etag=doc.sha256, max_age=YEAR, conditional=True)
    resp.headers["Cache-Control"] = f"public, max-age={YEAR}, immutable"
    resp.headers["X-Content-Type-Options"] = "nosniff"
    return resp
