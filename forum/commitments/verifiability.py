"""The verifiability check: reads one milestone as drafted and says what would keep anyone
from verifying it later. Peru's first OGP plan left "44 commitments never clearly
established", with "doubts about indicators and the procedure to obtain accurate
information": a milestone must name what will be measured (indicator), from where
(baseline: value, date, source), to where (target and its due date), by whom (the
responsible unit) and how it will be proved (the means of verification), and it must open
with a verb someone can check was done.

Pure: no database, no Flask. The form, the commitment page, the figures and the sign-off
predicate all call `check`/`verdict`, so they cannot disagree. Translated sentences for the
codes live in `labels.verifiability_labels`; the word lists live here, with their tests in
tests/commitments/test_verifiability.py.
"""
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from functools import lru_cache

RULES = 1
"""The version of these rules a milestone was checked against (stored on it). A milestone with
none was drafted before the check existed: it had no fields for an indicator or a baseline, so
it is shown as not checked rather than failed for what nobody could then write."""

# Each family: the verb as the report names it, and the stems (lowercase, without accents)
# its forms begin with: infinitive, conjugations and the noun drafters use instead
# ("fortalecimiento de capacidades"). A stem matches the start of a word.
VAGUE_ES: dict[str, tuple[str, ...]] = {
    "fortalecer": ("fortalec", "fortalez"),
    "promover": ("promov", "promuev", "promoc"),
    "impulsar": ("impuls",),
    "sensibilizar": ("sensibiliz", "sensibilic"),
    "fomentar": ("foment",),
    "articular": ("articula", "articule", "articular"),
    "coordinar": ("coordin",),
    "difundir": ("difund", "difusion"),
    "apoyar": ("apoy",),
    "incentivar": ("incentiv",),
    "facilitar": ("facilit",),
    "propiciar": ("propici",),
    "visibilizar": ("visibiliz", "visibilic"),
    "mejorar": ("mejora", "mejore", "mejoramiento"),
    "contribuir": ("contribu",),
}
VAGUE_EN: dict[str, tuple[str, ...]] = {
    "strengthen": ("strengthen",),
    "promote": ("promot",),
    "foster": ("foster",),
    "raise awareness": ("awareness",),
    "coordinate": ("coordinat",),
    "disseminate": ("disseminat",),
    "support": ("support",),
    "encourage": ("encourag",),
    "enhance": ("enhanc",),
    "improve": ("improv",),
    "facilitate": ("facilitat",),
    "sensitise": ("sensitis", "sensitiz"),
    "contribute": ("contribut",),
}
# "raise awareness" opens with "raise": the verb is vague only with its object.
PHRASES = {("raise", "awareness"), ("raises", "awareness"), ("raising", "awareness"), ("raised", "awareness")}
# Words before the verb: articles, the passive "se", the future "will"/"va a", a "to".
FILLER = {"se", "a", "el", "la", "los", "las", "lo", "un", "una", "que", "va", "van", "ha", "han", "de",
          "to", "will", "shall", "the", "an", "we", "be", "is", "are", "must", "also", "y", "and"}


class Finding(StrEnum):
    VAGUE_VERB = "vague_verb"
    NO_INDICATOR = "no_indicator"
    NO_BASELINE = "no_baseline"
    NO_TARGET = "no_target"
    NO_DATE = "no_date"
    NO_OWNER = "no_owner"
    NO_VERIFICATION = "no_verification"
    OUTSIDE_CYCLE = "outside_cycle"


FIELD = {Finding.VAGUE_VERB: "description", Finding.NO_INDICATOR: "indicator",
         Finding.NO_BASELINE: "baseline_value", Finding.NO_TARGET: "target", Finding.NO_DATE: "end_date",
         Finding.NO_OWNER: "unit", Finding.NO_VERIFICATION: "verification", Finding.OUTSIDE_CYCLE: "end_date"}
"""The form field each finding is shown beside."""


class Verdict(StrEnum):
    VERIFIABLE = "verifiable"
    NOT_VERIFIABLE = "not_verifiable"
    NOT_CHECKED = "not_checked"  # drafted before the check: see RULES


@dataclass(frozen=True)
class Report:
    findings: tuple[Finding, ...]
    verb: str | None = None  # the vague verb found, as its family names it

    @property
    def passes(self) -> bool:
        return not self.findings


@dataclass(frozen=True)
class Tally:
    """The at-a-glance count: milestones verifiable as drafted, of those checked."""

    verifiable: int
    checked: int
    not_checked: int


def _plain(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text.lower()) if not unicodedata.combining(c))


@lru_cache(maxsize=8192)
def vague_verb(description: str) -> str | None:
    """The vague verb the milestone opens with (after articles, "se", "will", "to"), or None.
    Only the opening verb is read: "Publicar el informe de coordinación" names a product.
    Remembered per text: a plan's figures check every milestone in force on each build
    (2,500 at 500 commitments, 0.6 s of normalising), and versions never change."""
    words = [w for w in re.findall(r"[a-z]+", _plain(description or ""))]
    rest = [w for w in words if w not in FILLER][:2]
    if not rest:
        return None
    if tuple(rest) in PHRASES:
        return "raise awareness"
    for families in (VAGUE_EN, VAGUE_ES):  # English first: "coordinate" is not "coordinar"
        for verb, stems in families.items():
            if rest[0].startswith(stems):
                return verb
    return None


def _blank(value) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def cycle_years(cycle: str | None) -> tuple[int, int] | None:
    found = re.fullmatch(r"\s*(\d{4})\s*-\s*(\d{4})\s*", cycle or "")
    return (int(found[1]), int(found[2])) if found else None


def check(m, cycle: str | None = None) -> Report:
    """What keeps milestone `m` (any object with the milestone's attributes) from being
    verified. The responsible organisation is asked by the template already; the owner here
    is the unit inside it that answers for the milestone."""
    findings = []
    verb = vague_verb(getattr(m, "description", "") or "")
    if verb:
        findings.append(Finding.VAGUE_VERB)
    if _blank(getattr(m, "indicator", None)):
        findings.append(Finding.NO_INDICATOR)
    if any(_blank(getattr(m, f, None)) for f in ("baseline_value", "baseline_date", "baseline_source")):
        findings.append(Finding.NO_BASELINE)
    if _blank(getattr(m, "target", None)):
        findings.append(Finding.NO_TARGET)
    end = getattr(m, "end_date", None)
    if not isinstance(end, date):
        findings.append(Finding.NO_DATE)
    if _blank(getattr(m, "unit", None)):
        findings.append(Finding.NO_OWNER)
    if _blank(getattr(m, "verification", None)):
        findings.append(Finding.NO_VERIFICATION)
    years = cycle_years(cycle)
    start = getattr(m, "start_date", None)
    if years and any(isinstance(d, date) and not years[0] <= d.year <= years[1] for d in (start, end)):
        findings.append(Finding.OUTSIDE_CYCLE)
    return Report(tuple(findings), verb)


def verdict(m, cycle: str | None = None) -> Verdict:
    if getattr(m, "check_rules", None) is None:
        return Verdict.NOT_CHECKED
    return Verdict.VERIFIABLE if check(m, cycle).passes else Verdict.NOT_VERIFIABLE


def tally(milestones: Iterable, cycle: str | None = None) -> Tally:
    verdicts = [verdict(m, cycle) for m in milestones]
    return Tally(verdicts.count(Verdict.VERIFIABLE), len(verdicts) - verdicts.count(Verdict.NOT_CHECKED),
                 verdicts.count(Verdict.NOT_CHECKED))


def passes(milestones: Iterable, cycle: str | None = None) -> bool:
    """What sign-off asks: no checked milestone fails. Milestones drafted before the check do
    not block a version nobody could have written otherwise (see RULES)."""
    return all(verdict(m, cycle) != Verdict.NOT_VERIFIABLE for m in milestones)
