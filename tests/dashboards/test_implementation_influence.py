"""The IAP2 level of the implementation phase (issue 27, item 7), derived from the monitoring
figures by the rule written on the page (forum/dashboards/implementation.py): a forum is built
act by act, and at each step's boundary — a second before and a second after a clock runs out,
one co-monitor more, one review session more, a threshold changed — the level and the step
that decided it are checked against counts made by hand. The page, the API and the open-data
archive say the same."""
import csv
import io
import zipfile
from datetime import timedelta

import pytest
from flask import current_app

from forum.core.clock import frozen_at
from forum.extensions import db
from forum.monitoring import services
from tests.helpers import reviews
from tests.helpers.monitoring import START, adopted, monitored, report
from tests.helpers.proposals import REASON, chairs

DAY, SECOND = timedelta(days=1), timedelta(seconds=1)
CONTEST = "El enlace no muestra el conjunto de datos que el informe dice publicado; solo una portada."


def level(forum, at):
    """(level, the step that decided it) at `at`, as the dashboard computes it."""
    from forum.dashboards import figures
    with frozen_at(at):
        im = figures.for_forums([forum]).implementation
    return im["level"], im["decided_by"]


def _review_session(chair, forum, starts, civil_chair_present=True):
    """A review session held by the State co-chair (`chair`); the civil-society co-chair
    checks in unless told otherwise (Collaborate counts only the reviews they attended)."""
    assert chair == chairs(forum)["state_chair"]
    return reviews.held(forum, starts, civil_chair_present)


def test_each_step_of_the_rule_at_its_boundary(make, client):
    a, va, monitor_a, state = monitored(make)
    forum = a.forum
    b, vb = adopted(make, forum=forum)
    c, vc = adopted(make, forum=forum)
    civil = chairs(forum)["civil_chair"]
    # Nothing reported, nothing verified: the State's word alone.
    assert level(forum, START + DAY) == ("inform", "consult")

    u1 = report(state, a, va.milestones[0], START + DAY)
    with frozen_at(START + 2 * DAY):
        contest = services.contest(monitor_a, u1, CONTEST)
    db.session.commit()
    # The contest's answer is due on day 32: until then none is due, so civil society's one
    # verdict makes it Consult; one co-monitor for three commitments (33% < 50%) stops Involve.
    due = START + 2 * DAY + timedelta(days=30)
    assert level(forum, due) == ("consult", "involve")
    # A second later the contest is overdue without an answer: 0 of 1 answered (< 80%).
    assert level(forum, due + SECOND) == ("inform", "consult")

    with frozen_at(START + 40 * DAY):
        services.answer(state, contest, REASON)  # late, but answered: 1 of 1
        org = next(s.organisation for s in forum.active_seats if s.role == "civil_chair")
        monitor_b = make.user()
        make.join(monitor_b, org)
        services.appoint(civil, b, monitor_b, org)  # 2 of 3 commitments with a co-monitor (67%)
    db.session.commit()
    u2 = report(state, b, vb.milestones[0], START + 40 * DAY)
    report(state, b, vb.milestones[0], START + 40 * DAY)
    window_ends = START + 40 * DAY + timedelta(days=15)
    # u2 and u3 still within their window: of the updates past it, 1 of 1 verified (100%).
    # No review session held: Collaborate is not reached.
    assert level(forum, window_ends) == ("involve", "collaborate")
    # A second later both lapse: 1 of 3 verified (33% < 50%).
    assert level(forum, window_ends + SECOND) == ("consult", "involve")
    assert u2.id

    u4 = report(state, b, vb.milestones[0], START + 60 * DAY)
    u5 = report(state, b, vb.milestones[0], START + 60 * DAY)
    report(civil, c, vc.milestones[0], START + 60 * DAY)  # civil society's own act on C
    with frozen_at(START + 61 * DAY):
        services.confirm(monitor_b, u4)
        second = services.contest(monitor_b, u5, CONTEST)
    with frozen_at(START + 62 * DAY):
        services.answer(state, second, REASON)  # on time: 1 of the 2 contests due (50%)
    db.session.commit()
    _review_session(state, forum, START + 63 * DAY)
    # Verified: u1, u4, u5 of the 6 past or judged (u2, u3 lapsed; C's report is awaiting its
    # co-monitor, who is none): 3 of 5 past their window or judged = 60%.
    assert level(forum, START + 70 * DAY) == ("involve", "collaborate")  # one review, 50% on time
    _review_session(state, forum, START + 64 * DAY)
    assert level(forum, START + 70 * DAY) == ("involve", "collaborate")  # two reviews, 50% on time < 80%
    current_app.config["IAP2_IMPL_ON_TIME_PCT"] = 50  # a country that asks for half on time
    try:
        assert level(forum, START + 70 * DAY) == ("collaborate", "empower")
        # A's last civil-society act was the contest on day 2: 90 days later it is neglected,
        # 1 of 3 commitments (33% > 10%).
        neglect = START + 2 * DAY + timedelta(days=90)
        assert level(forum, neglect) == ("collaborate", "empower")
        assert level(forum, neglect + SECOND) == ("involve", "collaborate")
        with frozen_at(START + 70 * DAY):
            page = client.get(f"/forums/{forum.id}/dashboard").get_data(as_text=True)
            api = client.get(f"/api/v1/forums/{forum.id}/figures").get_json()["glance"]["implementation"]
            archive = client.get("/data/traza-all.zip")
    finally:
        current_app.config["IAP2_IMPL_ON_TIME_PCT"] = 80
    assert 'data-implementation-level="collaborate"' in page and 'data-decided-by="empower"' in page
    assert f'/forums/{forum.id}/monitoring?show=lapsed' in page and 'href="#implementation-reviews"' in page
    assert api["level"] == "collaborate" and api["decided_by"] == "empower"
    involve = next(s for s in api["steps"] if s["level"] == "involve")
    assert involve["figures"]["monitored"] == 2 and involve["figures"]["verified"] == 3
    assert involve["figures"]["closed"] == 5
    collaborate = next(s for s in api["steps"] if s["level"] == "collaborate")
    assert collaborate["figures"]["reviews"] == 2 and collaborate["figures"]["contests_due"] == 2
    assert archive.status_code == 200
    with zipfile.ZipFile(io.BytesIO(archive.data)) as z:
        rows = list(csv.DictReader(io.StringIO(z.read("data/implementation_influence.csv").decode("utf-8"))))
        archive.close()
    assert [(r["level"], r["decided_by"], r["monitored"], r["reviews_last_year"]) for r in rows
            if r["forum_id"] == str(forum.id)] == [("collaborate", "empower", "2", "2")]


@pytest.mark.parametrize("name, value", [("IAP2_IMPL_ON_TIME_PCT", 20), ("IAP2_IMPL_NEGLECTED_PCT", 51),
                                         ("IAP2_IMPL_MONITORED_PCT", "50")])
def test_an_influence_threshold_out_of_range_stops_the_app(tmp_path, name, value):
    from forum import create_app
    with pytest.raises(RuntimeError, match=f"{name} = .* is out of range"):
        create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "INSTANCE_PATH": str(tmp_path),
                    name: value})
