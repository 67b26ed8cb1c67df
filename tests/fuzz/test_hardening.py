"""Hardening against hostile input (issue 15, part): redirects stay on this site, CSV cells
are never formulas, oversized requests get a clear 413. Each test fails if its protection
is removed."""
import csv
import io
import re
from html import unescape

import pytest

from forum.core.spreadsheet import cell
from forum.core.urls import safe_next
from forum.extensions import db
from tests.conftest import PASSWORD, trail_length

# Known ways to turn a "local" path into another site, in browsers and parsers.
BYPASSES = ["//evil.example", "/%09/evil.example", "/\t/evil.example", "/\\evil.example", "/%5Cevil.example",
            "/%2F%2Fevil.example", "/%252F%252Fevil.example", "https://evil.example", "http:/evil.example",
            "javascript:alert(1)", "/%0d%0aLocation:%20https://evil.example", "/\r\n/evil.example",
            "\\\\evil.example", " //evil.example", "/%00//evil.example", "/%7f//evil.example",
            "https:evil.example", "evil.example"]


@pytest.mark.parametrize("target", BYPASSES)
def test_no_bypass_leaves_the_site(target):
    assert safe_next(target) is None


@pytest.mark.parametrize("target", ["/", "/forums/1", "/proposals/?q=agua%20limpia&sort=waiting", "/trail/#top"])
def test_local_paths_are_kept(target):
    assert safe_next(target) == target


@pytest.mark.parametrize("target", ["/%09/evil.example", "//evil.example", "/\\evil.example"])
def test_login_never_redirects_off_site(make, client, target):
    user = make.user("Ana")
    db.session.commit()
    resp = client.post(f"/account/login?next={target}", {"email": user.email, "password": PASSWORD})
    assert resp.status_code == 302 and resp.headers["Location"] in ("/", "http://localhost/"), resp.headers
    ok = client.post("/account/logout", {})
    assert ok.status_code == 302
    resp = client.post("/account/login?next=/forums/", {"email": user.email, "password": PASSWORD})
    assert resp.headers["Location"] == "/forums/"  # a local path is kept


@pytest.mark.parametrize("target", BYPASSES)
def test_the_language_switch_never_redirects_off_site(client, target):
    """POST /lang once checked `next` by hand: "/\t/evil.example" went to //evil.example."""
    resp = client.post("/lang", {"code": "es", "next": target})
    assert resp.status_code == 302 and resp.headers["Location"] in ("/", "http://localhost/"), resp.headers


def test_the_language_switch_returns_to_the_page(client):
    resp = client.post("/lang", {"code": "es", "next": "/proposals/?q=agua&sort=waiting"})
    assert resp.headers["Location"] == "/proposals/?q=agua&sort=waiting"


@pytest.mark.parametrize("query", ["a=9223372036854775808", "b=9223372036854775808", "a=-1", "b=abc", "a=²"])
def test_a_number_no_version_can_have_is_refused_with_the_reason(make, client, caplog, query):
    from tests.helpers.commitments import commitment
    c = commitment(make)
    resp = client.get(f"/commitments/{c.id}/compare?{query}")
    assert resp.status_code == 400 and "must be a number from 1 to 2147483647" in resp.get_data(as_text=True)
    assert client.get(f"/commitments/{c.id}?v=99999999999999999999").status_code == 400
    assert not [r for r in caplog.records if r.exc_info]


@pytest.mark.parametrize("query", ["forum=99999999999999999999", "organisation=99999999999999999999",
                                   "forum=2147483648", "organisation=-5", "forum=once"])
def test_a_trail_filter_no_row_can_have_is_refused_with_the_reason(client, caplog, query):
    resp = client.get(f"/trail/?{query}")
    name = query.partition("=")[0]
    assert resp.status_code == 400 and f"“{name}” must be a number" in resp.get_data(as_text=True)
    assert client.get(f"/proposals/?organisation={query.partition('=')[2]}").status_code == 400
    assert not [r for r in caplog.records if r.exc_info]


def test_a_page_number_that_is_not_a_number_is_refused_with_the_reason(client):
    for url in ("/trail/?page=abc", "/forums/?page=-1", "/proposals/?page=²"):
        resp = client.get(url)
        assert resp.status_code == 400 and "“page” must be a number" in resp.get_data(as_text=True), url


@pytest.mark.parametrize("text", ["=HYPERLINK(\"http://evil\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"])
def test_formula_cells_are_neutralised(text):
    assert cell(text) == "'" + text
    assert cell("Publiquen cada mes") == "Publiquen cada mes" and cell(3) == 3


def test_the_consultation_csv_shows_formulas_as_text(make, client):
    from tests.helpers.consultations import closed
    forum = make.forum(open_=True)
    user, _org = make.member_of("civil_society")
    c, _comments = closed(forum, [(user, "=HYPERLINK(\"http://evil.example\",\"clic\")", 2)])
    db.session.commit()
    body = client.get(f"/consultations/{c.id}/report.csv").get_data(as_text=True).lstrip("\ufeff")
    cells = [v for row in csv.reader(io.StringIO(body)) for v in row]
    assert "'=HYPERLINK(\"http://evil.example\",\"clic\")" in cells
    assert not any(v.startswith(("=", "+", "@")) for v in cells)


def test_an_oversized_request_gets_a_clear_413(client, app):
    big = "x" * (app.config["MAX_CONTENT_LENGTH"] + 1)
    resp = client.post("/account/login", {"email": "a@b.example", "password": big})
    assert resp.status_code == 413
    assert "larger than 2 MB" in resp.get_data(as_text=True)
    resp = client._request("post", "/trail/checkpoints/1/cosignatures", data=big, content_type="text/plain")
    assert resp.status_code == 413 and resp.get_json()["error"]


@pytest.mark.parametrize("evil", ["Sesión\rATTENDEE:mailto:evil@example.org", "Sesión\nX-INJECTED:1",
                                  "Sesión\r\nEND:VEVENT\r\nBEGIN:VEVENT"])
def test_a_title_cannot_inject_lines_into_the_calendar(make, client, evil):
    from tests.helpers.live import scheduled
    forum = make.forum(open_=True)
    s = scheduled(forum, title=evil, items=("Apertura\rX-ALSO:1",))
    for url in (f"/sessions/{s.id}.ics", f"/forums/{forum.id}/sessions.ics"):
        text = client.get(url).get_data(as_text=True)
        lines = text.split("\r\n")
        assert not any(line.startswith(("ATTENDEE", "X-INJECTED", "X-ALSO")) for line in lines), text
        assert lines.count("BEGIN:VEVENT") == 1 and "\r" not in text.replace("\r\n", "")


def test_an_unknown_address_costs_the_same_password_check_as_a_wrong_password(make, client, monkeypatch):
    """No enumeration by timing: both answers check one password against a hash of the
    method real accounts use, and both say the same thing."""
    from forum.accounts import passwords
    user = make.user("Ana")
    db.session.commit()
    checked = []
    real = passwords.check_password_hash

    def spy(hashed, password):
        checked.append(hashed.split("$", 1)[0])
        return real(hashed, password)
    monkeypatch.setattr(passwords, "check_password_hash", spy)
    wrong = client.post("/account/login", {"email": user.email, "password": "not the password"})
    method_of_wrong = checked[:]
    checked.clear()
    unknown = client.post("/account/login", {"email": "nobody@nowhere.example", "password": "not the password"})
    assert len(checked) == len(method_of_wrong) == 1
    assert checked[0].startswith("scrypt")  # the method of real accounts (hash_password)
    assert wrong.status_code == unknown.status_code == 400
    assert "Wrong email or password." in wrong.get_data(as_text=True)
    assert "Wrong email or password." in unknown.get_data(as_text=True)


def test_logout_ends_the_session_server_side(make, new_client):
    """A cookie copied before logout (or a remember-me cookie) no longer works after it."""
    user = make.user("Ana")
    db.session.commit()
    c = new_client()
    c.post("/account/login", {"email": user.email, "password": PASSWORD, "remember": "y"})
    assert c.get("/account/").status_code == 200
    thief = new_client()
    for cookie in c.raw._cookies.values():  # the copy, taken while logged in
        thief.raw.set_cookie(cookie.key, cookie.value, domain=cookie.domain)
    assert thief.get("/account/").status_code == 200
    assert c.post("/account/logout", {}).status_code == 302
    resp = thief.get("/account/")
    assert resp.status_code == 302 and "/account/login" in resp.headers["Location"]


@pytest.mark.parametrize("url", ["/proposals/99999999999999999999", "/forums/9223372036854775808",
                                 "/commitments/2147483648", "/trail/99999999999999999999/receipt.json"])
def test_a_huge_number_in_a_url_is_a_404_not_a_500(client, url):
    assert client.get(url).status_code == 404


def test_a_huge_id_in_a_form_is_refused_with_the_reason(make, client):
    """On PostgreSQL an id above 2^31 used to reach the database and fail with a 500."""
    from tests.helpers.proposals import proposal
    p = proposal(make)
    client.login(db.session.get(__import__("forum.accounts.models", fromlist=["User"]).User, p.submitter_id).email)
    resp = client.post(f"/proposals/{p.id}/endorse", {"endorse-organisation": "99999999999999999999"})
    assert resp.status_code in (302, 400)


@pytest.mark.parametrize("where", ["form", "query"])
def test_a_nul_character_is_refused_with_the_reason_on_every_database(make, client, where):
    user = make.user("Ana")
    db.session.commit()
    client.login(user.email)
    before = db.session.get(type(user), user.id).display_name
    if where == "form":
        resp = client.post("/account/login", {"email": "a\x00@b.example", "password": "x"})
    else:
        resp = client.get("/proposals/?q=agua\x00limpia")
    assert resp.status_code == 400
    assert "NUL character" in resp.get_data(as_text=True)
    assert db.session.get(type(user), user.id).display_name == before


def test_draft_minutes_stay_out_of_the_open_data_until_published(make, client):
    from forum.sessions import services
    from forum.sessions.services import minutes
    from tests.helpers.live import live
    from tests.helpers.proposals import chairs
    forum = make.forum(open_=True)
    people = chairs(forum)
    s = live(forum)
    minutes.save(people["state_chair"], s, "Borrador: se discutió la propuesta de datos abiertos.")
    services.end(people["state_chair"], s)
    db.session.commit()
    assert client.get(f"/sessions/{s.id}.json").get_json()["minutes"]["text"] is None
    minutes.approve(people["state_chair"], s)
    minutes.approve(people["civil_chair"], s)
    db.session.commit()
    assert "Borrador" in client.get(f"/sessions/{s.id}.json").get_json()["minutes"]["text"]


def test_a_hidden_proposal_title_is_not_in_any_page_title(make, client):
    from forum.proposals.services import moderation
    from tests.helpers.proposals import chairs, proposal
    p = proposal(make, title="Secreto en el título de la propuesta")
    moderation.hide_proposal(chairs(p.forum)["state_chair"], p, "Contiene datos personales de un tercero.")
    db.session.commit()
    for url in (f"/proposals/{p.id}", f"/proposals/{p.id}/versions/1"):
        html = client.get(url).get_data(as_text=True)
        assert "Secreto en el título" not in html, url


@pytest.mark.parametrize("query", ["until=9999-12-31", "since=9999-12-31", "since=0001-01-01&until=0001-01-01",
                                   "until=10000-01-01"])
def test_far_dates_in_the_trail_filter_are_answered(client, query):
    assert client.get(f"/trail/?{query}").status_code == 200


@pytest.mark.parametrize("url", ["/trail/", "/proposals/", "/forums/"])
def test_a_page_number_beyond_any_list_is_a_404(client, url):
    assert client.get(f"{url}?page=99999999999999999999").status_code == 404


def test_a_title_with_line_breaks_still_reaches_the_inbox(make, app):
    """A proposal title with CR/LF used to make the notification mail fail silently."""
    import glob
    import os
    from email import message_from_binary_file

    from forum.proposals.services import responses
    from tests.helpers.proposals import REASON, chairs, proposal
    p = proposal(make, title="Agua limpia\r\nBcc: evil@example.org\rpara Loreto")
    responses.respond(chairs(p.forum)["state_chair"], p, "accepted", REASON)
    db.session.commit()
    files = sorted(glob.glob(os.path.join(app.instance_path, "outbox", "*.eml")))
    assert files, "the notification was sent"
    from email import policy
    with open(files[-1], "rb") as fh:
        msg = message_from_binary_file(fh, policy=policy.default)
    assert msg["Bcc"] is None and "\n" not in msg["Subject"] and "Agua limpia" in msg["Subject"]


def test_login_starts_a_new_session(make, client):
    """Whatever the session held before login (planted by someone else, say) is gone after it."""
    user = make.user("Ana")
    db.session.commit()
    with client.raw.session_transaction() as s:
        s["planted"] = "by someone else"
    assert client.post("/account/login", {"email": user.email, "password": PASSWORD}).status_code == 302
    with client.raw.session_transaction() as s:
        assert "planted" not in s and s.get("_user_id", "").startswith(f"{user.id}.")


@pytest.mark.parametrize("when", ["9999-12-31T23:59", "1900-01-01T10:00"])
@pytest.mark.parametrize("form", ["session", "consultation"])
def test_an_absurd_date_is_refused_next_to_the_field(make, client, form, when):
    """9999-12-31 in Lima is past the last representable instant once turned into UTC: it
    used to be a 500. Now the field says which years it takes, and nothing is created."""
    from tests.helpers.proposals import chairs
    forum = make.forum(open_=True)
    client.login(chairs(forum)["state_chair"].email)
    before = trail_length()
    if form == "session":
        resp = client.post(f"/forums/{forum.id}/sessions/new", {
            "title": "Sesión ordinaria", "starts_at": when, "ends_at": when, "place": "Sala 1",
            "agenda-0-title": "Apertura"})
    else:
        resp = client.post(f"/forums/{forum.id}/consultations/new", {
            "title": "Borrador del plan", "draft": "document", "body": "Un párrafo.\n\nOtro párrafo.",
            "starts_at": when, "ends_at": when, "audience": "registered", "visibility": "on_submit",
            "promise_level": "consult", "promise": "Les diremos cómo influyeron sus aportes."})
    assert resp.status_code == 400 and "Give a date between the year 2000 and" in resp.get_data(as_text=True)
    assert trail_length() == before


def test_static_files_are_fingerprinted_and_cached_for_a_year(client):
    """A page names each static file with its content hash; that URL is immutable for a year,
    any other (an old hash, none) gets a short cache, and the hash never reads outside static/."""
    import hashlib
    import re
    from pathlib import Path

    from forum.core.assets import YEAR
    html = client.get("/").get_data(as_text=True)
    css = re.search(r'href="(/static/traza\.css\?v=(\w+))"', html)
    assert css, "the stylesheet is linked with its fingerprint"
    static = Path(client.raw.application.static_folder)
    assert css.group(2) == hashlib.sha256((static / "traza.css").read_bytes()).hexdigest()[:12]
    fresh = client.get(css.group(1))
    fresh.close()
    assert fresh.status_code == 200 and fresh.cache_control.max_age == YEAR and fresh.cache_control.immutable
    for url in ("/static/traza.css", "/static/traza.css?v=0123456789ab"):
        resp = client.get(url)
        resp.close()
        assert resp.status_code == 200 and resp.cache_control.max_age == 300 and not resp.cache_control.immutable
    assert client.get("/static/../forum/config.py?v=x").status_code == 404


@pytest.mark.parametrize("key, says", [(None, "TRAZA_SECRET_KEY is not set"), ("change-me", "default or too short"),
                                       ("short-but-not-default", "default or too short")])
def test_production_refuses_a_missing_or_default_secret_key(monkeypatch, tmp_path, key, says):
    from forum import create_app
    monkeypatch.setenv("TRAZA_ENV", "production")
    monkeypatch.setenv("TRAZA_DATABASE_URL", f"sqlite:///{tmp_path / 'p.db'}")
    if key is None:
        monkeypatch.delenv("TRAZA_SECRET_KEY", raising=False)
    else:
        monkeypatch.setenv("TRAZA_SECRET_KEY", key)
    with pytest.raises(RuntimeError, match=says):
        create_app()
    monkeypatch.setenv("TRAZA_SECRET_KEY", "a" * 16 + "b" * 16 + "c" * 8)
    assert create_app().config["SECRET_KEY"].startswith("aaaa")


@pytest.mark.parametrize("language, words", [
    ("en", "here is what you wrote: copy it, reload the form"),
    ("es", "esto es lo que escribiste: cópialo, recarga el formulario")])
def test_an_expired_form_gives_back_what_was_typed_escaped_and_never_a_password(make, app, language, words):
    """A stale token refuses the POST (nothing saved), but the page shows each text typed
    into a read-only box to copy, under its label: the problem of a new proposal, a comment.
    A <script> comes back as text; a password, the token and hidden values never come back."""
    from tests.conftest import Client
    from tests.helpers.proposals import proposal
    p = proposal(make)
    person = Client(app.test_client(), language=language)
    person.login(p.submitter.email)
    before = trail_length()
    typed = {"title": "Datos abiertos de calidad del aire", "problem": "Una hora de trabajo\n<script>alert(1)</script>",
             "proposal": "Publicar cada mes.", "expected_result": "Datos mensuales.", "organisation": "1",
             "values": "transparency", "csrf_token": "stale-token"}
    page = person.post(f"/forums/{p.forum_id}/proposals/new", typed, csrf=False)
    html = page.get_data(as_text=True)
    assert page.status_code == 400 and words in html
    boxes = dict(re.findall(r'<label for="(typed-\d+)">([^<]*)</label>', html))
    shown = {boxes[i]: unescape(text) for i, text in re.findall(r'<textarea id="(typed-\d+)" readonly[^>]*>([^<]*)'
                                                                   r'</textarea>', html)}
    assert shown == {
        {"en": "Title", "es": "Título"}[language]: typed["title"],
        {"en": "The problem it addresses", "es": "El problema que aborda"}[language]: typed["problem"],
        {"en": "What is proposed", "es": "Qué se propone"}[language]: typed["proposal"],
        {"en": "Expected result", "es": "Resultado esperado"}[language]: typed["expected_result"]}
    assert "<script>alert(1)" not in html and "stale-token" not in html
    reply = person.post(f"/proposals/{p.id}/comments", {"comment-body": "Mi comentario largo.", "comment-parent": "7",
                                                         "csrf_token": "x"}, csrf=False).get_data(as_text=True)
    assert "Mi comentario largo." in reply and 'id="typed-2"' not in reply
    secret = person.post("/account/", {"current": "mi clave secreta 1", "new": "otra clave secreta 2",
                                       "confirm": "otra clave secreta 2", "csrf_token": "x"}, csrf=False)
    assert secret.status_code == 400 and "clave secreta" not in secret.get_data(as_text=True)
    assert "typed-1" not in secret.get_data(as_text=True) and trail_length() == before
