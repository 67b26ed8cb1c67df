"""Agreed against adopted, computed: which agreed commitment became which adopted one, what
each lost or gained, and the suggestions for the co-chairs' matching. Pure functions over rows
already loaded, so the page, the figures, the publication and the bench share them."""
import re
from dataclasses import dataclass, field

from ..core.text import fold
from .models import FIELDS, Gap

LATE_DAYS = 30  # published more than this many days after the agreement: late (the page says so)
SUGGEST_AT = 0.3  # below this similarity no match is suggested


def _norm(name: str, text: str) -> str:
    if name == "values":
        return ",".join(sorted(v.strip() for v in (text or "").split(",") if v.strip()))
    return " ".join((text or "").split())


def altered_fields(version, text) -> list[str]:
    """The OGP template's fields whose words differ (spacing aside; values as a set)."""
    return [f for f in FIELDS if _norm(f, getattr(version, f)) != _norm(f, getattr(text, f))]


def _tokens(*texts: str) -> frozenset[str]:
    return frozenset(w for t in texts for w in re.findall(r"\w{3,}", fold(t or "")))


def similarity(a: frozenset, b: frozenset) -> float:
    """Token-set similarity (Jaccard): linear in the words, so 50 × 60 pairs take milliseconds."""
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def suggest(agreed, adopted, taken_agreed=(), taken_adopted=()) -> dict[int, tuple[int, float]]:
    """agreed item id -> (adopted text id, score): greedily the most similar pairs first, one
    to one, leaving out those already matched. `agreed` are (item id, version) pairs, `adopted`
    the texts. Titles count twice: they are what survives a rewording best."""
    a_tok = {i: (_tokens(v.title), _tokens(v.title, v.description, v.problem)) for i, v in agreed
             if i not in taken_agreed}
    b_tok = {t.id: (_tokens(t.title), _tokens(t.title, t.description, t.problem)) for t in adopted
             if t.id not in taken_adopted}
    pairs = sorted(((2 * similarity(at, bt) + similarity(ax, bx)) / 3, i, j)
                   for i, (at, ax) in a_tok.items() for j, (bt, bx) in b_tok.items())
    out: dict[int, tuple[int, float]] = {}
    used: set[int] = set()
    for score, i, j in reversed(pairs):
        if score < SUGGEST_AT:
            break
        if i in out or j in used:
            continue
        out[i] = (j, score)
        used.add(j)
    return out


@dataclass
class Pair:
    """One row of the comparison: an agreed item, its adopted text, or both."""

    item: object = None
    text: object = None
    fields: list[str] = field(default_factory=list)

    @property
    def gap(self) -> str | None:
        if self.item is not None and self.text is None:
            return Gap.OMITTED
        if self.item is None:
            return Gap.ADDED
        return Gap.ALTERED if self.fields else None


def pairs(items, texts, matches) -> list[Pair]:
    """Every agreed item (matched or omitted) then every unmatched adopted text (added).
    `matches`: agreed item id -> adopted text id."""
    by_id = {t.id: t for t in texts}
    out = []
    for item in items:
        text = by_id.get(matches.get(item.id)) if item.id in matches else None
        out.append(Pair(item, text, altered_fields(item.version, text) if text is not None else []))
    matched = set(matches.values())
    out += [Pair(None, t) for t in texts if t.id not in matched]
    return out


def instrument_gaps(agreed_at, instruments) -> list[tuple[str, object, int | None]]:
    """(kind, instrument, days) for each late or retroactive instrument."""
    out: list[tuple[str, object, int | None]] = []
    for i in instruments:
        days = (i.published_on - agreed_at.date()).days
        if days > LATE_DAYS:
            out.append((Gap.LATE, i, days))
        if i.retroactive:
            out.append((Gap.RETROACTIVE, i, (i.published_on - i.starts_on).days))
    return out
