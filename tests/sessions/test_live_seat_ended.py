"""A member whose seat ends while their session page is open hears it from the server at
once: their page's `may` goes to nothing, with the reason (their seat ended), instead of
offering a vote and a raised hand until a reload; and a vote they still send is refused
with a JSON reason, recording nothing."""
from sqlalchemy import func, select

from forum.extensions import db
from forum.forums.models import Seat
from forum.sessions.models import Hand, Vote
from tests.conftest import trail_length
from tests.helpers.live import joined, live, motion, seated_forum
from tests.helpers.proposals import chairs

NOTHING = {"chair": False, "take_part": False, "speak_and_vote": False, "write_minutes": False}


def _pushes(received) -> list[dict]:
    return [body for name, body in received if name == "state" and "may" in body]


def test_a_removed_member_is_told_and_their_vote_is_refused(app, make, new_client):
    forum, members = seated_forum(make)
    member = members["civil_society"]
    s = live(forum, [member])
    m = motion(s, forum)
    theirs = joined(app, member, session=s.id)
    watching = joined(app, session=s.id)
    seat = db.session.scalar(select(Seat).where(Seat.user_id == member.id, Seat.forum_id == forum.id))

    chair = new_client()
    chair.login(chairs(forum)["state_chair"].email)
    answer = chair.post(f"/forums/{forum.id}/members/{seat.id}/remove",
                        {"remove-reason": "Su organización dejó el foro esta semana."})
    assert answer.status_code == 302

    assert _pushes(theirs.received()) == [{"may": NOTHING, "seat": {"ended": True}}]
    assert not any("seat" in (body or {}) for _n, body in watching.received()), "only their own windows hear it"
    before = trail_length()
    for event, payload in (("vote", {"motion": m.id, "option": "yes"}), ("raise_hand", {})):
        ack = theirs.emit(event, session=s.id, **payload)
        assert ack["ok"] is False and ack["event"] == event and ack["message"], ack
    assert trail_length() == before
    assert db.session.scalar(select(func.count()).select_from(Vote).where(Vote.user_id == member.id)) == 0
    assert db.session.scalar(select(func.count()).select_from(Hand).where(Hand.user_id == member.id)) == 0


def test_a_replaced_co_chair_is_told_they_no_longer_chair(app, make, new_client):
    forum, members = seated_forum(make)
    old = chairs(forum)["state_chair"]
    s = live(forum, [members["government"]])
    theirs = joined(app, old, session=s.id)
    successor, body = make.member_of("government")
    admin = new_client()
    admin.login(make.admin().email)
    answer = admin.post(f"/forums/{forum.id}/chairs", {"chair-role": "state_chair",
                                                        "chair-candidate": f"{successor.id}:{body.id}"})
    assert answer.status_code == 302, answer.get_data(as_text=True)[:500]
    assert _pushes(theirs.received()) == [{"may": NOTHING, "seat": {"ended": True}}]
    ack = theirs.emit("advance", session=s.id, position=2)
    assert ack["ok"] is False and ack["message"]

