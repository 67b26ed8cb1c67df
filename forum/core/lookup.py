"""Looking up a row from a submitted id, for views and services alike."""
from typing import TypeVar

from ..extensions import db

T = TypeVar("T")
MAX_ID = 2**31 - 1  # ids are INTEGER columns: a bigger number names nothing (and PostgreSQL would refuse it)


def whole_number(value, low: int = 0, high: int = MAX_ID, digits: int | None = None) -> int | None:
    """The whole number a submitted text spells, when it is one from `low` to `high` written in
    at most `digits` ASCII digits (default: as many as `high` has); otherwise None. The one
    reading of a number typed or forged by someone outside: "²" and "١٢" are digits to
    str.isdigit but int() refuses the one and reads the other, and a 20-digit id overflows
    a database column — each was a 500 somewhere before this rule had one home."""
    text = value if isinstance(value, str) else "" if value is None else str(value)
    if not (text.isascii() and text.isdigit()) or len(text) > (digits or len(str(high))):
        return None
    number = int(text)
    return number if low <= number <= high else None


def get_optional(model, value):
    """The object a submitted id names, or None when it is blank, not a number, too big to
    be an id, or unknown."""
    ident = whole_number(value or "", digits=11)
    return db.session.get(model, ident) if ident is not None else None


def get_row(model: type[T], ident: int) -> T:
    """A row a foreign key says exists (a version's commitment, a comment's proposal). Its
    absence is a broken database, not a user's mistake, so it raises LookupError."""
    row = db.session.get(model, ident)
    if row is None:
        raise LookupError(f"{model.__name__} {ident} is missing")
    return row
