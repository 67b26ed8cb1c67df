"""Translated names for how an input shaped a commitment, and for kinds of input."""
from flask_babel import lazy_gettext as _l

from .models import How, Level, SourceType


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
