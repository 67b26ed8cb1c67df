"""Looking up a row from a submitted id, for views and services alike."""
from ..extensions import db


def get_optional(model, value):
    """The object a submitted id names, or None when it is blank, not a number, or unknown."""
    text = str(value or "")
    return db.session.get(model, int(text)) if text.isdigit() else None
