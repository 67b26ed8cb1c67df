"""The bytes of documents, outside the web root: `<instance>/uploads/<aa>/<sha256>`.

Content-addressed, so the same bytes are one file whoever uploads them, and a name can
never escape the folder (it is 64 hex digits, checked). An upload is streamed to a temp
file in `<instance>/uploads/tmp/` while it is hashed and counted, then renamed into place:
a reader never sees half a file, and a body larger than the limit is never held in memory.

A new document's file is moved into place only once its row commits (`place_after_commit`),
and its temp file removed if the transaction rolls back instead (a later rule refused
something else in the same request): a file never outlives a row that was never written.
Moving after the commit rather than before also keeps one transaction's rollback from
removing a file another transaction's committed row names (the same bytes, one path). The
file lands a moment after the row; the download asks for both. A crash in between leaves a
row without its file, which the next upload of those bytes puts back (`uploads.store`).
"""
import hashlib
import logging
import os
import re
import tempfile
from dataclasses import dataclass

from flask import current_app, g, has_request_context
from flask_babel import lazy_gettext as _l
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..core.errors import DomainError
from ..extensions import db
from .sniff import Kind, sniff

SHA256 = re.compile(r"[0-9a-f]{64}")
CHUNK = 64 * 1024
_PENDING = "traza_uploads_pending"  # session.info: the Staged files to move in at commit
log = logging.getLogger(__name__)


def root() -> str:
    return os.path.join(current_app.instance_path, "uploads")


def path_for(sha256: str) -> str | None:
    """Where the bytes with this hash live, or None for anything that is not a hash."""
    if not SHA256.fullmatch(sha256 or ""):
        return None
    return os.path.join(root(), sha256[:2], sha256)


@dataclass
class Staged:
    """An upload read to a temp file and judged: its hash, size and kind."""

    temp_path: str
    sha256: str
    size: int
    kind: Kind


def max_bytes() -> int:
    return int(current_app.config["UPLOAD_MAX_BYTES"])


def too_big_message():
    return _l("The file is larger than %(mb)s MB, the most accepted.", mb=_megabytes(max_bytes()))


def _megabytes(n: int) -> str:
    mb = n / (1024 * 1024)
    return f"{mb:.0f}" if mb >= 1 else f"{mb:.2f}"


def stage(file_storage, field: str) -> Staged:
    """Stream the upload to a temp file, counting and hashing, and sniff it. Refused (with
    the temp file gone) when empty or over UPLOAD_MAX_BYTES. Judged once per upload: the
    form's validator and `store` share the result."""
    cached = getattr(file_storage, "_traza_staged", None)
    if cached is not None and os.path.exists(cached.temp_path):
        return cached
    if not file_storage:  # a FileStorage is false without a file name: nothing was chosen
        raise DomainError(_l("Choose a file to upload."), field)
    limit = max_bytes()
    tmp_dir = os.path.join(root(), "tmp")
    os.makedirs(tmp_dir, exist_ok=True)
    fd, temp_path = tempfile.mkstemp(dir=tmp_dir, prefix="upload-")
    digest, size = hashlib.sha256(), 0
    try:
        with os.fdopen(fd, "w+b") as out:
            stream = file_storage.stream
            while chunk := stream.read(CHUNK):
                size += len(chunk)
                if size > limit:
                    raise DomainError(too_big_message(), field)
                digest.update(chunk)
                out.write(chunk)
            if size == 0:
                raise DomainError(_l("The file is empty."), field)
            kind = sniff(out)
            out.flush()
            os.fsync(out.fileno())
    except BaseException:
        _unlink(temp_path)
        raise
    if kind is None:
        _unlink(temp_path)
        raise DomainError(_l("This kind of file is not accepted. Upload a PDF, an image (PNG, JPEG, GIF, WebP), an "
                             "office document (Word, Excel, PowerPoint, OpenDocument) or a CSV file."), field)
    staged = Staged(temp_path, digest.hexdigest(), size, kind)
    file_storage._traza_staged = staged
    if has_request_context():  # uploads.routes removes what no service took, when the request ends
        g.setdefault("traza_staged", []).append(temp_path)
    return staged


def is_stored(sha256: str) -> bool:
    return os.path.isfile(path_for(sha256) or "")


def place_after_commit(staged: Staged) -> None:
    """Move the temp file to its hash's place once the current transaction commits; remove
    it if the transaction rolls back. Bytes already waiting in this transaction are not
    queued twice."""
    pending = db.session().info.setdefault(_PENDING, {})
    if staged.sha256 in pending:
        if pending[staged.sha256] is not staged:
            discard(staged)
        return
    pending[staged.sha256] = staged


def release(staged: Staged) -> None:
    """The temp file is not needed (the bytes are stored already), unless it waits for a commit."""
    if db.session().info.get(_PENDING, {}).get(staged.sha256) is not staged:
        discard(staged)


@event.listens_for(Session, "after_commit")
def _move_in(session) -> None:
    for staged in session.info.pop(_PENDING, {}).values():
        try:
            put_in_place(staged)
        except OSError:  # the row is committed: the next upload of these bytes puts the file back
            log.exception("could not move the upload %s into place", staged.sha256)


@event.listens_for(Session, "after_soft_rollback")
def _throw_away(session, previous_transaction) -> None:
    """Only the outermost rollback: a savepoint's rollback leaves the transaction, and its
    uploads, alive."""
    if previous_transaction.parent is None:
        for staged in session.info.pop(_PENDING, {}).values():
            discard(staged)


def put_in_place(staged: Staged) -> None:
    """Rename the temp file to its hash's place (atomic on one file system)."""
    final = path_for(staged.sha256)
    assert final is not None
    os.makedirs(os.path.dirname(final), exist_ok=True)
    os.replace(staged.temp_path, final)


def discard(staged: Staged) -> None:
    _unlink(staged.temp_path)


def drop_leftovers(_exc=None) -> None:
    for path in g.pop("traza_staged", []):
        _unlink(path)


def _unlink(path: str) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
