"""The Collaborate step of the implementation level counts a review session only when the
civil-society co-chair checked in to it (forum/dashboards/review_attendance.py): a review
held without civil society's chair presented nothing to it. The dashboard, the API and the
open-data archive say which sessions and who attended."""
import csv
import io
import zipfile

from forum.core.clock import frozen_at
from tests.dashboards.test_implementation_influence import DAY, _review_session
from tests.helpers.monitoring import START, adopted
from tests.helpers.proposals import chairs


def _collaborate(client, forum):
    glance = client.get(f"/api/v1/forums/{forum.id}/figures").get_json()["glance"]["implementation"]
    return next(s for s in glance["steps"] if s["level"] == "collaborate")


def test_a_review_without_the_civil_society_co_chair_does_not_count(make, client):
    c, _v = adopted(make)
    forum, state = c.forum, chairs(c.forum)["state_chair"]
    civil = chairs(forum)["civil_chair"]
    absent = _review_session(state, forum, START + 10 * DAY, civil_chair_present=False)
    present = _review_session(state, forum, START + 20 * DAY)
    with frozen_at(START + 30 * DAY):
        step = _collaborate(client, forum)
        page = client.get(f"/forums/{forum.id}/dashboard").get_data(as_text=True)
        archive = client.get("/data/traza-all.zip")
    f = step["figures"]
    assert (f["reviews"], f["reviews_attended"], f["reviews_threshold"]) == (2, 1, 2)
    assert step["criterion"] is False, "two reviews held, one attended by civil society's co-chair: short of two"
    assert [(r["session"], r["civil_chair"], r["attended"]) for r in f["review_sessions"]] == [
        (absent.id, civil.display_name, False), (present.id, civil.display_name, True)]
    assert f'data-review="{absent.id}" data-attended="no"' in page
    assert f'data-review="{present.id}" data-attended="yes"' in page and civil.display_name in page
    assert "1 of 2 sessions attended by the civil-society co-chair" in page
    with zipfile.ZipFile(io.BytesIO(archive.data)) as z:
        rows = list(csv.DictReader(io.StringIO(z.read("data/implementation_influence.csv").decode("utf-8"))))
    archive.close()
    assert [(r["reviews_last_year"], r["reviews_attended_by_civil_chair"]) for r in rows
            if r["forum_id"] == str(forum.id)] == [("2", "1")]

    _review_session(state, forum, START + 25 * DAY)  # the second review civil society's chair attended
    with frozen_at(START + 30 * DAY):
        step = _collaborate(client, forum)
    assert step["figures"]["reviews_attended"] == 2 and step["criterion"] is True
