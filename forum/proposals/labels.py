"""Translated names for proposal statuses, outcomes and OGP values."""
from flask_babel import lazy_gettext as _l

from .models import OgpValue, Outcome, Status


def value_labels() -> dict:
    return {
        OgpValue.TRANSPARENCY: _l("Transparency"),
        OgpValue.PARTICIPATION: _l("Civic participation"),
        OgpValue.ACCOUNTABILITY: _l("Public accountability"),
        OgpValue.TECHNOLOGY: _l("Technology and innovation"),
    }


def outcome_labels() -> dict:
    return {
        Outcome.ACCEPTED: _l("Accepted"),
        Outcome.PARTIAL: _l("Partially accepted"),
        Outcome.MERGED: _l("Merged"),
        Outcome.NEEDS_INFO: _l("Needs more information"),
        Outcome.REJECTED: _l("Rejected"),
    }


def status_labels() -> dict:
    return {Status.AWAITING: _l("Awaiting a response"), Status.WITHDRAWN: _l("Withdrawn"),
            **outcome_labels()}


def group_kind(group: str) -> str:
    """State input or civil-society input, as the proposal page says."""
    return {"government": _l("State input"), "civil_society": _l("Civil-society input"),
            "academia": _l("Academic input"), "private": _l("Private-sector input")}.get(group, group)
