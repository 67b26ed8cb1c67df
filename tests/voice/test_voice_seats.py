"""Asking for a seat: the co-chairs find the request in their inbox, grant it (the seat is
marked as joined on request) or refuse it with a public reason, and the organisation hears."""
from sqlalchemy import select

from forum.extensions import db
from forum.forums.models import Seat
from forum.notifications.models import Notification
from forum.voice import services
from forum.voice.models import SeatRequest
from tests.conftest import trail_actions_since, trail_length
from tests.helpers.proposals import chairs


def _login(new_client, user):
    c = new_client()
    c.login(user.email)
    return c


def test_a_refused_request_is_public_with_its_reason_and_the_organisation_hears(make, new_client, client):
    forum = make.forum(open_=True)
    state = chairs(forum)["state_chair"]
    user, org = make.member_of("civil_society")
    asker = _login(new_client, user)
    r = asker.post(f"/forums/{forum.id}/seat-requests", {"request-organisation": org.id,
                                                          "request-motivation": "Trabajamos en Puno."})
    assert r.status_code == 302
    inbox = _login(new_client, state).get("/inbox").get_data(as_text=True)
    assert "An organisation asks for a seat in your forum" in inbox and org.name in inbox
    req = db.session.scalar(select(SeatRequest))
    chair = _login(new_client, state)
    before = trail_length()
    r = chair.post(f"/seat-requests/{req.id}/refuse", {"refuse-reason": ""})
    assert r.status_code == 400 and "Give the reason: it is published." in r.get_data(as_text=True)
    assert trail_length() == before
    db.session.expire_all()
    assert db.session.get(SeatRequest, req.id).status == "pending"
    r = chair.post(f"/seat-requests/{req.id}/refuse",
                   {"refuse-reason": "El foro ya tiene cupo completo de sociedad civil."})
    assert r.status_code == 302 and trail_actions_since(before) == ["forum.seat_refused"]
    page = client.get(f"/forums/{forum.id}").get_data(as_text=True)
    assert "El foro ya tiene cupo completo de sociedad civil." in page
    told = db.session.scalars(select(Notification).where(Notification.user_id == user.id)).all()
    assert [n.kind for n in told] == ["seat_refused"] and told[0].forum_id == forum.id
    notes = asker.get("/notifications/").get_data(as_text=True)
    assert "was refused: El foro ya tiene cupo completo" in notes and f'href="/forums/{forum.id}"' in notes
    assert "An organisation asks for a seat" not in _login(new_client, state).get("/inbox").get_data(as_text=True)


def test_a_granted_request_seats_the_person_as_joined_on_request(make):
    forum = make.forum(open_=True)
    civil = chairs(forum)["civil_chair"]
    user, org = make.member_of("academia")
    req = services.request_seat(user, forum, org, "")
    db.session.commit()
    seat = services.grant_seat(civil, req)
    db.session.commit()
    assert (seat.admission, seat.user_id, seat.organisation_id) == ("requested", user.id, org.id)
    assert db.session.scalar(select(Notification.kind).where(Notification.user_id == user.id)) == "seat_granted"
    invited = db.session.scalars(select(Seat.admission).where(Seat.forum_id == forum.id, Seat.id != seat.id)).all()
    assert set(invited) == {"invited"}
