"""A count beside a noun goes through ngettext, so 1 reads «1 día», not «1 días».

A forum may set its notice or its deadline to one day, a trail has one entry at first, and a
file may hold one commitment: every such figure, put into a sentence with `_()` next to a plural
noun, reads wrong at 1 in both languages. Counts that can never be 1 (maximums and minimums
fixed in code) are written in code as constants and stay as they are."""
import re
from functools import cache
from pathlib import Path

from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]

# A placeholder followed by an English plural noun (optionally with an apostrophe: «days' notice»).
COUNTED = re.compile(r"%\((\w+)\)[sd] (?:[a-z-]+ )?([a-z]+s)\b'?")
# Nouns the sweep checks besides those an ngettext of the catalogue counts (plural_nouns reads
# those): a noun met only in one-form messages is never learnt from the catalogue, so it is
# listed here, counted or not since («%(n)d of its %(total)d word sequences» went unseen).
UNCOUNTED_NOUNS = {"hours", "versions", "rows", "responses", "sequences"}
ONE_ARG = re.compile(r"""(?<![\w.])(?:_|_l|gettext|lazy_gettext)\(\s*(["'])((?:(?!\1).)*)\1""", re.S)
# A run of suspicious registrations is two accounts or more by definition, and its window is a
# deployment setting in minutes; limits fixed in code («At most %(n)d links») are never 1.
ALWAYS_PLURAL = ("Runs of %(n)d or more accounts registered within %(minutes)d minutes", "At most ", "At least ")


@cache
def catalogue() -> list:
    with (ROOT / "forum/translations/messages.pot").open("rb") as f:
        return [m for m in read_po(f) if m.id]


@cache
def plural_nouns() -> frozenset[str]:
    """Every noun the catalogue counts with ngettext somewhere («%(num)d ballots»), so a noun
    counted right once is checked everywhere, without adding it here."""
    counted = {noun for m in catalogue() if isinstance(m.id, tuple) for _name, noun in COUNTED.findall(m.id[1])}
    return frozenset(counted | UNCOUNTED_NOUNS)


def counts_a_plural(msgid: str) -> bool:
    return not msgid.startswith(ALWAYS_PLURAL) and any(
        noun in plural_nouns() for _name, noun in COUNTED.findall(msgid))


def faults_in(text: str) -> list[str]:
    """Each one-form message in this source that puts a count before a plural noun."""
    return [msgid[:90] for _q, msgid in ONE_ARG.findall(text) if counts_a_plural(msgid)]


def test_counts_beside_nouns_use_ngettext():
    found = {}
    for path in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("forum/**/*.py")]:
        rel = str(path.relative_to(ROOT))
        if faults := faults_in(path.read_text("utf-8")):
            found[rel] = faults
    assert not found


def test_no_one_form_message_of_the_catalogue_counts_a_plural_noun():
    """The catalogue holds every message, however it is written in the source (split over
    lines, escaped quotes) — one form only where it is not an ngettext."""
    assert [m.id for m in catalogue() if isinstance(m.id, str) and counts_a_plural(m.id)] == []


def test_the_sweep_finds_a_count_written_with_gettext():
    """The check itself, on sentences that once read «1 days» and «1 entries»."""
    assert faults_in("""{{ _("The forum's deadline is %(n)d days.", n=forum.response_deadline_days) }}""")
    assert faults_in("""_l("The notice is shorter than this forum's minimum of %(n)d days. Tick", n=n)""")
    assert faults_in("""{{ _("This forum asks for %(n)d days' notice", n=n) }}""")
    assert not faults_in("""{{ ngettext("%(num)s entry", "%(num)s entries", n) }}""")
    assert not faults_in("""_l("At most %(n)d links.", n=LINKS_MAX)""")
    assert faults_in("""_("%(n)d ballots in")""")  # a noun the catalogue counts with ngettext elsewhere
    assert faults_in("""{{ _("%(shared)d of its %(total)d word sequences", shared=1, total=1) }}""")
