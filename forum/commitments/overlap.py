"""Shared word sequences between two texts, after normalising accents, case and Spanish and
English stop words: the text part of the detector of contributions absorbed without credit
(absorbed.py holds the forum's side). Pure Python, no database.

Why plain shingling in the standard library rather than MinHash (datasketch) or fuzzy
matching (rapidfuzz): the question is not "are these two texts alike" but "which passage of
this version repeats which input", and the co-chairs must be shown that passage. Exact word
shingles give it directly (the run of shared shingles is the passage) and give the same
answer on every run; MinHash only estimates the share (its error at 128 permutations is about
±0.09, enough to flip an input near the threshold) and names no passage, and a fuzzy ratio
over whole texts reports paraphrase and misses a paragraph copied into a long version. The
figures (bench/absorbed.py, one version against 10,000 inputs of 120 words, CPU time on one
core): 380 ms for the text part, 640 ms for the whole check with reading the 10,000 rows
from SQLite — within the 2 s target with the standard library alone, so no dependency.
"""
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

#: Words in a shingle: four content words in a row (stop words left out) rarely repeat by
#: chance in civic Spanish, and a paraphrase changes at least one in every four.
SHINGLE = 4
#: An input is reported when at least this share of its shingles is in the version...
THRESHOLD = 0.5
#: ...and at least this many: a very short input is not evidence of copying.
MIN_SHARED = 3
#: A long input is reported below the share when this many of its shingles are repeated: a
#: sentence of eight content words copied in order out of a long proposal is still a copy.
MIN_LONG = 5

# Function words of both languages, without accents (they are compared after normalising).
STOP_WORDS = frozenset("""
a al algo algun alguna algunas alguno algunos ante antes asi aun aunque bajo bien cada casi como con
contra cual cuales cuando de del desde donde dos el ella ellas ello ellos en entre era eran es esa esas
ese eso esos esta estan estas este esto estos fue fueron ha han hasta hay la las le les lo los mas me mi
mientras muy ni no nos o otra otras otro otros para pero poco por porque que quien quienes se segun ser
si sin sino sobre solo son su sus tal tambien tan tanto te tiene tienen todo todos tras tu tus un una
unas uno unos y ya
about after all also an and any are as at be been before being both but by can could did do does each
for from had has have he her his how i if in into is it its may more most must no not of on one only or
other our out over shall she should so some such than that the their them then there these they this
those through to too under up upon was we were what when where which while who will with would you your
""".split())

_WORD = re.compile(r"[a-z0-9]+")


def fold(text: str) -> str:
    """Lower case without accents: "Público" and "publico" are the same word (ñ becomes n).
    Decomposed, then whatever is not ASCII dropped: the accents go, the letters stay (letters
    of other scripts go too: the forums write Spanish and English). Done in C: a per-character
    loop in Python made 10,000 inputs take 4 s to fold alone."""
    if text.isascii():
        return text.lower()
    return unicodedata.normalize("NFKD", text.casefold()).encode("ascii", "ignore").decode("ascii")


def tokens(text: str) -> list[str]:
    """The content words of a text, in order."""
    return [w for w in _WORD.findall(fold(text)) if w not in STOP_WORDS]


def words(text: str) -> list[tuple[str, int, int]]:
    """The content words of a text with where each stands in the original: (word, start, end).
    Folded one character at a time, because folding may change the length ("ﬁ" is "fi")."""
    folded: list[str] = []
    where: list[int] = []
    for i, ch in enumerate(text):
        f = fold(ch)
        folded.append(f)
        where.extend([i] * len(f))
    flat = "".join(folded)
    return [(m.group(), where[m.start()], where[m.end() - 1] + 1) for m in _WORD.finditer(flat)
            if m.group() not in STOP_WORDS]


def shingles(text: str) -> set[str]:
    found = tokens(text)
    return {" ".join(found[i:i + SHINGLE]) for i in range(len(found) - SHINGLE + 1)}


@dataclass(frozen=True)
class Overlap:
    key: object  # whatever the caller named the input by
    shared: int  # word sequences (shingles) of the input found in the version, by position
    total: int  # word sequences of the input, by position
    passage: str  # the longest run of the version's own words that repeats the input

    @property
    def share(self) -> float:
        return self.shared / self.total if self.total else 0.0


class Index:
    """Earlier inputs as their content words, tokenised once and scanned for each version:
    only where a word starts one of the version's shingles is a shingle made and looked up,
    and an input that has none of those words is skipped by one set operation in C. (An
    inverted index of every input's shingles was tried first: building it for 10,000 inputs
    of 120 words took 12 s, six times the budget of the whole check.)"""

    def __init__(self) -> None:
        self.words: dict[object, list[str]] = {}

    def add(self, key, text: str) -> None:
        found = tokens(text)
        if len(found) >= SHINGLE:
            self.words[key] = found

    def extend(self, items: Iterable[tuple[object, str]]) -> "Index":
        for key, text in items:
            self.add(key, text)
        return self

    @property
    def sizes(self) -> dict[object, int]:
        """key -> its word sequences (shingles), counted by position."""
        return {key: len(found) - SHINGLE + 1 for key, found in self.words.items()}

    def overlaps(self, version_text: str, *, allowed=None, threshold: float = THRESHOLD,
                 min_shared: int = MIN_SHARED, min_long: int = MIN_LONG) -> list[Overlap]:
        """Inputs with at least `min_shared` word sequences in the version and either
        `threshold` of theirs or `min_long` of them, most shared first. `allowed(key)` leaves
        out inputs (later ones, linked ones) without tokenising again."""
        placed = words(version_text)
        seq = [" ".join(w for w, _s, _e in placed[i:i + SHINGLE]) for i in range(len(placed) - SHINGLE + 1)]
        ours = set(seq)
        starts = {s.split(" ", 1)[0] for s in ours}
        found = []
        for key, toks in self.words.items():
            if starts.isdisjoint(toks) or (allowed is not None and not allowed(key)):
                continue
            mine: set[str] = set()
            shared = 0
            for i in range(len(toks) - SHINGLE + 1):
                if toks[i] in starts:
                    s = " ".join(toks[i:i + SHINGLE])
                    if s in ours:
                        shared += 1
                        mine.add(s)
            total = len(toks) - SHINGLE + 1
            if shared < min_shared or (shared < threshold * total and shared < min_long):
                continue
            found.append(Overlap(key, shared, total, _passage(version_text, placed, seq, mine)))
        found.sort(key=lambda o: (-o.shared, -o.share, str(o.key)))
        return found


def _passage(text, placed, seq, mine) -> str:
    """The version's words from the first to the last of the longest run of consecutive
    shingles this input shares: verbatim, so it can be quoted, and claimed."""
    best = (0, -1, -1)
    start = None
    for i, s in enumerate([*seq, None]):
        hit = s is not None and s in mine
        if hit and start is None:
            start = i
        elif not hit and start is not None:
            if i - start > best[0]:
                best = (i - start, start, i - 1)
            start = None
    _n, first, last = best
    if first < 0:
        return ""
    return text[placed[first][1]:placed[last + SHINGLE - 1][2]]
