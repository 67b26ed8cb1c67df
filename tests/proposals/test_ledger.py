"""The response ledger's figures, checked against answers computed by hand."""
from datetime import datetime, timedelta

from forum.core.clock import frozen_at
from forum.extensions import db
from forum.proposals import deadlines, queries, services
from forum.proposals.services import responses
from tests.helpers.proposals import REASON, TEXT, chairs

DAY0 = datetime(2026, 3, 1, 9, 0)


def at(day, hours=0):
    return frozen_at(DAY0 + timedelta(days=day, hours=hours))


def test_figures_and_overdue_edges(make, client):
    forum = make.forum(open_=True)
    chair = chairs(forum)["state_chair"]
    user, org = make.member_of("civil_society")
    made = []
    for day in (0, 1, 2, 3, 4, 5):  # six proposals, one a day
        with at(day):
            made.append(services.submit(user, forum, org, **{**TEXT, "title": f"Propuesta número {day}"}))
    with at(10):
        responses.respond(chair, made[0], "accepted", REASON)          # waited 10 days
    with at(21):
        responses.respond(chair, made[1], "rejected", REASON)          # waited 20 days
    with at(25):
        responses.respond(chair, made[2], "needs_info", REASON)        # a response, not an answer
    db.session.commit()
    with at(33):  # made[2] still waits (31 days): asking for more stopped no clock
        f = queries.ledger_figures(forum)
        assert (f.answered, f.awaiting, f.overdue) == (2, 4, 1)
        assert deadlines.overdue(made[2])
    with at(34):
        responses.respond(chair, made[2], "accepted", REASON)          # the answer: 32 days, 2 late
        services.withdraw(user, made[5])
    db.session.commit()
    # now = day 34: made[3] waited 31 days, made[4] exactly 30 days; the deadline is 30 days
    with at(34):
        f = queries.ledger_figures(forum)
        assert (f.received, f.answered, f.awaiting, f.withdrawn) == (6, 3, 2, 1)
        assert (f.on_time, f.late) == (2, 1)           # 10 and 20 days on time; 32 days late
        assert f.share_answered == 3 / 5               # withdrawn ones are not owed a response
        assert f.median_days == 20                      # of 10, 20 and 32 days
        assert f.overdue == 1                           # 31 days > 30; 30 days is not yet late
        assert deadlines.overdue(made[3]) and not deadlines.overdue(made[4])
        assert deadlines.days_late(made[2]) == 2 and deadlines.days_late(made[1]) is None
        html = client.get(f"/forums/{forum.id}/ledger").get_data(as_text=True)
    assert "60%" in html and html.count('<tr class="overdue">') == 1
    assert "answered 2 days late" in html and "Needs more information” is a response but not an answer" in html


def test_even_number_of_answers_takes_the_mean_of_the_middle_two(make):
    forum = make.forum(open_=True)
    chair = chairs(forum)["civil_chair"]
    user, org = make.member_of("academia")
    for day, wait in ((0, 2), (1, 4), (2, 8), (3, 100)):
        with at(day):
            p = services.submit(user, forum, org, **TEXT)
        with at(day + wait):
            responses.respond(chair, p, "accepted", REASON)
    db.session.commit()
    assert queries.ledger_figures(forum).median_days == 6  # (4 + 8) / 2
