"""Translated names for a consultation's phases, audiences, answers and template sections."""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _p

from .models import Answer, Audience, Phase, Visibility


def phase_labels() -> dict:
    return {Phase.SCHEDULED: _l("Scheduled"), Phase.OPEN: _l("Open for comments"),
            Phase.CLOSED: _l("Closed: responses being given"), Phase.CONCLUDED: _l("Concluded")}


def audience_labels() -> dict:
    return {Audience.REGISTERED: _l("Everyone with an account"), Audience.MEMBERS: _l("Forum members only")}


def visibility_labels() -> dict:
    return {Visibility.ON_SUBMIT: _l("Comments are public as soon as they are sent"),
            Visibility.AT_CLOSE: _l("Comments are published together when the period ends")}


def answer_labels() -> dict:
    """What became of a comment: in Spanish they qualify «el comentario», so masculine, and
    apart from a proposal's «Accepted» (la propuesta: «Aceptada»)."""
    return {Answer.ACCEPTED: _p("comment", "Accepted"), Answer.PARTIAL: _p("comment", "Partially accepted"),
            Answer.NOT_ACCEPTED: _p("comment", "Not accepted"), Answer.OUT_OF_SCOPE: _p("comment", "Out of scope")}


def section_labels() -> dict:
    return {"title": _l("Title"), "problem": _l("Problem addressed"), "status_quo": _l("Status quo"),
            "description": _l("Commitment description"),
            "contribution": _l("How it will contribute to solving the problem"),
            "ogp_relevance": _l("Relevance to OGP values"), "milestone": _l("Milestone")}


def promise_examples() -> dict:
    """IAP2's promise to the public at each level, offered as the default wording."""
    return {
        "inform": _l("We will keep you informed."),
        "consult": _l("We will keep you informed, listen to and acknowledge your concerns, and tell you "
                      "how your input influenced the decision."),
        "involve": _l("We will work with you so that your concerns are directly reflected in the "
                      "alternatives, and tell you how your input influenced the decision."),
        "collaborate": _l("We will look to you for advice and innovation and include your recommendations "
                          "in the decisions to the greatest extent possible."),
        "empower": _l("We will implement what you decide."),
    }
