"""Every live-session event, for every role: who may do it, and that a refusal is an
`error` to that client only, changes nothing and reaches nobody else."""
import pytest

from forum.extensions import db
from forum.forums import services as forums
from forum.sessions import services
from forum.sessions.models import ForumSession
from forum.sessions.services import minutes
from tests.conftest import trail_actions_since, trail_length
from tests.helpers.live import Live, live, motion, scheduled
from tests.helpers.proposals import chairs

ROLES = ["anonymous", "registered", "cso_member", "member_present", "member_absent", "state_chair",
         "civil_chair", "admin", "other_chair"]
CHAIRS = {"state_chair", "civil_chair"}


def build_world(make):
    a, b = make.forum(open_=True, title="Forum A"), make.forum(open_=True, title="Forum B")
    ch = chairs(a)
    present_user, present_org = make.member_of("civil_society")
    absent_user, absent_org = make.member_of("government")
    forums.add_member(ch["state_chair"], a, present_user, present_org)
    forums.add_member(ch["state_chair"], a, absent_user, absent_org)
    db.session.commit()
    people = {"registered": make.user("Registered"), "cso_member": make.member_of("civil_society")[0],
              "member_present": present_user, "member_absent": absent_user, "state_chair": ch["state_chair"],
              "civil_chair": ch["civil_chair"], "admin": make.admin(), "other_chair": chairs(b)["state_chair"]}
    s0 = scheduled(a)
    s1 = live(a, [present_user])
    m1 = motion(s1, a)
    minutes.designate(ch["state_chair"], s1, present_user.id)
    s2 = live(a, [present_user, ch["state_chair"], ch["civil_chair"]])
    services.raise_hand(present_user, s2)
    s3 = live(a, [present_user])
    minutes.save(ch["state_chair"], s3, "Se aprobó el plan de trabajo.")
    services.end(ch["state_chair"], s3)
    s4 = live(a, [present_user], waive=False)  # short of quorum, no key recorded yet
    db.session.commit()
    return dict(people={k: v.email for k, v in people.items()},
                s0=s0.id, s1=s1.id, s2=s2.id, s3=s3.id, s4=s4.id, m1=m1.id, absent=absent_user.id)


@pytest.fixture
def seed():
    return build_world


@pytest.fixture
def world(seeded, app, new_client):
    return {**seeded, "app": app, "new_client": new_client}


# event: (session, payload(world), roles allowed, the trail action it writes — None for
# minutes drafts, which are not decisions and are kept on the session only)
EVENTS = {
    "start": ("s0", lambda w: {}, CHAIRS, "session.started"),
    "advance": ("s1", lambda w: {"position": 2}, CHAIRS, "session.item"),
    "end": ("s2", lambda w: {"confirm": True}, CHAIRS, "session.ended"),
    "check_in": ("s1", lambda w: {}, CHAIRS | {"member_absent"}, "session.checked_in"),
    "record_presence": ("s1", lambda w: {"user": w["absent"], "present": True}, CHAIRS, "session.checked_in"),
    "raise_hand": ("s1", lambda w: {}, {"member_present"}, "session.hand_raised"),
    "lower_hand": ("s2", lambda w: {}, {"member_present"}, "session.hand_lowered"),
    "give_floor": ("s2", lambda w: {}, CHAIRS, "session.floor"),
    "open_motion": ("s2", lambda w: {"text": "Aprobar el acta", "rule": "double"}, CHAIRS, "motion.opened"),
    "vote": ("s1", lambda w: {"motion": w["m1"], "option": "yes"}, {"member_present"}, "motion.vote"),
    "close_motion": ("s1", lambda w: {"motion": w["m1"]}, CHAIRS, "motion.closed"),
    "withdraw_motion": ("s1", lambda w: {"motion": w["m1"], "confirm": True}, CHAIRS, "motion.withdrawn"),
    "minutes": ("s1", lambda w: {"text": "Acta: se abrió la sesión."}, CHAIRS | {"member_present"}, None),
    "designate_writer": ("s1", lambda w: {"user": w["absent"]}, CHAIRS, "session.minutes_writer"),
    "approve_minutes": ("s3", lambda w: {"confirm": True}, CHAIRS, "session.minutes_approved"),
    "override_quorum": ("s4", lambda w: {"reason": "Dos delegaciones no llegaron por el paro."}, CHAIRS,
                        "session.quorum_override"),
}


# The predicate each event's service asks first. Check-in and lowering a hand are left out:
# there the person may act, and a refusal is about the state ("already checked in").
def _predicates():
    from forum.sessions import policy
    chair = policy.may_chair
    return {"start": chair, "advance": chair, "end": chair, "record_presence": chair, "give_floor": chair,
            "open_motion": chair, "close_motion": chair, "designate_writer": chair, "approve_minutes": chair,
            "override_quorum": chair, "withdraw_motion": chair,
            "raise_hand": policy.may_speak_and_vote, "vote": policy.may_speak_and_vote,
            "minutes": policy.may_write_minutes}


def connect(world, role):
    http = world["new_client"]()
    if role != "anonymous":
        http.login(world["people"][role])
    return Live(world["app"], http)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("event", list(EVENTS))
def test_event_matrix(world, event, role):
    key, payload, allowed, action = EVENTS[event]
    sid = world[key]
    if event in _predicates():
        from forum.accounts.models import User
        person = None if role == "anonymous" else db.session.scalar(
            db.select(User).where(User.email == world["people"][role]))
        decision = _predicates()[event](person, db.session.get(ForumSession, sid))
        assert bool(decision) == (role in allowed), (event, role, decision)
    observer = Live(world["app"])
    assert observer.emit("join", session=sid) == {"ok": True}
    observer.received()
    client = connect(world, role)
    client.emit("join", session=sid)
    client.received()
    before_trail = trail_length()
    before_minutes = db.session.get(ForumSession, sid).minutes
    ack = client.emit(event, {"session": sid, **payload(world)})
    mine = client.received()
    theirs = observer.received()
    if role in allowed:
        assert ack == {"ok": True}, ack
        assert [n for n, _ in theirs] == ["state"], "the room hears of the change"
        if action:
            assert action in trail_actions_since(before_trail), trail_actions_since(before_trail)
        else:
            assert trail_actions_since(before_trail) == []
            assert db.session.get(ForumSession, sid).minutes != before_minutes
    else:
        assert ack["ok"] is False and ack["event"] == event and ack["message"], ack
        assert ("error", {"event": event, "message": ack["message"], "field": ack["field"]}) in mine
        assert theirs == [], "nobody else hears of a refusal"
        assert trail_length() == before_trail
        assert db.session.get(ForumSession, sid).minutes == before_minutes


def test_join_is_open_to_observers_and_says_who_you_are(world):
    anon = Live(world["app"])
    assert anon.emit("join", session=world["s1"]) == {"ok": True}
    seen = anon.received()
    assert [n for n, _ in seen] == ["state"], "an observer gets the state, and nothing personal"
    assert not any(seen[0][1]["may"].values()), "an observer may do nothing"
    member = connect(world, "member_present")
    member.emit("join", session=world["s1"])
    got = dict(member.received())
    # This member is the designated writer: the draft comes too, as it never does to the observer.
    assert set(got["state"]) == {"header", "attendance", "queue", "motion", "decisions", "minutes", "draft", "may"}
    assert got["state"]["may"] == {"chair": False, "take_part": True, "speak_and_vote": True, "write_minutes": True}
    assert got["state"]["motion"]["tally"]["ballots"] == 0
    assert "roll_call" not in str(got["state"]["motion"])


@pytest.mark.parametrize("payload, message", [
    (None, "Send an object"), ("vote", "Send an object"), ([1, 2], "Send an object"), ({}, "must be a number"),
    ({"session": "1"}, "must be a number"), ({"session": True}, "must be a number"),
    ({"session": 999999}, "no such session"), ({"session": "S1", "motion": "M1"}, "must be text"),
    ({"session": "S1", "motion": "1", "option": "yes"}, "must be a number"),
    ({"session": "S1", "motion": "M1", "option": 3}, "must be text"),
    ({"session": "S1", "motion": "M1", "option": "maybe"}, "not one of the options"),
    ({"session": "S1", "motion": 999999, "option": "yes"}, "no such motion"),
    ({"session": "S1", "motion": "M1", "option": "x" * 70_000}, "too large"),
    ({"session": 10**30}, "must be a number from 0 to 2147483647"), ({"session": -1}, "must be a number from 0"),
    ({"session": "S1", "motion": 2**70, "option": "yes"}, "“motion” must be a number from 0 to 2147483647"),
])
def test_malformed_votes_are_refused_without_harm(world, payload, message):
    if isinstance(payload, dict):
        payload = {k: world[v.lower()] if isinstance(v, str) and v in ("S1", "M1") else v for k, v in payload.items()}
    client = connect(world, "member_present")
    before = trail_length()
    ack = client.emit("vote", payload)
    assert ack["ok"] is False and message in ack["message"], ack
    assert trail_length() == before
    # The connection survives and the next good vote counts.
    assert client.emit("vote", session=world["s1"], motion=world["m1"], option="no") == {"ok": True}


@pytest.mark.parametrize("payload", [{"session": 10**30}, {"session": 2**63}, {"session": -(2**70)}, {"session": 1.5},
                                     {"session": "1"}, None, [], "x"])
def test_join_always_answers_with_the_reason(world, payload, caplog):
    """A number no column can hold used to raise inside `join`, which then never answered."""
    ack = Live(world["app"]).emit("join", payload)
    assert ack["ok"] is False and "must be a number" in ack["message"] or "Send an object" in ack["message"], ack
    assert not [r for r in caplog.records if r.exc_info]
