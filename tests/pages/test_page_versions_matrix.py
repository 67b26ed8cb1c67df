"""Every action of the permission matrix against every page kept under its versions: after
the action, each page a visitor is served from memory is the page built afresh. What an
action bumps (forum/trail/versions.py) and what a page depends on (forum/pagedeps.py) are
two tables; this is where they are held to what the pages really show."""
import re

import pytest

from forum import pagecache, pagedeps
from forum.trail import cache
from tests.permissions import test_permissions
from tests.permissions.test_permissions import ACTIONS, PUBLIC_PAGES, ROLES, client_for

seed, world = test_permissions.seed, test_permissions.world  # the matrix's world, its fixtures

EXTRA = ["/proposals/{shaping}", "/forums/{b}/proposals", "/consultations/{members_c}", "/consultations/{done_c}",
         "/commitments/{kept}", "/commitments/{vague}", "/api/v1/proposals", "/api/v1/proposals/{proposal}",
         "/api/v1/proposals/{shaping}", "/api/v1/commitments", "/api/v1/commitments/{commitment}",
         "/api/v1/commitments/{kept}", "/api/v1/consultations", "/api/v1/consultations/{closed_c}",
         "/api/v1/sessions", "/api/v1/sessions/{meeting}", "/forums/{a}/consultations",
         "/commitments/{kept}/compare",
         # keyed on what they show since issue 29 (they were rebuilt at every write anywhere)
         "/search?q=compras", "/search?q=compras&kind=proposals", "/cycles/2019-2021/agreed-adopted",
         "/cycles/2019-2021/clusters", "/api/v1/cycles", "/api/v1/cycles/2019-2021/figures",
         "/api/v1/forums/{a}/figures", "/api/v1/organisations/{cso_org}",
         "/api/v1/cycles/2019-2021/voice", "/api/v1/forums/{a}/requirements", "/forums/{b}/dashboard"]
EXTRA += ["/trail/?before=40", "/api/v1/trail?before=40"]  # the log's pages anchored on a seq: keyed on SITE
TOKEN = re.compile(r'(name="csrf[-_]token"[^>]*value=|name="csrf-token" content=)"[^"]+"')
STAMP = re.compile(r"DTSTAMP:\w+")  # when the calendar file was made, not what it says


def _text(resp) -> str:
    return STAMP.sub("DTSTAMP:", TOKEN.sub(r'\1""', resp.get_data(as_text=True)))


@pytest.fixture(params=["sqlite"])  # the tables are the same on both databases: the bump is tested on both
def database_kind(request):
    return request.param


def _versioned(app, world) -> list[str]:
    """The pages keyed on versions rather than the head (the others are rebuilt on any entry)."""
    adapter = app.url_map.bind("localhost")
    out = []
    for page in PUBLIC_PAGES + EXTRA:
        url = page.format(**world)
        endpoint, args = adapter.match(url.partition("?")[0])
        with app.test_request_context(url):  # search's versions are those of the kinds asked for
            keyed = pagedeps.keys(endpoint, args)
        if keyed is not None:
            out.append(url)
    return out


_WARM: dict = {}


def _warm(app, visitor, pages) -> None:
    """Every page remembered as a visitor was shown it before the action. Each test starts
    from the same copy of the world (same head, same versions), so the pages the first test
    of a process remembered are the ones every other would: they are copied, not rebuilt."""
    if "store" in _WARM:
        pagecache._store.update(_WARM["store"])
        return
    refused = [(page, code) for page in pages if (code := visitor.get(page).status_code) != 200]
    assert refused == [], refused
    _WARM["store"] = dict(pagecache._store)


@pytest.fixture
def remembered_for_long(app):
    seconds = app.config["PAGE_CACHE_SECONDS"]
    app.config["PAGE_CACHE_SECONDS"] = 3600  # the copies outlive the whole module
    yield
    app.config["PAGE_CACHE_SECONDS"] = seconds


@pytest.mark.parametrize("action", list(ACTIONS))
def test_after_every_action_each_remembered_page_is_the_fresh_one(app, world, action, remembered_for_long):
    method, url, data, allowed = ACTIONS[action]
    role = next(r for r in ROLES if r in allowed)
    pages = _versioned(app, world)
    assert len(pages) > 25
    visitor = client_for(world, "anonymous")
    _warm(app, visitor, pages)
    form = {k.format(**world): v for k, v in data(world, role).items()}
    assert client_for(world, role).post(url.format(**world), form).status_code == 302
    served = {}
    for page in pages:
        resp = visitor.get(page)
        if resp.headers.get("X-Page-Cache") == "hit":  # the others were just built
            served[page] = _text(resp)
    pagecache.clear()
    cache.clear()  # and the parts a page is composed of (the live session page's): all built afresh
    stale = [page for page in served if _text(visitor.get(page)) != served[page]]
    assert stale == [], f"{action} left these pages stale"
