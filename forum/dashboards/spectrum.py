"""Climbing the IAP2 spectrum by a written rule: co-creation (figures.iap2) and implementation
(implementation.level) each test every level with the figures it used, and each level needs
the ones below it. The climb is written here once."""
from collections.abc import Sequence
from dataclasses import dataclass

from ..forums.models import Influence


@dataclass(frozen=True)
class Step:
    """One rung of the IAP2 spectrum: whether the records reach it, and the figures used.
    `criterion` is the rung's own test alone: a page that showed only `met` would put ✘ beside
    figures that pass, with no word that the rung below is what failed."""

    level: str
    met: bool
    figures: dict
    criterion: bool


def climb(tests: Sequence[tuple[str, bool, dict]]) -> tuple[str, str, list[Step]]:
    """(the level reached, the first level whose test failed — the one that decided it —, every
    step). `tests`: (level, its own test, the figures it used), lowest first."""
    reached: str = Influence.INFORM
    decided_by: str = Influence.EMPOWER
    chain, steps = True, []
    for level, met, used in tests:
        if chain and not met:
            decided_by = level
        chain = chain and met
        steps.append(Step(level, chain, used, met))
        if chain:
            reached = level
    return reached, decided_by, steps
