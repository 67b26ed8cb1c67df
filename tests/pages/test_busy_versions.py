"""A busy act makes stale only the pages that show it (issue 29): a vote, a check-in, a hand,
the floor, an endorsement and a comment, recorded in one forum while a visitor reads, leave
that forum's other pages, the other forum's, the cycle page and the API lists they do not
appear in served from memory (forum/trail/versions.py FACETS, forum/pagedeps.py), while the
pages that show them are built again and show the new state — and every page served after
the act, from memory or not, is the page built afresh."""
import pytest

from forum import pagecache
from forum.extensions import db
from forum.forums import services as forums
from forum.proposals.services import comments, endorsements
from forum.sessions import services as sessions
from forum.sessions.services import motions
from forum.trail import cache
from tests.helpers.commitments import commitment
from tests.helpers.live import live, motion, seated_forum
from tests.helpers.proposals import answered, chairs, proposal
from tests.pages.test_page_versions_matrix import _text  # the page without the reader's CSRF token

# What a visitor reads, in both forums of one cycle, and the lists across forums.
PAGES = ["/forums/{a}", "/forums/{a}/proposals", "/forums/{a}/proposals?sort=endorsed", "/forums/{a}/ledger",
         "/forums/{a}/dashboard", "/forums/{a}/commitments", "/forums/{a}/consultations", "/forums/{a}/sessions",
         "/forums/{a}/requirements", "/forums/{b}", "/forums/{b}/proposals",
         "/forums/{b}/dashboard", "/forums/{b}/requirements", "/cycles/2019-2021",
         "/cycles/2019-2021/requirements", "/forums/", "/proposals/", "/proposals/{other}", "/proposals/{p}",
         "/sessions/{s}", "/sessions/{s}.json", "/sessions/{s}/minutes", "/sessions/{s}/decisions",
         "/api/v1/proposals", "/api/v1/proposals/{p}",
         "/api/v1/consultations", "/api/v1/commitments", "/api/v1/sessions", "/api/v1/sessions/{s}",
         "/api/v1/forums/{a}/figures", "/api/v1/cycles/2019-2021/figures"]
# The minimum requirements count every entry of a forum per half-year: each act shows there.
COUNTED = {"/forums/{a}/requirements", "/cycles/2019-2021/requirements"}
SESSION = {"/sessions/{s}", "/sessions/{s}.json", "/api/v1/sessions/{s}"}
# A live act moves only its part of the session's version (trail/versions.LIVE_PARTS): the
# minutes page shows the attendance, not the queue nor an open tally; the decisions none of them.
ATTENDANCE = SESSION | {"/sessions/{s}/minutes"}
PROPOSAL = {"/proposals/{p}", "/api/v1/proposals/{p}"}  # keyed on the proposal: any act on it rebuilds both
ENDORSED = {"/proposals/{p}", "/api/v1/proposals/{p}", "/forums/{a}/proposals", "/forums/{a}/proposals?sort=endorsed",
            "/proposals/", "/api/v1/proposals"}


@pytest.fixture
def busy(app, make):
    """Two open forums of one cycle; in the first a session live with a motion open, two
    members present, and two proposals."""
    environment, members = seated_forum(make)
    education = make.forum(open_=True, title="Foro de Educación")
    proposal(make, education, title="Becas abiertas")
    p = proposal(make, environment, title="Registro de vertimientos")
    other = proposal(make, environment, title="Compras abiertas")
    s = live(environment, present=[members["civil_society"], members["government"]])
    m = motion(s, environment)
    endorser, org = make.member_of("civil_society")
    seconds = app.config["PAGE_CACHE_SECONDS"]
    app.config["PAGE_CACHE_SECONDS"] = 3600  # nothing expires while the test reads
    yield {"a": environment.id, "b": education.id, "p": p.id, "other": other.id, "s": s.id, "m": m.id,
           "forum": environment, "session": s, "proposal": p, "members": members, "endorser": (endorser, org)}
    app.config["PAGE_CACHE_SECONDS"] = seconds


def _raise(w):
    sessions.raise_hand(w["members"]["civil_society"], w["session"])


def _endorse(w):
    endorsements.endorse(w["endorser"][0], w["proposal"], w["endorser"][1])


# act -> (what is done before the visitor reads, the act, the pages that show it — built
# again — and the one of them where the visitor sees the new state)
ACTS = {
    "vote": (None, lambda w: motions.vote(w["members"]["civil_society"], w["session"], w["m"], "yes"),
             SESSION, "/sessions/{s}"),
    "check in": (None, lambda w: sessions.check_in(w["members"]["academia"], w["session"]), ATTENDANCE,
                 "/sessions/{s}"),
    "check out": (None, lambda w: sessions.check_in(w["members"]["government"], w["session"], present=False),
                  ATTENDANCE, "/sessions/{s}/minutes"),
    "raise a hand": (None, _raise, SESSION, "/sessions/{s}"),
    "lower a hand": (_raise, lambda w: sessions.lower_hand(w["members"]["civil_society"], w["session"]),
                     SESSION, "/sessions/{s}"),
    "give the floor": (_raise, lambda w: sessions.give_floor(chairs(w["forum"])["state_chair"], w["session"]),
                       SESSION, "/sessions/{s}"),
    "endorse": (None, _endorse, ENDORSED, "/forums/{a}/proposals"),
    "withdraw an endorsement": (_endorse, lambda w: endorsements.withdraw_endorsement(w["endorser"][0], w["proposal"]),
                                ENDORSED, "/api/v1/proposals"),
    "comment": (None, lambda w: comments.post(w["endorser"][0], w["proposal"], "Que incluya los vertimientos mineros."),
                PROPOSAL, "/proposals/{p}"),
}


@pytest.fixture(params=["sqlite"])  # what moves is the same on both databases: the bump is tested on both
def database_kind(request):
    return request.param


def _read(new_client, url):
    resp = new_client().get(url)  # a visitor without a cookie, as most are
    assert resp.status_code == 200, url
    return resp.headers.get("X-Page-Cache") == "hit", _text(resp)


@pytest.mark.parametrize("act", list(ACTS))
def test_a_busy_act_rebuilds_only_the_pages_that_show_it(busy, new_client, act):
    before, do, shown, seen = ACTS[act]
    if before:
        before(busy)
        db.session.commit()
    pages = {page: page.format(**busy) for page in PAGES}
    pagecache.clear()
    for url in pages.values():
        _read(new_client, url)
    old = {page: _read(new_client, url) for page, url in pages.items()}
    assert [page for page, (hit, _text) in old.items() if not hit] == [], "not remembered before the act"
    do(busy)
    db.session.commit()
    after = {page: _read(new_client, url) for page, url in pages.items()}
    rebuilt = {page for page, (hit, _text) in after.items() if not hit}
    assert rebuilt == shown | COUNTED, act
    # the pages that show the act show the new state; every page served is the fresh one
    assert after[seen][1] != old[seen][1]
    pagecache.clear()
    cache.clear()  # and the parts pages are composed of (the live session page's): all built afresh
    assert [page for page, url in pages.items() if _read(new_client, url)[1] != after[page][1]] == []


def test_a_forum_page_lists_its_news_but_not_its_busy_acts(busy, new_client):
    """The forum page's latest activity is the forum's news — a member added — and no longer
    each vote or check-in, which its whole trail lists, one link away."""
    w = busy
    user, org = w["endorser"]
    forums.add_member(chairs(w["forum"])["state_chair"], w["forum"], user, org)
    sessions.check_in(w["members"]["academia"], w["session"])
    db.session.commit()
    html = new_client().get(f"/forums/{w['a']}").get_data(as_text=True)
    assert "member added" in html
    assert "checked in" not in html
    assert "checked in" in new_client().get(f"/trail/?forum={w['a']}").get_data(as_text=True)


def test_a_comment_on_an_accepted_proposal_is_offered_to_the_link_form_at_once(make, new_client):
    """The link form's inputs are remembered per forum version (commitments.queries.input_choices):
    a comment moves only its forum's comments facet, which they are keyed on too."""
    c = commitment(make)
    chair = chairs(c.forum)["state_chair"]
    accepted = answered(make, c.forum, title="Publicar contratos de obras a tiempo")
    citizen = make.user()
    page = new_client()
    page.login(chair.email)
    assert "comment:" not in page.get(f"/commitments/{c.id}").get_data(as_text=True)
    said = comments.post(citizen, accepted, "Que incluya las adendas de cada contrato.")
    db.session.commit()
    assert f'value="comment:{said.id}"' in page.get(f"/commitments/{c.id}").get_data(as_text=True)
