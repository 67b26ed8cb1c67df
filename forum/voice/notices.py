"""The sentences that tell an organisation's person what became of their request for a seat."""
from flask_babel import gettext as _

KINDS = ("seat_granted", "seat_refused")


def describe(kind: str, title: str, params: dict) -> str:
    forum = params.get("forum_title") or title
    if kind == "seat_granted":
        return _("Your request for a seat in “%(forum)s” was granted.", forum=forum)
    return _("Your request for a seat in “%(forum)s” was refused: %(reason)s", forum=forum,
             reason=params.get("reason", ""))
