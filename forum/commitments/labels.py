"""Translated names for how an input shaped a commitment, and for kinds of input."""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _p

from .models import How, Level, OpenedGovernment, Potential, SourceType


def how_labels() -> dict:
    """Kinds of influence. Each label stands alone after a colon or in a badge, beside inputs of
    either gender (a proposal, a comment), so in Spanish they are nouns that agree with nothing
    («Fusión», not «Fusionada»); the context keeps them apart from a proposal's outcome «Merged»."""
    return {How.ADOPTED: _p("influence", "Adopted in full"), How.ADAPTED: _p("influence", "Adapted"),
            How.MERGED: _p("influence", "Merged"), How.INFORMED: _p("influence", "Informed"),
            How.NOT_TAKEN_UP: _p("influence", "Not taken up")}


def source_labels() -> dict:
    return {SourceType.PROPOSAL: _l("Proposal"), SourceType.COMMENT: _l("Comment"),
            SourceType.COMMITMENT: _l("Commitment"), SourceType.CONSULTATION_COMMENT: _l("Consultation comment"),
            SourceType.MOTION: _l("Session decision")}


def level_labels() -> dict:
    """How far a milestone (or a commitment) has come: in Spanish they qualify «el avance», so
    masculine, and apart from a proposal's «Withdrawn» (la propuesta: «Retirada»)."""
    return {Level.NOT_STARTED: _p("progress", "Not started"), Level.LIMITED: _p("progress", "Limited"),
            Level.SUBSTANTIAL: _p("progress", "Substantial"), Level.COMPLETE: _p("progress", "Complete"),
            Level.WITHDRAWN: _p("progress", "Withdrawn")}


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
    """A commitment is adopted once both co-chairs signed a version; before, a draft. In Spanish
    «adoptado» qualifies «el compromiso», apart from a version's «adopted» (la versión: «adoptada»)."""
    return {"adopted": _p("commitment", "adopted"), "draft": _l("draft")}
