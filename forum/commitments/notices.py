"""The sentence that tells a proposal's submitter how the commitment it shaped is kept."""
from flask_babel import gettext as _

from .labels import level_labels

KINDS = ("progress",)


def describe(kind: str, title: str, params: dict) -> str:
    level = str(level_labels().get(params.get("level"), params.get("level")))
    return _("A commitment shaped by “%(title)s” reports progress on milestone %(n)s: %(level)s.",
             title=title, n=params.get("milestone"), level=level)
