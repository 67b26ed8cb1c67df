"""Pages that print the names of the log's people and are kept across writes — a page of the
log anchored on a seq (/trail/?before=<seq>, /api/v1/trail?before=<seq>), one entry's page and
its API item, the front page's news — name them as a fresh build would, read by visitors
before and after a change of who may be named. A person who only registered is "a registered
person" until their first public act (forums/names.py), which moves no SITE and, if it is a
busy act (a comment, an endorsement), not the front page's version either: so such a page
kept under those alone went on printing "a registered person" after they were named."""
import pytest
from sqlalchemy import func, select

from forum import trail
from forum.accounts.models import User
from forum.extensions import db
from forum.trail.models import TrailEntry

FRESH = "Ana Recién Registrada"


@pytest.fixture
def seed():
    def world(make):
        forum = make.forum(open_=True)
        fresh = make.user(FRESH, confirmed=False)  # only registered: unnamed until a public act
        return {"forum": forum.id, "fresh": fresh.id}
    return world


def head() -> int:
    return db.session.scalar(select(func.max(TrailEntry.seq)))


def _pages(seq: int) -> list[str]:
    """Every kept page that shows the registration entry `seq` (the newest, when read)."""
    return [f"/trail/?action=account.registered&before={seq + 1}", f"/trail/?before={seq + 1}", f"/trail/{seq}",
            f"/api/v1/trail?before={seq + 1}", f"/api/v1/trail/{seq}", "/"]


def test_a_first_public_act_names_the_person_on_every_kept_page(ctx, seeded, client, new_client):
    pages = _pages(head())
    before = {url: client.get(url) for url in pages}
    assert {url: r.status_code for url, r in before.items()} == dict.fromkeys(pages, 200)
    assert [url for url, r in before.items() if FRESH in r.get_data(as_text=True)] == []
    assert [url for url in pages if new_client().get(url).headers.get("X-Page-Cache") != "hit"] == [], \
        "each is kept for the next visitor"
    trail.record("comment.posted", ("proposal", 3), actor=db.session.get(User, seeded["fresh"]),
                 checkpoint=False)  # their first public act: a busy one, which moves neither SITE nor the front page
    db.session.commit()
    assert [url for url in pages if FRESH not in new_client().get(url).get_data(as_text=True)] == []


def test_a_second_public_act_leaves_those_pages_kept(ctx, seeded, client, new_client):
    """Only the first act names anyone: the pages are not rebuilt at every act of the named."""
    fresh = db.session.get(User, seeded["fresh"])
    trail.record("comment.posted", ("proposal", 3), actor=fresh, checkpoint=False)
    db.session.commit()
    pages = _pages(head() - 1)[:-1]  # the front page shows the newest entries: not this one
    assert all(FRESH in client.get(url).get_data(as_text=True) for url in pages)
    trail.record("comment.posted", ("proposal", 4), actor=fresh, checkpoint=False)
    db.session.commit()
    assert [url for url in pages if new_client().get(url).headers.get("X-Page-Cache") != "hit"] == []
