"""Spanish and English: complete catalogues, and the language a person gets."""
import re
from pathlib import Path

import pytest
from babel.messages.frontend import CommandLineInterface
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
TRANSLATIONS = ROOT / "forum" / "translations"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory):
    """What the code and templates ask to translate today."""
    pot = tmp_path_factory.mktemp("pot") / "messages.pot"
    CommandLineInterface().run(["pybabel", "-q", "extract", "-F", str(ROOT / "babel.cfg"), "-k", "_l",
                                "-k", "lazy_gettext", "-k", "_p:1c,2", "-o", str(pot), str(ROOT)])
    with open(pot, "rb") as fh:
        return {_key(m): m for m in read_po(fh) if m.id}


def _key(m):
    """A message is its msgid and its context: «Merged» of an influence is not «Merged» of a proposal."""
    return m.context or "", m.id if isinstance(m.id, str) else m.id[0]


@pytest.mark.parametrize("lang", ["es", "en"])
def test_catalogue_is_complete_and_compiled(extracted, lang):
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.po", "rb") as fh:
        po = {_key(m): m for m in read_po(fh) if m.id}
    missing = sorted(set(extracted) - set(po))
    assert not missing, f"run the translation update in the README; untranslated: {missing[:10]}"
    for key, m in po.items():
        strings = m.string if isinstance(m.string, tuple) else (m.string,)
        assert all(strings) and not m.fuzzy, f"{lang}: empty or fuzzy translation for {key!r}"
        ids = m.id if isinstance(m.id, tuple) else (m.id,)
        want = set(re.findall(r"%\(\w+\)[sd]", ids[0]))
        for s in strings:
            assert set(re.findall(r"%\(\w+\)[sd]", s)) == want, f"{lang}: placeholders differ in {key!r}"
        if lang == "en":
            assert m.string == m.id, f"en: the English catalogue must repeat the source text for {key!r}"
    with open(TRANSLATIONS / lang / "LC_MESSAGES" / "messages.mo", "rb") as fh:
        mo = {_key(m): tuple(m.string) if isinstance(m.string, list) else m.string for m in read_mo(fh) if m.id}
    assert {k: po[k].string for k in po} == mo, "messages.mo is stale: run pybabel compile"


def _main(html):
    return html[html.find("<main"):]


def test_spanish_is_the_default(app, client):
    from forum.config import Config
    assert Config.BABEL_DEFAULT_LOCALE == "es"
    app.config["BABEL_DEFAULT_LOCALE"] = Config.BABEL_DEFAULT_LOCALE
    client.raw.environ_base.pop("HTTP_ACCEPT_LANGUAGE")
    html = client.get("/forums/").get_data(as_text=True)
    assert '<html lang="es">' in html and "Foros sectoriales" in html


def test_accept_language_is_followed(client):
    client.raw.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en-GB,en;q=0.9"
    assert "Sectoral forums" in client.get("/forums/").get_data(as_text=True)
    client.raw.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es-PE,es;q=0.9,en;q=0.5"
    assert "Foros sectoriales" in client.get("/forums/").get_data(as_text=True)


def test_switch_is_remembered_over_accept_language(client, make):
    user = make.user()
    client.raw.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    resp = client.post("/lang", {"code": "es", "next": "/forums/"})
    assert resp.status_code == 302 and resp.headers["Location"] == "/forums/"
    assert "Foros sectoriales" in client.get("/forums/").get_data(as_text=True)
    assert client.post("/lang", {"code": "es", "next": "https://evil.example/"}).headers["Location"] == "/"
    client.post("/lang", {"code": "en"})
    client.login(user.email)
    assert client.get("/forums/").status_code == 200
    assert client.post("/lang", {"code": "es"}, csrf=False).status_code == 400  # a cross-site switch is refused
    client.post("/lang", {"code": "es"})
    from forum.accounts.models import User
    from forum.extensions import db
    assert db.session.get(User, user.id).locale == "es"  # follows the person to other devices


def test_one_date_format_per_locale_in_lima_time_with_the_zone_named(client, make):
    from datetime import datetime

    from forum.core.clock import frozen_at
    with frozen_at(datetime(2026, 12, 3, 15, 0)):  # 15:00 UTC is 10:00 in Lima
        make.forum()
    client.raw.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es"
    es = client.get("/trail/").get_data(as_text=True)
    client.raw.environ_base["HTTP_ACCEPT_LANGUAGE"] = "en"
    en = client.get("/trail/").get_data(as_text=True)
    times = {lang: {t.replace("\u202f", " ") for t in re.findall(r"<time[^>]*>([^<]+)</time>", html)}
             for lang, html in (("es", es), ("en", en))}
    assert times == {"es": {"3 dic 2026, 10:00 (hora de Perú)"}, "en": {"Dec 3, 2026, 10:00 AM (Peru Time)"}}
    assert '<time datetime="2026-12-03T15:00:00Z">' in es  # the machine-readable moment stays UTC


def test_error_messages_are_translated(client):
    client.raw.environ_base["HTTP_ACCEPT_LANGUAGE"] = "es"
    resp = client.post("/account/register", {"email": "", "display_name": "", "password": "x", "confirm": "x"})
    html = resp.get_data(as_text=True)
    assert "Este campo es obligatorio." in html
    assert "No encontrado" in client.get("/no-such-page").get_data(as_text=True)
