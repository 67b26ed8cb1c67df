"""A page in Spanish holds no English of ours, and a page in English no Spanish of ours
(issue 16): every page of the demo a visitor and a co-chair reach is read in both
languages, and its visible text is searched for the other catalogue's sentences.

People's own words (titles, reasons, the demo's Spanish content) are theirs and stay as
written; what is checked is the interface: any msgid whose Spanish differs, cut at its
placeholders into fragments of two words or more (four for Spanish in English pages, as
the demo's own Spanish content shares shorter phrases with the catalogue)."""
import html as htmlmod
import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from tests.helpers.crawl import crawl
from tests.worlds import demo

ROOT = Path(__file__).resolve().parents[2]
LIMIT = 80


@pytest.fixture
def seed():
    return demo


@pytest.fixture
def database_kind():
    """The words on a page do not depend on the database: SQLite alone keeps the suite fast."""
    return "sqlite"


def fragments(text: str, words: int = 3) -> list[str]:
    """The placeholder-free runs of a message with `words` words or more."""
    parts = (p.strip(" .,:;—–-()“”«»¿?¡!") for p in re.split(r"%\(\w+\)[sd]|%[sd]|\{[^}]*\}|\n", text))
    return [p for p in parts if len(re.findall(r"\w+", p)) >= words]


@pytest.fixture(scope="module")
def catalogue():
    """(English fragments, Spanish fragments) of every message whose two languages differ."""
    with open(ROOT / "forum/translations/es/LC_MESSAGES/messages.po", "rb") as fh:
        es = read_po(fh, locale="es")
    english, spanish = set(), set()
    for m in es:
        if not m.id or not m.string:
            continue
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        strs = m.string if isinstance(m.string, tuple) else (m.string,)
        if set(strs) <= set(ids):  # the same in both ("Decreto Supremo", a name): neither language's own
            continue
        en_f = {f for i in ids for f in fragments(i, 2)}
        es_f = {f for s in strs for f in fragments(s, 4)}
        english |= en_f - es_f
        spanish |= es_f - en_f
    return english, spanish


def visible_text(page: str) -> str:
    page = re.sub(r"(?is)<(script|style|textarea|template)\b.*?</\1>", " ", page)
    page = re.sub(r"(?s)<[^>]+>", " ", page)
    return " ".join(htmlmod.unescape(page).split())


def pages_in(client, start, lang) -> dict:
    client.raw.environ_base["HTTP_ACCEPT_LANGUAGE"] = lang
    pages = {}

    def visit(path):
        resp = client.get(path)
        if resp.status_code != 200 or not resp.content_type.startswith("text/html"):
            return None
        body = resp.get_data(as_text=True)
        pages[path] = visible_text(body)
        return [htmlmod.unescape(x) for x in re.findall(r'<a[^>]*\shref="(/[^"#]*)', body)]
    crawl(visit, start, LIMIT)
    return pages


def foreign(pages: dict, other: set) -> list[str]:
    return [f"{path}: “{frag}”" for path, text in pages.items() for frag in sorted(other) if frag in text]


@pytest.mark.parametrize("who", ["visitor", "co-chair"])
def test_no_sentence_of_the_other_language(seeded, new_client, catalogue, who):
    english, spanish = catalogue
    for lang, other in (("es", english), ("en", spanish)):
        client = new_client()
        start = ["/"]
        if who == "co-chair":
            client.login("lucia.mendoza@redamazonica.demo", "traza-demo-2019")
            start = ["/inbox", "/account/", "/inbox/email", "/forums/1", "/sessions/1", "/commitments/1", "/"]
        pages = pages_in(client, start, lang)
        assert len(pages) >= 25, f"the crawl reached only {len(pages)} pages"
        found = foreign(pages, other)
        assert found == [], f"{lang} pages with the other language:\n" + "\n".join(found[:40])
