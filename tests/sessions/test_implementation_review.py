"""Implementation-review sessions (issue 27, item 6): a co-chair marks a session as one when
scheduling it or before it starts, on the trail; nobody else may, and not once it started;
the cycle page shows how many were held and when."""
import json
from datetime import timedelta

from sqlalchemy import select

from forum.core.clock import frozen_at, utcnow
from forum.extensions import db
from forum.sessions import services
from forum.sessions.models import ForumSession
from forum.trail.models import TrailEntry
from tests.conftest import trail_actions_since, trail_length
from tests.helpers.proposals import chairs

FORM = {"title": "Revisión de la implementación", "place": "MINAM, Lima", "agenda-0-title": "Avances del plan"}


def _times(days=16):
    start = utcnow() + timedelta(days=days)
    return {"starts_at": start.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (start + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M")}


def _scheduled(forum):
    at = utcnow() + timedelta(days=20)
    s = services.schedule(chairs(forum)["state_chair"], forum, title="Sesión ordinaria", starts_at=at,
                          ends_at=at + timedelta(hours=2), place="Lima", agenda=[services.ItemInput("Avances")])
    db.session.commit()
    return s


def test_a_co_chair_marks_it_when_scheduling(make, client):
    forum = make.forum(open_=True)
    client.login(chairs(forum)["civil_chair"].email)
    before = trail_length()
    resp = client.post(f"/forums/{forum.id}/sessions/new", {**FORM, **_times(), "implementation_review": "y"})
    assert resp.status_code == 302
    s = db.session.scalars(select(ForumSession)).one()
    assert s.implementation_review is True
    assert trail_actions_since(before) == ["session.scheduled", "session.review_marked"]
    page = client.get(f"/sessions/{s.id}").get_data(as_text=True)
    assert "implementation results to civil society (OGP minimum requirement 5.1)" in page


def test_a_refused_schedule_leaves_no_mark(make, client):
    forum = make.forum(open_=True)
    client.login(chairs(forum)["state_chair"].email)
    before = trail_length()
    resp = client.post(f"/forums/{forum.id}/sessions/new",
                       {**FORM, **_times(), "place": "", "implementation_review": "y"})
    assert resp.status_code == 400
    assert trail_length() == before and db.session.scalars(select(ForumSession)).all() == []


def test_only_a_co_chair_marks_it_and_only_before_it_starts(make, client, new_client):
    forum = make.forum(open_=True)
    s = _scheduled(forum)
    member, org = make.member_of("civil_society")
    from forum.forums import services as forums
    forums.add_member(chairs(forum)["state_chair"], forum, member, org)
    db.session.commit()
    before = trail_length()
    client.login(member.email)
    assert client.post(f"/sessions/{s.id}/implementation-review", {"implementation_review": "y"}).status_code == 403
    anonymous = new_client()
    resp = anonymous.post(f"/sessions/{s.id}/implementation-review", {"implementation_review": "y"})
    assert resp.status_code == 302 and "/account/login" in resp.headers["Location"]
    assert trail_length() == before and db.session.get(ForumSession, s.id).implementation_review is False

    chair = new_client()
    chair.login(chairs(forum)["civil_chair"].email)
    assert chair.post(f"/sessions/{s.id}/implementation-review", {"implementation_review": "y"}).status_code == 302
    entry = db.session.scalars(select(TrailEntry).where(TrailEntry.action == "session.review_marked")).one()
    assert json.loads(entry.payload) == {"implementation_review": True}
    assert chair.post(f"/sessions/{s.id}/implementation-review", {}).status_code == 302  # taken back
    assert db.session.get(ForumSession, s.id).implementation_review is False

    with frozen_at(s.starts_at):
        services.start(chairs(forum)["state_chair"], s)
    db.session.commit()
    length = trail_length()
    resp = chair.post(f"/sessions/{s.id}/implementation-review", {"implementation_review": "y"})
    assert resp.status_code == 400
    assert "Only a session that has not started yet" in resp.get_data(as_text=True)
    assert trail_length() == length and db.session.get(ForumSession, s.id).implementation_review is False


def test_the_cycle_page_shows_how_many_were_held_and_when(make, client):
    from forum.sessions.services import review
    forum = make.forum(open_=True)
    s = _scheduled(forum)
    review.mark(chairs(forum)["state_chair"], s, True)
    other = _scheduled(forum)  # not a review: not counted
    db.session.commit()
    for session in (s, other):
        with frozen_at(session.starts_at):
            services.start(chairs(forum)["state_chair"], session)
        with frozen_at(session.starts_at + timedelta(hours=1)):
            services.end(chairs(forum)["state_chair"], session)
    db.session.commit()
    page = client.get(f"/cycles/{forum.cycle}").get_data(as_text=True)
    assert '<span data-figure="reviews-held">1</span>' in page
    assert f'href="/sessions/{s.id}"' in page and f'href="/sessions/{other.id}"' not in page.split(
        'id="implementation-reviews"')[1].split("</section>")[0]
