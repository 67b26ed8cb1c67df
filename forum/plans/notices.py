"""The sentence that tells whoever shaped a commitment what the official plan did with it."""
from flask_babel import gettext as _

KINDS = ("plan_omitted", "plan_altered")


def describe(kind: str, title: str, params: dict) -> str:
    if kind == "plan_omitted":
        return _("The commitment your proposal “%(title)s” shaped (#%(c)s) was left out of the official plan.",
                 title=title, c=params.get("commitment"))
    return _("The commitment your proposal “%(title)s” shaped (#%(c)s) was changed in the official plan.",
             title=title, c=params.get("commitment"))
