"""Cursor pagination: a page ends with the cursor of its last row, so a client walking the
list never skips or repeats a row when new ones arrive (an OFFSET would)."""
import base64
import binascii

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select

from ..core.lookup import whole_number
from ..extensions import db
from .errors import ApiError

PREFIX = "after:"


def encode(last: int) -> str:
    return base64.urlsafe_b64encode(f"{PREFIX}{last}".encode()).decode().rstrip("=")


def decode(cursor: str | None) -> int | None:
    """The row id a cursor points after; a cursor this API did not give out is refused."""
    if cursor is None:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    number = whole_number(text.removeprefix(PREFIX))
    if not text.startswith(PREFIX) or number is None:
        raise ApiError(400, "bad_cursor", _l("This cursor was not given out by this API. Start again without it, "
                                             "then follow each page's next_cursor."), field="cursor")
    return number


def page(query: Select, key, args: dict) -> tuple[list, str | None]:
    """Rows of `query` after the cursor, in `key` order, and the next cursor (None at the end).
    One statement, whatever the page size."""
    after = decode(args.get("cursor"))
    if after is not None:
        query = query.where(key > after)
    rows = list(db.session.scalars(query.order_by(None).order_by(key).limit(args["limit"] + 1)))
    more = len(rows) > args["limit"]
    rows = rows[: args["limit"]]
    return rows, encode(_key_of(rows[-1], key)) if more and rows else None


def _key_of(row, key) -> int:
    return getattr(row, key.key)
