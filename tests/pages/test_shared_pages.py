"""Pages shared between readers (forum/pageasks.py, forum/pagenav.py, forum/pagecache.py):
the public part of a page built once and served to every reader who would be shown the
same — a visitor, a member without a seat, another co-chair — with their own header; never
one person's controls or name to another."""
import re
from pathlib import Path

import pytest

from forum import create_app, pagecache
from forum.core.clock import frozen_at, utcnow
from forum.extensions import db
from tests.conftest import Client
from tests.helpers.proposals import proposal
from tests.pages.test_page_versions_matrix import EXTRA
from tests.pages.test_page_versions_matrix import _text as matrix_text
from tests.permissions import test_permissions
from tests.permissions.test_permissions import ACTIONS, PUBLIC_PAGES, client_for

seed, world = test_permissions.seed, test_permissions.world  # the matrix's world, its fixtures

READERS = ["anonymous", "state_chair", "cso_member"]  # forum A's State co-chair, a CSO member without its seat
TEMPLATES = Path(__file__).resolve().parents[2] / "templates"
PERSONAL_TEMPLATES = {"_personal_nav.html",  # the header, built for each reader
                      "accounts/profile.html", "inbox/index.html"}  # pages about the reader alone


@pytest.fixture(params=["sqlite"])
def database_kind(request):
    return request.param


@pytest.fixture
def remembered_for_long(app):
    seconds = app.config["PAGE_CACHE_SECONDS"]
    app.config["PAGE_CACHE_SECONDS"] = 3600
    yield
    app.config["PAGE_CACHE_SECONDS"] = seconds


META = re.compile(r'name="csrf-token" content="([^"]+)"')


def _text(resp) -> str:
    """The page without its CSRF token (each view's own) wherever it stands."""
    text = matrix_text(resp)
    token = META.search(resp.get_data(as_text=True))
    return text.replace(token.group(1), "") if token else text


def _fresh(app, reader, page) -> str:
    """The page built for this reader now, nothing remembered used or kept."""
    seconds, app.config["PAGE_CACHE_SECONDS"] = app.config["PAGE_CACHE_SECONDS"], 0
    try:
        return _text(reader.get(page))
    finally:
        app.config["PAGE_CACHE_SECONDS"] = seconds


def _read_alternately(app, clients: dict, pages: list[str], rounds=2) -> dict:
    """Each page read by each reader in turn, `rounds` times round; every page served compared with
    the one built afresh for that reader. Returns the hits per reader."""
    hits = dict.fromkeys(clients, 0)
    # One instant for every build: a page that says when it was judged (the requirements' API)
    # is then the same for the same reader, and any difference is another reader's.
    with frozen_at(utcnow()):
        for page in pages:
            for _ in range(rounds):
                for role, reader in clients.items():
                    resp = reader.get(page)
                    if resp.status_code != 200:
                        continue
                    if resp.headers.get("X-Page-Cache") == "hit":
                        hits[role] += 1
                        assert _text(resp) == _fresh(app, reader, page), f"{role} was served another's {page}"
    return hits


def _pages(world) -> list[str]:
    return [p.format(**world) for p in PUBLIC_PAGES + EXTRA]


def test_roles_reading_the_same_pages_alternately_are_each_shown_their_own(app, world, remembered_for_long):
    clients = {role: client_for(world, role) for role in READERS}
    hits = _read_alternately(app, clients, _pages(world))
    # shared for real: every signed-in reader was served pages another reader's build warmed
    assert all(hits[role] > 20 for role in READERS), hits


@pytest.mark.parametrize("action", ["respond"])  # a chair's act: the chair's controls change, the page too
def test_after_an_action_each_reader_is_served_the_page_built_for_them(app, world, action, remembered_for_long):
    method, url, data, allowed = ACTIONS[action]
    role = next(r for r in test_permissions.ROLES if r in allowed)
    clients = {r: client_for(world, r) for r in READERS}
    pages = _pages(world)
    for page in pages:
        for reader in clients.values():
            reader.get(page)
    form = {k.format(**world): v for k, v in data(world, role).items()}
    assert clients.get(role, client_for(world, role)).post(url.format(**world), form).status_code == 302
    hits = _read_alternately(app, clients, pages, rounds=1)
    assert sum(hits.values()) > 20, hits  # pages the action left were served, each checked


def test_a_signed_in_reader_without_a_seat_is_served_the_page_a_visitor_warmed(make, new_client):
    forum = make.forum(open_=True)
    proposal(make, forum, title="Compras abiertas")
    user = make.user("Ana Sinasiento")
    visitor, person = new_client(), new_client()
    person.login(user.email)
    with frozen_at(utcnow()):  # both readers on the same side of every clock boundary
        for url in (f"/forums/{forum.id}/ledger", f"/forums/{forum.id}/dashboard", "/forums/", "/api/v1/proposals"):
            assert visitor.get(url).headers.get("X-Page-Cache") != "hit"
            resp = person.get(url)
            assert resp.headers.get("X-Page-Cache") == "hit", url
            if resp.mimetype == "text/html":
                shown = resp.get_data(as_text=True)
                assert "Ana Sinasiento" in shown and "Log in" not in shown  # the header is hers
                assert "Ana Sinasiento" not in visitor.get(url).get_data(as_text=True)


def test_a_signed_in_actor_sees_their_change_in_either_instance(app, make):
    """Two app instances on one database, as two processes behind nginx: a co-chair who acts
    through one sees the result on the next page of either, never a copy from before."""
    forum = make.forum(open_=True)
    chair = next(s.user for s in forum.active_seats if s.role == "state_chair")
    p = proposal(make, forum, title="Compras abiertas")
    db.session.commit()
    other = create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                        "SECRET_KEY": app.config["SECRET_KEY"], "INSTANCE_PATH": app.instance_path,
                        "SESSION_COOKIE_SECURE": False, "RATELIMIT_ENABLED": False})
    here, there = Client(app.test_client()), Client(other.test_client())
    here.login(chair.email)
    there.login(chair.email)
    url = f"/proposals/{p.id}"
    lists = f"/forums/{forum.id}/proposals"
    for client in (here, there):
        for page in (url, lists, url, lists):
            assert "1 endorsement" not in client.get(page).get_data(as_text=True)
    assert there.get(lists).headers.get("X-Page-Cache") == "hit"
    assert here.post(f"{url}/endorse", {"endorse-organisation": ""}).status_code == 302
    assert "You endorse this proposal." in here.get(url).get_data(as_text=True)  # where the browser goes
    for instance, client in ((other, there), (app, here)):
        for page in (lists, url):
            shown = _text(client.get(page))
            assert "1 endorsement" in shown, page
            assert shown == _fresh(instance, client, page)
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


def test_templates_ask_about_their_reader_only_through_recorded_questions():
    """`current_user` read in a template outside the header would put one reader's name or
    controls into a page shared with others: a template asks `signed_in()`, `is_me(id)` or
    a policy (`can.<area>.may_x`) instead, which the page keeps and asks again."""
    readers = {str(path.relative_to(TEMPLATES)) for path in TEMPLATES.rglob("*.html")
               if re.search(r"\bcurrent_user\b", path.read_text(encoding="utf-8"))}
    assert readers <= PERSONAL_TEMPLATES, readers - PERSONAL_TEMPLATES
    assert "current_user" not in (TEMPLATES / "base.html").read_text(encoding="utf-8")


def test_a_page_that_reads_its_reader_otherwise_is_not_shared(make, new_client):
    """The organisation page reads the signed-in person in its view (are they a member?):
    a visitor's copy is never served to them, nor theirs to anyone."""
    member, org = make.member_of("civil_society")
    url = f"/organisations/{org.id}"
    visitor, person, other = new_client(), new_client(), new_client()
    person.login(member.email)
    other.login(make.user("Otra Persona").email)
    visitor.get(url)
    for reader in (person, other, person, other):
        assert reader.get(url).headers.get("X-Page-Cache") != "hit"
    assert visitor.get(url).headers.get("X-Page-Cache") == "hit"
    assert pagecache.stats()[0] >= 1
