"""The log's pages anchored on a seq (issue 29): /trail/?before=<seq> and /api/v1/trail?before=
show a fixed set of entries, remembered across writes anywhere; the newest page shows a new
entry at once; the old page-number links lead to the same entries; a bad anchor is refused
with the reason."""
import re

import pytest
from sqlalchemy import func, select

from forum import trail
from forum.extensions import db
from forum.trail.models import TrailEntry

SEQ = re.compile(r'class="seq" href="/trail/(\d+)"')
FRESH = "Rosa Quispe Recién Llegada"


@pytest.fixture
def seed():
    def world(make):
        a, b = make.forum(open_=True), make.forum(open_=True)
        fresh = make.user(FRESH)  # only registered: not named until a public act
        for i in range(130):  # busy acts in two forums: none moves SITE
            trail.record("proposal.endorsed", ("proposal", 1000 + i), forum=a if i % 2 else b, checkpoint=False)
        db.session.commit()
        return {"a": a.id, "b": b.id, "fresh": fresh.id}
    return world


def seqs(resp) -> list[int]:
    assert resp.status_code == 200, resp.get_data(as_text=True)[:500]
    return [int(s) for s in SEQ.findall(resp.get_data(as_text=True))]


def expected(before=None, forum=None, action=None, limit=None) -> list[int]:
    q = select(TrailEntry.seq).order_by(TrailEntry.seq.desc())
    if before is not None:
        q = q.where(TrailEntry.seq < before)
    if forum:
        q = q.where(TrailEntry.forum_id == forum)
    if action:
        q = q.where(TrailEntry.action == action)
    return list(db.session.scalars(q.limit(limit)))


def per_page(app) -> int:
    return app.config["PAGE_SIZE"] * 2


def head() -> int:
    return db.session.scalar(select(func.max(TrailEntry.seq)))


def busy_write(forum_id) -> int:
    """A vote-like act elsewhere: moves its forum's and subject's versions and the head, not SITE."""
    from forum.forums.models import Forum
    e = trail.record("proposal.endorsed", ("proposal", 1), forum=db.session.get(Forum, forum_id), checkpoint=False)
    db.session.commit()
    return e.seq


def test_an_anchored_page_shows_the_entries_before_its_anchor_with_the_filters(app, ctx, seeded, client):
    n = per_page(app)
    anchor = head() - 30
    page = client.get(f"/trail/?forum={seeded['a']}&before={anchor}")
    shown = seqs(page)
    assert shown == expected(anchor, forum=seeded["a"], limit=n) and len(shown) == n
    # its Older link is anchored on its last entry, and continues exactly
    older = re.search(r'rel="next" href="([^"]+)"', page.get_data(as_text=True)).group(1).replace("&amp;", "&")
    assert f"before={shown[-1]}" in older and f"forum={seeded['a']}" in older
    assert seqs(client.get(older)) == expected(shown[-1], forum=seeded["a"], limit=n)
    # another filter with the anchor
    shown = seqs(client.get(f"/trail/?action=account.registered&before={anchor}"))
    assert shown == expected(anchor, action="account.registered", limit=n) and shown


def test_an_anchored_page_stays_remembered_across_a_write_anywhere(app, ctx, seeded, client, new_client):
    url = f"/trail/?before={head() - 10}"
    first = client.get(url)
    busy_write(seeded["a"])  # in the very forum the page lists, even
    again = new_client().get(url)
    assert again.headers.get("X-Page-Cache") == "hit"  # served from memory, not rebuilt
    assert seqs(again) == seqs(first) == expected(head() - 11, limit=per_page(app))


def test_the_newest_page_shows_a_new_entry_at_once(app, ctx, seeded, client):
    for url in ("/trail/", f"/trail/?forum={seeded['a']}"):
        assert seqs(client.get(url))[0] == head()
        new = busy_write(seeded["a"])
        shown = seqs(client.get(url))
        assert shown[0] == new and shown == expected(forum=seeded["a"] if "forum" in url else None,
                                                     limit=per_page(app))


def test_the_api_list_anchored_stays_the_same_and_its_next_links_keep_the_anchor(app, ctx, seeded, client):
    anchor = head() - 5
    url = f"/api/v1/trail?forum={seeded['b']}&limit=40&before={anchor}"
    first = client.get(url).get_json()
    want = sorted(expected(anchor, forum=seeded["b"]))
    assert [i["seq"] for i in first["items"]] == want[:40]
    assert f"before={anchor}" in first["next"]
    busy_write(seeded["b"])
    again = client.get(url)
    assert again.headers.get("X-Page-Cache") == "hit" and again.get_json() == first
    rest = client.get(first["next"].partition("localhost")[2]).get_json()
    assert [i["seq"] for i in rest["items"]] == want[40:] and rest["next"] is None  # the new entry is past it
    # without the anchor the list reaches the head at once
    items = client.get(f"/api/v1/trail?forum={seeded['b']}&limit=100").get_json()["items"]
    assert items[-1]["seq"] == head()


def test_the_old_page_number_links_lead_to_the_same_entries(app, ctx, seeded, client):
    n = per_page(app)
    resp = client.get(f"/trail/?page=2&forum={seeded['a']}")
    assert resp.status_code == 302
    location = resp.headers["Location"]
    assert "before=" in location and f"forum={seeded['a']}" in location and "page" not in location
    assert seqs(client.get(location)) == expected(forum=seeded["a"], limit=2 * n)[n:]
    assert client.get("/trail/?page=1").status_code == 200
    assert client.get("/trail/?page=999").status_code == 404  # no such page
    # the Newer link of an anchored page: the entries just after it
    page = client.get(location).get_data(as_text=True)
    newer = re.search(r'rel="prev" href="([^"]+)"', page).group(1).replace("&amp;", "&")
    assert seqs(client.get(newer, follow_redirects=True)) == expected(forum=seeded["a"], limit=n)


@pytest.mark.parametrize("anchor", ["-1", "abc", "99999999999999999999", "1.5"])
def test_an_anchor_that_is_not_a_seq_is_refused_with_the_reason(ctx, client, caplog, anchor):
    resp = client.get(f"/trail/?before={anchor}")
    assert resp.status_code == 400 and "“before” must be a number" in resp.get_data(as_text=True)
    api = client.get(f"/api/v1/trail?before={anchor}")
    assert api.status_code == 400 and api.get_json()["field"] == "before"
    assert not [r for r in caplog.records if r.exc_info]


def test_an_anchor_past_the_head_is_refused_with_the_reason(ctx, client, caplog):
    past = head() + 2
    resp = client.get(f"/trail/?before={past}")
    assert resp.status_code == 404 and f"no entry {past - 1} yet" in resp.get_data(as_text=True)
    api = client.get(f"/api/v1/trail?before={past}")
    assert api.status_code == 400 and api.get_json()["error"] == "no_such_entry"  # the description has no 404 here
    assert seqs(client.get(f"/trail/?before={head() + 1}"))[0] == head()  # the log as it is: every entry
    assert not [r for r in caplog.records if r.exc_info]


def test_a_kept_row_is_the_row_built_afresh(app, ctx, seeded, client, new_client):
    """Rows are kept between builds: the newest page after a write is the page built with
    nothing kept, for a visitor and for the person whose entry it is (their receipt)."""
    from forum.accounts.models import User
    from forum.trail import cache
    actor = db.session.scalars(select(User).where(User.id != seeded["fresh"])).first()
    client.get("/trail/")
    e = trail.record("proposal.endorsed", ("proposal", 7), actor=actor, checkpoint=False)
    db.session.commit()
    me = new_client()
    me.login(actor.email)
    kept = client.get("/trail/").get_data(as_text=True), me.get("/trail/").get_data(as_text=True)
    cache.clear()
    from forum import pagecache
    pagecache.clear()
    fresh = client.get("/trail/").get_data(as_text=True), me.get("/trail/").get_data(as_text=True)
    token = re.compile(r'(csrf[-_]token"[^>]*(?:value|content)=)"[^"]+"')
    assert [token.sub("", x) for x in kept] == [token.sub("", x) for x in fresh]
    assert f"/trail/{e.seq}/receipt.json" in kept[1] and "your receipt" not in kept[0]


def test_someone_named_by_their_first_act_is_named_on_every_row(ctx, seeded, client):
    """Their registration's row is not kept while it says "a registered person": a first public
    act names them without moving SITE, and the rows already shown name them too."""
    from forum.accounts.models import User
    fresh = db.session.get(User, seeded["fresh"])
    url = f"/trail/?action=account&before={head() + 1}"
    assert FRESH not in client.get("/trail/?action=account").get_data(as_text=True)
    assert FRESH not in client.get(url).get_data(as_text=True)
    trail.record("comment.posted", ("proposal", 3), actor=fresh, checkpoint=False)  # a public act
    db.session.commit()
    assert FRESH in client.get("/trail/?action=account").get_data(as_text=True)


def test_a_membership_names_a_person_on_an_anchored_page(ctx, seeded, client, make):
    """Names move with SITE: a page anchored before a person's approved membership names them
    once approved (an organisation's entry moves SITE)."""
    from forum.accounts.models import User
    url = f"/trail/?action=account.registered&before={head() + 1}"
    assert FRESH not in client.get(url).get_data(as_text=True)
    make.join(db.session.get(User, seeded["fresh"]), make.org("civil_society"))
    assert FRESH in client.get(url).get_data(as_text=True)


def test_statements_of_the_log_pages_do_not_grow_with_the_log(app, ctx, seeded, client, count_queries):
    from forum import pagecache
    from forum.forums.models import Forum
    from forum.trail import cache
    urls = ["/trail/", f"/trail/?forum={seeded['a']}", "/api/v1/trail", f"/trail/?before={head() - 20}",
            f"/api/v1/trail?before={head()}"]

    def counted() -> list[int]:
        found = []
        for url in urls:
            cache.clear()
            pagecache.clear()
            with count_queries() as q:
                assert client.get(url).status_code == 200, url
            found.append(q.n)
        return found
    before = counted()
    forum = db.session.get(Forum, seeded["a"])
    for i in range(400):
        trail.record("proposal.endorsed", ("proposal", 5000 + i), forum=forum, checkpoint=False)
    db.session.commit()
    assert counted() == before
