"""The Markdown sanitiser and the vote count, fuzzed (issue 15): whatever text a person
types, the rendered HTML has no script, no event handler, no style and no link that is not
http(s) or mailto; whatever ballots arrive, the count adds up and the outcome follows the
stated rule."""
import re
from collections import Counter
from html.parser import HTMLParser

from hypothesis import given, settings
from hypothesis import strategies as st

from forum.core.markdown import render
from forum.sessions.vote_counting import ABSTAIN, CIVIL, STATE, count

PIECES = st.sampled_from([
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[a](javascript:alert(1))",
    "[b](JaVaScRiPt:alert(1))", "[c](data:text/html;base64,PHNjcmlwdD4=)", "<a href='x' onclick='y'>z</a>",
    "![i](javascript:alert(1))", "<style>*{}</style>", "<iframe src=//evil>", "[d](vbscript:x)",
    "**bold**", "| a | b |\n|---|---|\n| 1 | 2 |", "`code`", "> quote", "\x00", "<svg onload=alert(1)>",
    "[e](http://ok.example)", "<a href=\"&#106;avascript:alert(1)\">f</a>", "\n\n",
])
TEXT = st.lists(st.one_of(PIECES, st.text(max_size=30)), max_size=8).map("".join)


ALLOWED = {"p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "code", "pre", "blockquote",
           "ul", "ol", "li", "a", "table", "thead", "tbody", "tr", "th", "td"}


class Elements(HTMLParser):
    """The tags and attributes a browser would build (escaped text is not markup)."""

    def __init__(self):
        super().__init__()
        self.found: list[tuple[str, list]] = []

    def handle_starttag(self, tag, attrs):
        self.found.append((tag, attrs))


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(TEXT)
def test_rendered_markdown_never_carries_active_content(text):
    parser = Elements()
    parser.feed(str(render(text)))
    for tag, attrs in parser.found:
        assert tag in ALLOWED, tag
        for name, value in attrs:
            assert name in {"href", "title", "align", "rel"}, (tag, name)
            if name == "href":
                assert value.lower().startswith(("http://", "https://", "mailto:")) or \
                    not re.match(r"^\s*[a-z][a-z0-9+.-]*:", value.lower()), value


GROUPS = [STATE, CIVIL, "academia", "private"]
OPTIONS = ["yes", "no", ABSTAIN]


@settings(max_examples=500, deadline=None, derandomize=True, database=None)
@given(st.lists(st.tuples(st.sampled_from(GROUPS), st.sampled_from(OPTIONS)), max_size=40),
       st.sampled_from(["simple", "double"]))
def test_the_count_adds_up_and_follows_the_rule(ballots, rule):
    r = count(OPTIONS, ballots, rule)
    overall = Counter(option for _g, option in ballots)
    assert r["tally"] == {o: overall[o] for o in OPTIONS}
    assert r["ballots"] == len(ballots) and r["cast"] == len(ballots) - overall[ABSTAIN]
    assert sum(sum(c.values()) for c in r["by_group"].values()) == len(ballots)

    def majority(c: Counter):
        votes = {o: n for o, n in c.items() if o != ABSTAIN and n}
        if not votes:
            return None
        best = max(votes.values())
        winners = [o for o, n in votes.items() if n == best]
        return winners[0] if len(winners) == 1 and best * 2 > sum(votes.values()) else None

    if rule == "simple":
        expected = majority(overall)
    else:
        state = majority(Counter(o for g, o in ballots if g == STATE))
        civil = majority(Counter(o for g, o in ballots if g == CIVIL))
        expected = state if state is not None and state == civil else None
    assert r["outcome"] == expected, (ballots, rule, r)
    assert r["carried"] == (expected == "yes")
