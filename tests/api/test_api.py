"""The read-only API as a journalist's script uses it, on the demo with a hidden proposal, a
live session with an open motion and one ballot, and a consultation whose comments are not
yet published: every list walks completely by cursor, nothing a page hides appears, answers
are conditional and open to other origins, and every refusal says why."""
import json
import re

import pytest
from sqlalchemy import select

from forum import pagecache
from forum.accounts.models import User
from forum.extensions import db
from forum.proposals.models import Proposal
from forum.trail import cache as trail_cache
from tests.helpers.proposals import chairs

HIDE_REASON = "Contiene datos personales de terceros; se oculta a pedido del afectado."


@pytest.fixture
def seed():
    def demo_plus(make):
        from forum.demo import seed as load
        from forum.forums.models import Forum
        from forum.proposals.services import moderation
        from forum.sessions import services
        from forum.sessions.models import ForumSession
        from forum.sessions.services import motions
        from tests.helpers.live import waive_quorum
        load()
        forum = db.session.get(Forum, 1)
        hidden = db.session.get(Proposal, 2)
        moderation.hide_proposal(chairs(forum)["civil_chair"], hidden, HIDE_REASON)
        s = db.session.scalar(select(ForumSession).where(ForumSession.status == "scheduled"))
        services.start(chairs(s.forum)["state_chair"], s, reason="Adelantada por la consulta en curso.")
        voter = chairs(s.forum)["state_chair"]
        services.check_in(voter, s)
        waive_quorum(s.forum, s)
        m = motions.open_motion(chairs(s.forum)["civil_chair"], s, "Aprobar el cronograma de la consulta")
        motions.vote(voter, s, m.id, "yes")
        db.session.commit()
        return {"hidden": hidden.id, "hidden_title": hidden.title, "live": s.id, "motion": m.id}
    return demo_plus


def get(client, url, **kw):
    r = client.get(url, **kw)
    assert r.headers["Content-Type"].startswith("application/json"), url
    return r


def walk(client, url) -> list[dict]:
    items, pages = [], 0
    while url:
        body = get(client, url).get_json()
        items += body["items"]
        url = body["next"]
        pages += 1
        assert pages < 200
    return items


def test_every_list_walks_completely_by_cursor_without_repeats(client, seeded):
    total = db.session.scalar(select(db.func.count()).select_from(Proposal))
    items = walk(client, "/api/v1/proposals?limit=3")
    assert sorted(p["id"] for p in items) == list(range(1, total + 1))
    assert len(walk(client, "/api/v1/trail?limit=50")) == db.session.scalar(
        select(db.func.count()).select_from(__import__("forum.trail.models", fromlist=["TrailEntry"]).TrailEntry))
    body = get(client, "/api/v1/proposals?limit=3").get_json()
    assert get(client, "/api/v1/proposals?limit=3").headers["Link"] == f'<{body["next"]}>; rel="next"'


def test_filters_are_the_pages_filters(client, seeded):
    accepted = walk(client, "/api/v1/proposals?status=accepted&limit=100")
    assert accepted and {p["status"] for p in accepted} == {"accepted"}
    on_page = client.get("/proposals/?status=accepted").get_data(as_text=True)
    for p in accepted:
        assert f'href="/proposals/{p["id"]}"' in on_page
    forum1 = walk(client, "/api/v1/proposals?forum=1")
    assert {p["forum"]["id"] for p in forum1} == {1}
    assert {c["forum"]["id"] for c in walk(client, "/api/v1/commitments?forum=2")} <= {2}
    responded = walk(client, "/api/v1/trail?action=proposal&organisation=5&limit=100")
    assert responded and all(e["action"].startswith("proposal.") for e in responded)
    assert all(e["actor_org"] == 5 for e in responded)
    day = responded[0]["at"][:10]
    assert {e["at"][:10] for e in walk(client, f"/api/v1/trail?since={day}&until={day}")} == {day}


def test_a_hidden_proposal_keeps_its_record_but_not_its_words(client, seeded):
    p = get(client, f"/api/v1/proposals/{seeded['hidden']}").get_json()
    assert p["hidden"] is True and p["hidden_reason"] == HIDE_REASON
    assert p["title"] is p["problem"] is p["proposal"] is None and p["versions"] == []
    word = seeded["hidden_title"].split()[-1]
    found = walk(client, f"/api/v1/proposals?q={word}")
    assert seeded["hidden"] not in [x["id"] for x in found]
    everything = json.dumps(walk(client, "/api/v1/proposals?limit=100"), ensure_ascii=False)
    assert seeded["hidden_title"] not in everything


def test_an_open_ballot_and_unapproved_minutes_stay_out(client, seeded):
    s = get(client, f"/api/v1/sessions/{seeded['live']}").get_json()
    (open_motion,) = [m for m in s["motions"] if m["id"] == seeded["motion"]]
    assert open_motion["result"] is None and open_motion["vote_events"] == []
    assert s["minutes"]["text"] is None
    closed = get(client, "/api/v1/sessions/1").get_json()
    event = closed["motions"][0]["vote_events"][0]  # Popolo vote event, counts and roll call
    assert event["result"] in ("pass", "fail") and event["motion_id"] == closed["motions"][0]["id"]
    assert sum(c["value"] for c in event["counts"]) == len(event["votes"]) > 0
    assert {"voter_id", "voter_name", "option", "group_id"} <= set(event["votes"][0])
    assert closed["minutes"]["text"]


def test_unpublished_comments_stay_out_and_hidden_ones_lose_their_words(client, seeded):
    waiting = get(client, "/api/v1/consultations/2").get_json()
    assert waiting["comments_published"] is False and waiting["comments"] == []
    assert waiting["comments_count"] == 2  # counts are public, as on the page
    done = get(client, "/api/v1/consultations/1").get_json()
    hidden = [c for c in done["comments"] if c["hidden"]]
    assert hidden and all(c["body"] is None and c["hidden_reason"] for c in hidden)


def test_no_e_mail_address_anywhere(client, seeded):
    emails = set(db.session.scalars(select(User.email)))
    pages = [walk(client, f"/api/v1/{name}?limit=100") for name in
             ("forums", "organisations", "proposals", "consultations", "commitments", "sessions", "trail")]
    details = [get(client, item["url"].replace("http://localhost", "")).get_json() for page in pages[:-1]
               for item in page]
    text = json.dumps([pages, details], ensure_ascii=False)
    assert not [e for e in emails if e in text]
    assert not re.search(r"[\w.+-]+@[\w-]+\.demo", text)


def test_answers_are_conditional_and_open_to_other_origins(client, seeded):
    r = get(client, "/api/v1/proposals/1")
    assert r.status_code == 200 and r.headers["Access-Control-Allow-Origin"] == "*"
    assert r.headers["ETag"] and r.headers["Last-Modified"]
    again = client.get("/api/v1/proposals/1", headers={"If-None-Match": r.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    since = client.get("/api/v1/proposals/1", headers={"If-Modified-Since": r.headers["Last-Modified"]})
    assert since.status_code == 304
    preflight = client.raw.options("/api/v1/proposals", headers={"Origin": "https://example.org",
                                                                 "Access-Control-Request-Method": "GET"})
    assert preflight.headers["Access-Control-Allow-Origin"] == "*"
    assert "credentials" not in str(preflight.headers).lower()


def test_a_change_changes_the_etag(client, seeded, make):
    from forum.proposals.services import responses
    before = get(client, "/api/v1/proposals/3").headers["ETag"]
    p = db.session.get(Proposal, 3)
    responses.respond(chairs(p.forum)["state_chair"], p, "rejected",
                      "No corresponde al alcance del foro; se deriva a la mesa de educación.")
    db.session.commit()
    after = client.get("/api/v1/proposals/3", headers={"If-None-Match": before})
    assert after.status_code == 200 and after.get_json()["status"] == "rejected"


@pytest.mark.parametrize("url, field, words", [
    ("/api/v1/proposals?status=maybe", "status", "accepted"),
    ("/api/v1/proposals?colour=red", "colour", "Unknown"),
    ("/api/v1/proposals?limit=0", "limit", "1 to 100"),
    ("/api/v1/proposals?limit=100000", "limit", "1 to 100"),
    ("/api/v1/proposals?forum=99999999999999999999", "forum", "1 to"),
    ("/api/v1/proposals?cursor=Zm9vOmJhcg", "cursor", "cursor"),
    ("/api/v1/proposals?cursor=%%%", "cursor", "cursor"),
    ("/api/v1/proposals?cursor=YWZ0ZXI6wrI", "cursor", "cursor"),  # "after:²": a digit to isdigit, not to int
    ("/api/v1/forums?cycle=2019", "cycle", "2019-2021"),
    ("/api/v1/trail?since=yesterday", "since", "2024-03-31"),
])
def test_bad_arguments_are_refused_with_the_reason(client, seeded, url, field, words):
    r = get(client, url)
    body = r.get_json()
    assert r.status_code == 400 and body["field"] == field and words in body["message"], body


def test_refusals_speak_spanish_to_a_spanish_client(client, seeded):
    body = get(client, "/api/v1/proposals?colour=red", headers={"Accept-Language": "es"}).get_json()
    assert "Parámetro" in body["message"] or "parámetro" in body["message"]


@pytest.mark.parametrize("url", ["/api/v1/proposals/999999", "/api/v1/forums/99999999999",
                                 "/api/v1/cycles/1900-1901/figures", "/api/v1/nothing"])
def test_unknown_things_are_json_404s(client, seeded, url):
    r = get(client, url)
    assert r.status_code == 404 and r.get_json()["message"]


@pytest.mark.parametrize("name", ["proposals", "trail?forum=1", "commitments", "sessions", "consultations", "forums",
                                  "organisations", "trail/checkpoints"])
def test_a_list_costs_the_same_statements_at_any_page_size(client, seeded, count_queries, name):
    sep = "&" if "?" in name else "?"
    client.get(f"/api/v1/{name}{sep}limit=5")  # warm the caches
    pagecache.clear()  # but count the statements of answers built, not remembered
    trail_cache.clear()  # nor kept parts (the trail's items: trail/fragments.py)
    client.get("/api/v1/forums?limit=1")  # the clock's boundaries, made once for every page, made again
    with count_queries() as small:
        assert client.get(f"/api/v1/{name}{sep}limit=5").status_code == 200
    trail_cache.clear()
    with count_queries() as large:
        assert client.get(f"/api/v1/{name}{sep}limit=100").status_code == 200
    assert small.n == large.n


def test_figures_match_the_dashboards(client, seeded):
    from forum.dashboards import figures
    from forum.forums.models import Forum
    body = get(client, "/api/v1/cycles/2019-2021/figures").get_json()
    glance = figures.for_forums(figures.cycle_forums("2019-2021"))
    assert body["glance"]["adopted"] == glance.adopted and body["glance"]["traced"] == glance.traced
    assert body["glance"]["iap2_level"] == glance.iap2_level
    ledger = get(client, "/api/v1/forums/1/figures").get_json()["ledger"]
    assert ledger["received"] == db.session.scalar(select(db.func.count()).where(Proposal.forum_id == 1))
    assert db.session.get(Forum, 1)


def test_the_description_is_openapi_3_1_and_documents_every_operation(client, seeded, app):
    spec = get(client, "/api/v1/openapi.json").get_json()
    assert spec["openapi"] == "3.1.0"
    api_rules = {re.sub(r"<(?:\w+:)?(\w+)>", r"{\1}", r.rule.removeprefix("/api/v1"))
                 for r in app.url_map.iter_rules() if r.endpoint.startswith("api.")
                 and r.endpoint not in ("api.index", "api.openapi", "api.docs")}
    assert api_rules == set(spec["paths"])
    page = client.get("/api/v1/docs").get_data(as_text=True)
    for path in spec["paths"]:
        assert f"GET {path}" in page
    assert "<script" not in page or 'src="/static/' in page  # served from our own assets


def test_the_page_and_the_api_give_the_same_on_behalf_count(client, seeded):
    """How many endorsements came on behalf of a verified organisation: the part of a count
    no throwaway account can inflate, said alike on the page and in the API."""
    p = get(client, "/api/v1/proposals/1").get_json()
    assert 0 < p["endorsements_from_organisations"] <= p["endorsement_count"]
    page = client.get("/proposals/1").get_data(as_text=True)
    n = p["endorsements_from_organisations"]
    assert f"Of these, {n} {'was' if n == 1 else 'were'} given on behalf of" in page
