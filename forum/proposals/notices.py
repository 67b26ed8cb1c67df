"""The sentences that tell people what happened to a proposal they follow, in the
reader's language. The notifications area stores and mails them; the words are this area's."""
from flask_babel import gettext as _

from .labels import outcome_labels

KINDS = ("response", "merged", "comment")


def describe(kind: str, title: str, params: dict) -> str:
    if kind == "response":
        outcome = str(outcome_labels().get(params.get("outcome"), params.get("outcome")))
        if params.get("revision", 1) > 1:
            return _("The response to “%(title)s” was revised: %(outcome)s.", title=title, outcome=outcome)
        return _("“%(title)s” received a response: %(outcome)s.", title=title, outcome=outcome)
    if kind == "merged":
        return _("“%(title)s” was merged into “%(into)s”.", title=title, into=params.get("into_title", ""))
    return _("“%(title)s” received a new comment.", title=title)
