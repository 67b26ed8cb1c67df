"""Translated names for how an input shaped a commitment, and for kinds of input."""
from flask_babel import lazy_gettext as _l

from .models import How, Level, OpenedGovernment, Potential, SourceType


def how_labels() -> dict:
    return {How.ADOPTED: _l("Adopted in full"), How.ADAPTED: _l("Adapted"), How.MERGED: _l("Merged"),
            How.INFORMED: _l("Informed"), How.NOT_TAKEN_UP: _l("Not taken up")}


def source_labels() -> dict:
    return {SourceType.PROPOSAL: _l("Proposal"), SourceType.COMMENT: _l("Comment"),
            SourceType.COMMITMENT: _l("Commitment"), SourceType.CONSULTATION_COMMENT: _l("Consultation comment"),
            SourceType.MOTION: _l("Session decision")}


def level_labels() -> dict:
    return {Level.NOT_STARTED: _l("Not started"), Level.LIMITED: _l("Limited"),
            Level.SUBSTANTIAL: _l("Substantial"), Level.COMPLETE: _l("Complete"),
            Level.WITHDRAWN: _l("Withdrawn")}


def irm_value_labels() -> dict:
    """The OGP values as the IRM names them (stored with the proposals' value keys)."""
    return {"transparency": _l("Access to information"), "participation": _l("Civic participation"),
            "accountability": _l("Public accountability"), "technology": _l("Technology and innovation")}


def potential_labels() -> dict:
    return {Potential.NO: _l("No potential for results"), Potential.MODEST: _l("Modest"),
            Potential.SUBSTANTIAL: _l("Substantial")}


def opened_labels() -> dict:
    return {OpenedGovernment.DID_NOT_CHANGE: _l("Did not change"), OpenedGovernment.MARGINAL: _l("Marginal"),
            OpenedGovernment.MAJOR: _l("Major"), OpenedGovernment.OUTSTANDING: _l("Outstanding")}


def fate_labels() -> dict:
    """The words after a proposal's status for what became of it (queries.Fate)."""
    return {"shaped": _l("Shaped a commitment"), "not_taken_up": _l("Not taken up in a commitment"),
            "not_yet": _l("Not linked to a commitment yet")}


def commitment_status_labels() -> dict:
    """A commitment is adopted once both co-chairs signed a version; before, a draft."""
    return {"adopted": _l("adopted"), "draft": _l("draft")}
