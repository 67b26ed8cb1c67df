"""The sentences that tell participants what became of their consultation comments."""
from flask_babel import gettext as _

from .labels import answer_labels

KINDS = ("consultation_answer", "consultation_report")


def describe(kind: str, title: str, params: dict) -> str:
    if kind == "consultation_answer":
        outcome = str(answer_labels().get(params.get("outcome"), params.get("outcome")))
        return _("Your comment on the consultation “%(title)s” was answered: %(outcome)s.",
                 title=title, outcome=outcome)
    return _("The consultation “%(title)s” is concluded: its report shows how every comment was answered.",
             title=title)
