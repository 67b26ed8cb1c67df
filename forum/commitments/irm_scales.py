"""The IRM's scales, by version. The IRM changed its questions in 2021: the Action Plan
Review asks verifiable, open-government lens, potential for results (unclear / modest /
substantial) and promising; the Results Report asks completion (with "no evidence
available") and whether it opened government (with "worsened"). Each assessment stores
the scale it was given on, so one recorded on scale 1 keeps its meaning and its words."""
from flask_babel import lazy_gettext as _l

from .labels import level_labels, opened_labels, potential_labels
from .models import Level, OpenedGovernment, Potential

FIRST, CURRENT = 1, 2
NO_EVIDENCE = "no_evidence"

POTENTIAL = {FIRST: (Potential.NO, Potential.MODEST, Potential.SUBSTANTIAL),
             CURRENT: (Potential.UNCLEAR, Potential.MODEST, Potential.SUBSTANTIAL)}
COMPLETION = {FIRST: (Level.NOT_STARTED, Level.LIMITED, Level.SUBSTANTIAL, Level.COMPLETE),
              CURRENT: (NO_EVIDENCE, Level.NOT_STARTED, Level.LIMITED, Level.SUBSTANTIAL, Level.COMPLETE)}
OPENED = {FIRST: (OpenedGovernment.DID_NOT_CHANGE, OpenedGovernment.MARGINAL, OpenedGovernment.MAJOR,
                  OpenedGovernment.OUTSTANDING),
          CURRENT: (OpenedGovernment.WORSENED, OpenedGovernment.DID_NOT_CHANGE, OpenedGovernment.MARGINAL,
                    OpenedGovernment.MAJOR, OpenedGovernment.OUTSTANDING)}


def potential_words(scale: int) -> dict:
    words = {**potential_labels(), Potential.UNCLEAR: _l("Unclear")}
    return {k: words[k] for k in POTENTIAL[scale]}


def completion_words(scale: int) -> dict:
    words = {**level_labels(), NO_EVIDENCE: _l("No evidence available")}
    return {k: words[k] for k in COMPLETION[scale]}


def opened_words(scale: int) -> dict:
    words = {**opened_labels(), OpenedGovernment.WORSENED: _l("Worsened")}
    return {k: words[k] for k in OPENED[scale]}


def words(scale: int) -> dict:
    """What a template needs to show an assessment given on `scale`."""
    known = scale if scale in POTENTIAL else CURRENT
    return {"potential": potential_words(known), "completion": completion_words(known),
            "opened": opened_words(known)}
