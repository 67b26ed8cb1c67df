"""A remembered page's side of the clock's boundaries (forum/pagecache.py): named by the next
instant to come, so a deadline leaving the list cannot make two sides of a boundary look
alike; and the list is made only from the clocks still running, once per version of what
may move them — which the busy acts of a live session or a consultation do not."""
from datetime import timedelta

from forum import pagecache
from forum.core.clock import frozen_at, utcnow
from forum.extensions import db
from forum.proposals import deadlines as proposal_deadlines
from forum.proposals.services import comments, endorsements, responses
from tests.helpers.consultations import running
from tests.helpers.proposals import REASON, chairs, proposal


def test_a_consultation_closes_on_a_remembered_page_after_an_old_deadline_left_the_list(make, client):
    """An overdue proposal answered in another forum takes its (past) deadline out of the
    list: counted, the consultation's page would keep its number across its own close."""
    elsewhere = make.forum(open_=True)
    with frozen_at(utcnow() - timedelta(days=120)):
        late = proposal(make, elsewhere)  # long overdue, still waiting
    c = running(make.forum(open_=True))
    url = f"/consultations/{c.id}"
    with frozen_at(c.ends_at - timedelta(seconds=1)):
        assert "Open for comments" in client.get(url).get_data(as_text=True)
    responses.respond(chairs(elsewhere)["state_chair"], late, "accepted", REASON)
    db.session.commit()
    with frozen_at(c.ends_at + timedelta(seconds=1)):
        page = client.get(url).get_data(as_text=True)
    assert "Closed: responses being given" in page and "Open for comments" not in page


def test_only_deadlines_still_to_come_are_boundaries(make):
    forum = make.forum(open_=True)
    with frozen_at(utcnow() - timedelta(days=120)):
        late = proposal(make, forum)  # overdue long ago
    waiting = proposal(make, forum)
    now = utcnow()
    upcoming = proposal_deadlines.moments(now)
    assert proposal_deadlines.clock(waiting).late_from in upcoming and min(upcoming) > now
    assert proposal_deadlines.clock(late).late_from not in upcoming
    assert proposal_deadlines.clock(late).late_from in proposal_deadlines.moments()  # all of them, asked so
    instants = pagecache.boundaries("now", now)
    assert proposal_deadlines.clock(waiting).late_from in instants and min(instants) > now


def test_the_busy_acts_do_not_make_the_boundaries_again(make, client, monkeypatch):
    """Endorsements and comments come many a minute at a consultation's close: none moves a
    clock, so the list is made once, not on the views that follow each of them."""
    forum = make.forum(open_=True)
    p = proposal(make, forum)
    reader, _org = make.member_of("civil_society")
    made = []
    monkeypatch.setattr(proposal_deadlines, "moments", lambda after=None: made.append(after) or [])
    client.get(f"/forums/{forum.id}/proposals")
    assert len(made) == 1
    for _act in range(3):
        endorsements.endorse(reader, p) or endorsements.withdraw_endorsement(reader, p)
        comments.post(reader, p, "Apoyamos la publicación de cada contrato.")
        db.session.commit()
        client.get(f"/forums/{forum.id}/proposals")
        client.get(f"/proposals/{p.id}")
    assert len(made) == 1
