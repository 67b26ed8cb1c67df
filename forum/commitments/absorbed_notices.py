"""The sentences of the news about claims: the co-chairs hear of a new claim, the claimant
hears the decision (and the reason of a rejection)."""
from flask_babel import gettext as _

KINDS = ("claimed", "claim_decided")


def describe(kind: str, title: str, params: dict) -> str:
    if kind == "claimed":
        return _("An organisation claims that commitment #%(c)s (version %(v)s) took a passage from “%(title)s”.",
                 title=title, c=params.get("commitment"), v=params.get("version"))
    if params.get("confirmed"):
        return _("Your claim that commitment #%(c)s (version %(v)s) took a passage from “%(title)s” was confirmed.",
                 title=title, c=params.get("commitment"), v=params.get("version"))
    return _("Your claim that commitment #%(c)s (version %(v)s) took a passage from “%(title)s” was rejected: "
             "%(reason)s", title=title, c=params.get("commitment"), v=params.get("version"),
             reason=params.get("reason"))
