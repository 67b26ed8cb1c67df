"""Looking up a row from a submitted id, for views and services alike."""
from typing import TypeVar

from ..extensions import db

T = TypeVar("T")
MAX_ID = 2**31 - 1  # ids are INTEGER columns: a bigger number names nothing (and PostgreSQL would refuse it)


def get_optional(model, value):
    """The object a submitted id names, or None when it is blank, not a number, too big to
    be an id, or unknown ("²" and "١٢" are digits to str.isdigit, not to int: ASCII only)."""
    text = str(value or "")
    return db.session.get(model, int(text)) if text.isascii() and text.isdigit() and len(text) < 12 \
        and int(text) <= MAX_ID else None


def get_row(model: type[T], ident: int) -> T:
    """A row a foreign key says exists (a version's commitment, a comment's proposal). Its
    absence is a broken database, not a user's mistake, so it raises LookupError."""
    row = db.session.get(model, ident)
    if row is None:
        raise LookupError(f"{model.__name__} {ident} is missing")
    return row
