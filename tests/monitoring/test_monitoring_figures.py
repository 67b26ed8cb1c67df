"""Every figure of civil society's part in implementation against counts written by hand
(issue 27, item 7): a forum whose updates were confirmed, contested and answered on time or
late or not at all, lapsed, or still awaiting, and commitments nobody from civil society has
looked at for 90 days. The page, its lists and the API say the same numbers."""
import re
from datetime import timedelta

from forum.core.clock import frozen_at
from forum.dashboards import figures as dashboard
from forum.extensions import db
from forum.monitoring import queries, services
from tests.helpers.monitoring import START, adopted, monitored, report
from tests.helpers.proposals import REASON, chairs

CONTEST = "El enlace no muestra el conjunto de datos que el informe dice publicado; solo una portada."
NOW = START + timedelta(days=100)
DAY = timedelta(days=1)


def _world(make):
    a, va, monitor, state = monitored(make)
    forum = a.forum
    b, vb = adopted(make, forum=forum)
    c, _vc = adopted(make, forum=forum)  # never looked at: neglected
    civil = chairs(forum)["civil_chair"]
    u = [report(state, a, va.milestones[0], START + DAY, note=f"Avance número {i} del hito publicado.")
         for i in range(5)]
    with frozen_at(START + 2 * DAY):
        services.confirm(monitor, u[0])
    with frozen_at(START + 3 * DAY):
        on_time = services.contest(monitor, u[1], CONTEST)
        late = services.contest(monitor, u[2], CONTEST)
    with frozen_at(START + 4 * DAY):
        services.contest(monitor, u[3], CONTEST)  # never answered; A's last civil-society act
    with frozen_at(START + 10 * DAY):
        services.answer(state, on_time, REASON)
    with frozen_at(START + 40 * DAY):  # 37 days after the contest: late
        services.answer(state, late, REASON)
    db.session.commit()
    # u[4] is never judged: lapsed. B: the civil-society co-chair reports, two days ago —
    # awaiting the co-monitor (B has none, so it waits), and an act of civil society.
    fresh = report(civil, b, vb.milestones[0], NOW - 2 * DAY)
    other, vo, other_monitor, other_state = monitored(make)  # another forum, same cycle
    elsewhere = report(other_state, other, vo.milestones[0], NOW - 5 * DAY)
    with frozen_at(NOW - 4 * DAY):
        services.confirm(other_monitor, elsewhere)
    db.session.commit()
    return forum, other.forum, {"a": a, "b": b, "c": c, "u": u, "fresh": fresh, "elsewhere": elsewhere}


def test_every_figure_against_counts_by_hand(make, client):
    forum, other_forum, w = _world(make)
    u = w["u"]
    by_hand = dict(confirmed=1, contested=3, lapsed=1, awaiting=1,
                   answered_on_time=1, answered_late=1, answer_waiting=1, neglected=2)
    lists = {"confirmed": [u[0]], "contested": [u[1], u[2], u[3]], "lapsed": [u[4]], "awaiting": [w["fresh"]],
             "on_time": [u[1]], "late": [u[2]], "waiting": [u[3]]}
    with frozen_at(NOW):
        assert vars(queries.figures([forum.id], NOW)) == by_hand
        assert dashboard.for_forums([forum]).monitoring == by_hand
        cycle = dashboard.for_forums([forum, other_forum]).monitoring
        assert cycle == {**by_hand, "confirmed": 2}  # the other forum's confirmed update; its commitment is tended
        assert set(queries.neglected([forum.id], NOW)) == {w["a"].id, w["c"].id}
        page = client.get(f"/forums/{forum.id}/dashboard").get_data(as_text=True)
        for key, ups in lists.items():
            figure = re.search(rf'data-figure="cs-{key}">.*?\?show={key}">(\d+)</a>', page, re.S)
            assert figure and int(figure.group(1)) == len(ups), key
            listed = client.get(f"/forums/{forum.id}/monitoring?show={key}").get_data(as_text=True)
            found = sorted(int(i) for i in re.findall(r'<tr data-update="(\d+)"', listed))
            assert found == sorted(x.id for x in ups), key
        neglected = client.get(f"/forums/{forum.id}/monitoring?show=neglected").get_data(as_text=True)
        assert sorted(int(i) for i in re.findall(r'<li data-commitment="(\d+)"', neglected)) == sorted(
            [w["a"].id, w["c"].id])
        assert page.count('data-flag="neglected"') == 2
        api = client.get(f"/api/v1/forums/{forum.id}/figures").get_json()["glance"]["monitoring"]
        assert api == by_hand
        detail = client.get(f"/api/v1/commitments/{w['a'].id}").get_json()
        assert detail["civil_society"] == "reported" and detail["neglected"] is True  # the latest update lapsed
        assert sorted(p["civil_society"] for p in detail["progress"]) == sorted(
            ["confirmed", "contested", "contested", "contested", "lapsed"])
        feed = client.get(f"/forums/{forum.id}/feed.atom").get_data(as_text=True)
        assert feed.count("contested by civil society") == 3 and "answered a contested" in feed
        assert 'data-flag="neglected"' in client.get(f"/commitments/{w['c'].id}").get_data(as_text=True)
        assert 'data-flag="neglected"' not in client.get(f"/commitments/{w['b'].id}").get_data(as_text=True)
    # A day before the 90 days run out for A (last act: the contest on day 4), it is not flagged.
    with frozen_at(START + 4 * DAY + timedelta(days=90)):
        assert w["a"].id not in queries.neglected([forum.id], START + 4 * DAY + timedelta(days=90))
    with frozen_at(START + 4 * DAY + timedelta(days=90, seconds=1)):
        assert w["a"].id in queries.neglected([forum.id], START + 4 * DAY + timedelta(days=90, seconds=1))
