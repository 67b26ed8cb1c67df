"""Translated names for organisation kinds and the stakeholder groups they make up."""
from flask_babel import lazy_gettext as _l

from .models import OrgKind


def kind_labels() -> dict:
    return {
        OrgKind.GOVERNMENT: _l("Government entity"),
        OrgKind.CIVIL_SOCIETY: _l("Civil-society organisation"),
        OrgKind.ACADEMIA: _l("Academia"),
        OrgKind.PRIVATE: _l("Private sector"),
    }


def group_labels() -> dict:
    """In a forum, an organisation's kind is its member's stakeholder group."""
    return {
        OrgKind.GOVERNMENT: _l("State"),
        OrgKind.CIVIL_SOCIETY: _l("Civil society"),
        OrgKind.ACADEMIA: _l("Academia"),
        OrgKind.PRIVATE: _l("Private sector"),
    }


def participant_labels() -> dict:
    """Stakeholder groups, plus people taking part for themselves and the forum's own
    decisions (as inputs to a commitment)."""
    return {**group_labels(), "individual": _l("Individuals"), "forum": _l("Forum decisions")}
