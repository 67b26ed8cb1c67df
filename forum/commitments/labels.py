"""Translated names for how an input shaped a commitment, and for kinds of input."""
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_pgettext as _p

from .models import How, Level, OpenedGovernment, Potential, SourceType
from .verifiability import FIELD as FIELD_OF
from .verifiability import Finding, Report, Verdict


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


def finding_labels() -> dict:
    """What the verifiability check tells the drafter, beside the field it is about."""
    return {
        Finding.VAGUE_VERB: _l("Opens with a vague verb: say what will exist or be done, which someone can "
                               "check (publish, approve, deliver, train 200 officials…)."),
        Finding.NO_INDICATOR: _l("No indicator: what will be measured?"),
        Finding.NO_BASELINE: _l("No complete baseline: give its value, its date and its source."),
        Finding.NO_TARGET: _l("No target: what value is to be reached?"),
        Finding.NO_DATE: _l("No due date for the target."),
        Finding.NO_OWNER: _l("No responsible unit: who, inside the organisation, answers for it?"),
        Finding.NO_VERIFICATION: _l("No means of verification: what document or data will prove it?"),
        Finding.OUTSIDE_CYCLE: _l("Its dates fall outside the action plan's cycle."),
    }


def explain(report: Report) -> dict[str, list[str]]:
    """Form field name -> the sentences to show beside it."""
    labels = finding_labels()
    out: dict[str, list[str]] = {}
    for f in report.findings:
        text = str(labels[f])
        if f == Finding.VAGUE_VERB:
            text = f"«{report.verb}»: {text}"
        out.setdefault(FIELD_OF[f], []).append(text)
    return out


def verdict_labels() -> dict:
    return {Verdict.VERIFIABLE: _l("verifiable"), Verdict.NOT_VERIFIABLE: _l("not verifiable as drafted"),
            Verdict.NOT_CHECKED: _l("not checked: drafted before the check")}
