"""A count beside a noun goes through ngettext, so 1 reads «1 día», not «1 días».

A forum may set its notice or its deadline to one day, a trail has one entry at first, and a
file may hold one commitment: every such figure, put into a sentence with `_()` next to a plural
noun, reads wrong at 1 in both languages. Counts that can never be 1 (maximums and minimums
fixed in code) are written in code as constants and stay as they are."""
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# A placeholder followed by an English plural noun (optionally with an apostrophe: «days' notice»).
COUNTED = re.compile(r"%\((\w+)\)[sd] (?:[a-z-]+ )?([a-z]+s)\b'?")
PLURAL_NOUNS = {"days", "proposals", "comments", "entries", "members", "votes", "commitments", "inputs", "sessions",
                "accounts", "hours", "minutes", "seconds", "organisations", "links", "versions", "items",
                "milestones", "rows", "paragraphs", "endorsements", "responses", "things"}
ONE_ARG = re.compile(r"""(?<![\w.])(?:_|_l|gettext|lazy_gettext)\(\s*(["'])((?:(?!\1).)*)\1""", re.S)
# A run of suspicious registrations is two accounts or more by definition, and its window is a
# deployment setting in minutes; limits fixed in code («At most %(n)d links») are never 1.
ALWAYS_PLURAL = ("Runs of %(n)d or more accounts registered within %(minutes)d minutes", "At most ", "At least ")


def faults_in(text: str) -> list[str]:
    """Each one-form message in this source that puts a count before a plural noun."""
    found = []
    for _q, msgid in ONE_ARG.findall(text):
        if msgid.startswith(ALWAYS_PLURAL):
            continue
        if any(noun in PLURAL_NOUNS for _name, noun in COUNTED.findall(msgid)):
            found.append(msgid[:90])
    return found


def test_counts_beside_nouns_use_ngettext():
    found = {}
    for path in [*ROOT.glob("templates/**/*.html"), *ROOT.glob("forum/**/*.py")]:
        rel = str(path.relative_to(ROOT))
        if faults := faults_in(path.read_text("utf-8")):
            found[rel] = faults
    assert not found


def test_the_sweep_finds_a_count_written_with_gettext():
    """The check itself, on sentences that once read «1 days» and «1 entries»."""
    assert faults_in("""{{ _("The forum's deadline is %(n)d days.", n=forum.response_deadline_days) }}""")
    assert faults_in("""_l("The notice is shorter than this forum's minimum of %(n)d days. Tick", n=n)""")
    assert faults_in("""{{ _("This forum asks for %(n)d days' notice", n=n) }}""")
    assert not faults_in("""{{ ngettext("%(num)s entry", "%(num)s entries", n) }}""")
    assert not faults_in("""_l("At most %(n)d links.", n=LINKS_MAX)""")
