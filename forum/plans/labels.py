"""Translated names of the plans' values."""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext


def gap_labels() -> dict:
    return {"omitted": _l("Omitted"), "altered": _l("Altered"), "added": _l("Added"), "late": _l("Late"),
            "retroactive": _l("Retroactive")}


def gap_help(late_days: int) -> dict:
    return {"omitted": _l("agreed by the forum, not in the official plan"),
            "altered": _l("adopted with different words"),
            "added": _l("in the official plan without passing the forum"),
            "late": lazy_ngettext("published more than %(num)d day after the agreement",
                              "published more than %(num)d days after the agreement", late_days),
            "retroactive": _l("the plan's official start is before its publication")}


def kind_labels() -> dict:
    return {"rm": _l("Resolución Ministerial"), "ds": _l("Decreto Supremo"), "other": _l("Other instrument")}


def field_labels() -> dict:
    return {"title": _l("Title"), "problem": _l("Problem"), "status_quo": _l("Status quo"),
            "description": _l("Description"), "contribution": _l("Contribution"),
            "ogp_relevance": _l("Relevance to OGP values"), "values": _l("OGP values")}


def state_labels() -> dict:
    return {"on_time": _l("answered on time"), "late": _l("answered late"), "waiting": _l("waiting"),
            "overdue": _l("waiting, past the deadline")}
