"""The trail written as the export (the format is trazalog/export.py's): for the download
and for the open-data archive alike."""
import json

from sqlalchemy import select

from trazalog.export import LoadedEntry, from_json, read_lines, to_json  # noqa: F401 (the app's names for them)

from ..extensions import db


def export_lines():
    """The whole export, line by line in seq order, read in batches so a long trail never
    sits in memory."""
    from .checkpoints import cosigned
    from .models import TrailCheckpoint, TrailEntry

    entries = db.session.scalars(select(TrailEntry).order_by(TrailEntry.seq).execution_options(yield_per=1000))
    try:  # a reader who hangs up mid-download closes the generator: close the server-side cursor too
        for e in entries:  # canonical JSON, as hashed: a verifier can cut the hashed bytes out of the line
            yield json.dumps(to_json(e), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    finally:
        entries.close()
    for cp in db.session.scalars(select(TrailCheckpoint).order_by(TrailCheckpoint.size)):
        yield json.dumps({"checkpoint": cosigned(cp)}, ensure_ascii=False) + "\n"
