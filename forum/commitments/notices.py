"""The sentences that tell a proposal's submitter what became of it in the action plan:
which commitment it shaped (or that it was not taken up), and how that commitment is kept."""
from flask_babel import gettext as _

from .labels import how_labels, level_labels

KINDS = ("progress", "shaped")


def describe(kind: str, title: str, params: dict) -> str:
    if kind == "shaped":
        if params.get("how") == "not_taken_up":
            return _("“%(title)s” was considered for commitment #%(c)s (version %(v)s) and not taken up.",
                     title=title, c=params.get("commitment"), v=params.get("version"))
        how = str(how_labels().get(params.get("how"), params.get("how")))
        return _("“%(title)s” shaped commitment #%(c)s (version %(v)s): %(how)s.",
                 title=title, c=params.get("commitment"), v=params.get("version"), how=how)
    level = str(level_labels().get(params.get("level"), params.get("level")))
    return _("A commitment shaped by “%(title)s” reports progress on milestone %(n)s: %(level)s.",
             title=title, n=params.get("milestone"), level=level)
