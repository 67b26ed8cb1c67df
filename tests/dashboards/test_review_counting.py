"""OGP standard 5 counted by one rule (forum/dashboards/review_attendance.py): a review counts
once ended and only when the civil-society co-chair checked in. The minimum requirements page,
its API and the forum's dashboard ask the same rule, so an anonymous reader sees one review
counted and the other listed with its reason, and the dashboard's Collaborate step agrees."""
import csv
import io
import json
import zipfile
from datetime import timedelta

from sqlalchemy import select

from forum import pagecache
from forum.core.clock import frozen_at
from forum.dashboards import review_attendance
from forum.extensions import db
from forum.forums.models import Seat, SeatRole
from forum.sessions import services as sessions
from tests.dashboards.test_implementation_influence import DAY, _review_session
from tests.helpers import reviews
from tests.helpers.monitoring import START, adopted
from tests.helpers.proposals import chairs

AT = START + 30 * DAY


def _two_reviews(make):
    """A forum in its first year of implementation: a review without the civil-society
    co-chair, then one they attended."""
    c, _v = adopted(make)
    forum = c.forum
    state, civil = chairs(forum)["state_chair"], chairs(forum)["civil_chair"]
    absent = _review_session(state, forum, START + 10 * DAY, civil_chair_present=False)
    present = _review_session(state, forum, START + 20 * DAY)
    return forum, civil, absent, present


def _reviews(body) -> dict:
    return next(r for r in body["requirements"] if r["key"] == "reviews")["forums"][0]


def test_an_anonymous_reader_sees_one_review_counted_and_the_other_with_its_reason(make, new_client):
    forum, civil, absent, present = _two_reviews(make)
    with frozen_at(AT):
        en = new_client().get(f"/forums/{forum.id}/requirements", headers={"Accept-Language": "en"})
        es = new_client().get(f"/forums/{forum.id}/requirements", headers={"Accept-Language": "es"})
        api = new_client().get(f"/api/v1/forums/{forum.id}/requirements")
        feed = new_client().get(f"/cycles/{forum.cycle}/requirements.atom").get_data(as_text=True)
        archive = new_client().get("/data/traza-all.zip")
    page = en.get_data(as_text=True)
    assert f'data-review="{present.id}" data-counted="yes" data-reason="attended"' in page
    assert f'data-review="{absent.id}" data-counted="no" data-reason="absent"' in page
    assert f"{civil.display_name}, attended: counted" in page
    assert f"{civil.display_name}, did not check in: not counted" in page
    assert "counted: 1 of 2 held" in page
    # Two held in the running year, one counted: short of two, so not met yet — not "Met".
    assert 'data-requirement="reviews" data-verdict="not_yet_due"' in page
    spanish = es.get_data(as_text=True)
    assert f"{civil.display_name}, no registró su asistencia: no cuenta" in spanish
    assert "contadas: 1 de 2 realizadas" in spanish
    r = _reviews(api.get_json())
    assert r["verdict"] == "not_yet_due"
    assert (r["figures"]["held"], r["figures"]["counted"]) == (2, 1)
    [year] = r["figures"]["years"]
    assert (year["held"], year["counted"]) == (2, 1)
    assert [(v["session"], v["civil_chair"], v["attended"], v["reason"]) for v in year["reviews"]] == [
        (absent.id, civil.display_name, False, "absent"), (present.id, civil.display_name, True, "attended")]
    assert "requirements#reviews-not_yet_due" in feed  # what an auditor following the verdicts learns
    with zipfile.ZipFile(io.BytesIO(archive.data)) as z:
        rows = list(csv.DictReader(io.StringIO(z.read("data/requirements.csv").decode("utf-8"))))
    archive.close()
    [row] = [r for r in rows if r["forum_id"] == str(forum.id) and r["requirement"] == "reviews"]
    figures = json.loads(row["figures"])
    assert (row["verdict"], figures["held"], figures["counted"]) == ("not_yet_due", 2, 1)
    assert [v["reason"] for v in figures["years"][0]["reviews"]] == ["absent", "attended"]


def test_the_dashboard_and_the_requirements_count_the_same_reviews(make, new_client):
    """Within the last twelve months both windows hold the same reviews: the dashboard's
    Collaborate step and standard 5 count the same ones and give the same reasons."""
    forum, civil, absent, present = _two_reviews(make)
    with frozen_at(AT):
        glance = new_client().get(f"/api/v1/forums/{forum.id}/figures").get_json()["glance"]["implementation"]
        body = new_client().get(f"/api/v1/forums/{forum.id}/requirements").get_json()
    collaborate = next(s for s in glance["steps"] if s["level"] == "collaborate")["figures"]
    standard5 = _reviews(body)["figures"]
    assert collaborate["reviews_attended"] == standard5["counted"] == 1
    assert collaborate["reviews"] == standard5["held"] == 2
    assert [(v["session"], v["attended"], v["civil_chair"]) for v in collaborate["review_sessions"]] == \
        [(v["session"], v["attended"], v["civil_chair"]) for v in standard5["years"][0]["reviews"]]


def test_a_review_before_any_civil_society_co_chair_held_the_seat(make):
    """Nobody held the civil-society seat when the review started (its chair was seated
    later): it is listed, not counted, and says why."""
    forum, civil, absent, present = _two_reviews(make)
    seat = db.session.scalars(select(Seat).where(Seat.forum_id == forum.id, Seat.role == SeatRole.CIVIL_CHAIR)).one()
    seat.created_at = START + 15 * DAY  # seated between the two reviews
    db.session.commit()
    rows = review_attendance.held([forum.id], AT)
    assert [(v["session"], v["civil_chair"], v["attended"], v["reason"]) for v in rows] == [
        (absent.id, None, False, "no_chair"), (present.id, civil.display_name, True, "attended")]


def test_the_co_chair_checking_in_to_a_review_reaches_the_remembered_pages(app, make, new_client):
    """Check-ins move only the forum's live facet, which the requirements pages declare
    (forum/pagedeps.py `_counted`); ending the review moves the forum, which the dashboard is
    keyed on. A reader who was served the remembered pages sees the review counted after the
    co-chair checked in and the review ended."""
    forum, civil, absent, _present = _two_reviews(make)
    state = chairs(forum)["state_chair"]
    at = START + 25 * DAY
    s = reviews.scheduled(forum, at, "Tercera revisión")
    with frozen_at(at):
        sessions.start(state, s)
    db.session.commit()
    seconds = app.config["PAGE_CACHE_SECONDS"]
    app.config["PAGE_CACHE_SECONDS"] = 3600
    pages = [f"/forums/{forum.id}/requirements", f"/api/v1/forums/{forum.id}/requirements",
             f"/forums/{forum.id}/dashboard"]
    try:
        pagecache.clear()
        with frozen_at(at + timedelta(minutes=5)):
            for url in pages:
                new_client().get(url)
            assert all(new_client().get(url).headers.get("X-Page-Cache") == "hit" for url in pages)
            sessions.check_in(civil, s)
            db.session.commit()
            page = new_client().get(pages[0]).get_data(as_text=True)
            assert f'data-review="{s.id}"' not in page, "a review counts once it has ended"
        with frozen_at(at + timedelta(hours=2)):
            sessions.end(state, s)
            db.session.commit()
        with frozen_at(AT):
            page = new_client().get(pages[0]).get_data(as_text=True)
            body = new_client().get(pages[1]).get_json()
            dashboard = new_client().get(pages[2]).get_data(as_text=True)
    finally:
        app.config["PAGE_CACHE_SECONDS"] = seconds
    assert f'data-review="{s.id}" data-counted="yes" data-reason="attended"' in page
    assert 'data-requirement="reviews" data-verdict="met"' in page  # two counted in the running year
    assert _reviews(body)["figures"]["counted"] == 2
    assert f'data-review="{s.id}" data-counted="yes"' in dashboard
