"""Cursor pagination: a page ends with the cursor of its last row, so a client walking the
list never skips or repeats a row when new ones arrive (an OFFSET would)."""
import base64
import binascii

from flask_babel import lazy_gettext as _l
from sqlalchemy import Select

from ..core.lookup import MAX_ID, whole_number
from ..extensions import db
from .errors import ApiError

PREFIX = "after:"


def encode(last: int) -> str:
    return base64.urlsafe_b64encode(f"{PREFIX}{last}".encode()).decode().rstrip("=")


def decode(cursor: str | None, high: int = MAX_ID) -> int | None:
    """The row id (or place, up to `high`) a cursor points after; a cursor this API did not
    give out is refused."""
    if cursor is None:
        return None
    try:
        text = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
    except (binascii.Error, UnicodeDecodeError, ValueError):
        text = ""
    number = whole_number(text.removeprefix(PREFIX), high=high)
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


SPAN = 2**32  # above every row id: a row's place in a sectioned record is section × SPAN + id


def page_sections(record: dict, keys: dict[str, str], args: dict) -> str | None:
    """Page a record made of several lists (`keys`: each list's name and the field that
    identifies its rows) as one stream, the lists one after the other and each in the order
    of its rows' ids: a page holds up to `limit` rows in all, each list keeping its name, so
    a client walking the pages gets every row once however the rows are spread over the
    lists. The record's lists are cut in place; returns the next cursor (None at the end)."""
    after = decode(args.get("cursor"), high=len(keys) * SPAN - 1)
    stream = sorted(((n * SPAN + row[key], name, row) for n, (name, key) in enumerate(keys.items())
                     for row in record[name]), key=lambda s: s[0])
    rest = [s for s in stream if after is None or s[0] > after]
    shown = rest[: args["limit"]]
    for name in keys:
        record[name] = [row for _place, of, row in shown if of == name]
    return encode(shown[-1][0]) if len(rest) > len(shown) else None
