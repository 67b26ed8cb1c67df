"""Short of quorum, a session neither decides on stale keys nor gets stuck, checked from
outside over real Socket.IO clients: the co-chairs' keys cover one stretch without quorum and
lapse once quorum is met again; an open motion can be withdrawn without a result (its ballots
discarded unread) so the session can end; and each refusal says, in the reader's language,
which key is missing and which field is wrong."""
import pytest
from sqlalchemy import func, select

from forum.extensions import db
from forum.sessions.models import ForumSession, Motion, QuorumOverride, Vote
from tests.conftest import Client, trail_actions_since, trail_length
from tests.helpers.live import joined, live, seated_forum
from tests.helpers.proposals import chairs

STATE_KEY = "Dos delegaciones del Estado no llegaron por el paro de transportes."
CIVIL_KEY = "La agenda vence hoy y la sociedad civil acepta votar así."
LATER_STATE = "La delegación privada se retiró por una emergencia en su sede."
LATER_CIVIL = "Votamos el cronograma hoy para no perder el plazo del plan."


def last_state(client) -> dict:
    seen: dict = {}
    for name, body in client.received():
        seen.update(body if name == "state" else {})
    return seen


def record_of(html: str, motion_id: int) -> str:
    record = html[html.index(f'id="motion-{motion_id}"'):]
    return record[:record.index("</article>")]


def test_keys_lapse_once_quorum_is_met_again(app, make, new_client):
    """The tester's sequence: keys, a motion decided, quorum back, a new motion opened, quorum
    lost: its close needs new keys, and the record carries only the keys that covered it."""
    forum, members = seated_forum(make)
    ch = chairs(forum)
    s = live(forum, [members["government"], members["civil_society"], members["academia"]], waive=False)
    state_chair = joined(app, ch["state_chair"], session=s.id)
    civil_chair = joined(app, ch["civil_chair"], language="es", session=s.id)
    observer = joined(app, session=s.id)
    assert state_chair.emit("override_quorum", session=s.id, reason=STATE_KEY) == {"ok": True}
    assert civil_chair.emit("override_quorum", session=s.id, reason=CIVIL_KEY) == {"ok": True}
    assert state_chair.emit("open_motion", session=s.id, text="Aprobar el plan de trabajo") == {"ok": True}
    first = db.session.scalar(select(Motion))
    assert state_chair.emit("close_motion", session=s.id, motion=first.id) == {"ok": True}

    observer.received()
    before = trail_length()
    assert state_chair.emit("record_presence", session=s.id, user=members["private"].id, present=True) == {"ok": True}
    assert trail_actions_since(before) == ["session.checked_in", "session.quorum_keys_lapsed"]
    seen = last_state(observer)["attendance"]
    assert seen["quorum"]["met"] is True and seen["overrides"] == []
    assert db.session.scalar(select(func.count()).select_from(QuorumOverride)) == 0

    assert state_chair.emit("open_motion", session=s.id, text="Aprobar el cronograma") == {"ok": True}
    second = db.session.scalar(select(Motion).where(Motion.status == "open"))
    assert state_chair.emit("record_presence", session=s.id, user=members["private"].id, present=False) == {"ok": True}
    seen = last_state(observer)["attendance"]
    assert seen["may_decide"] is False and seen["overrides"] == []

    observer.received()
    before = trail_length()
    ack = state_chair.emit("close_motion", session=s.id, motion=second.id)
    assert ack["ok"] is False and "Quorum is not met: 3 of 6 members present, 4 needed." in ack["message"], ack
    assert "both co-chairs must each record their key" in ack["message"]
    db.session.refresh(second)
    assert second.status == "open" and trail_length() == before and observer.received() == []

    # One new key is not two, and the refusal says whose is missing, in each reader's language.
    assert state_chair.emit("override_quorum", session=s.id, reason=LATER_STATE) == {"ok": True}
    ack = state_chair.emit("close_motion", session=s.id, motion=second.id)
    assert ack["ok"] is False and ("The State co-chair recorded their key to decide without quorum; the "
                                   "civil-society co-chair's key is still missing.") in ack["message"], ack
    ack = civil_chair.emit("close_motion", session=s.id, motion=second.id)
    assert ack["message"] == ("No hay quórum: 3 de 6 miembros presentes, se necesitan 4. La copresidencia del Estado "
                              "registró su clave para decidir sin quórum; falta la clave de la copresidencia de la "
                              "sociedad civil."), ack
    assert civil_chair.emit("override_quorum", session=s.id, reason=LATER_CIVIL) == {"ok": True}
    assert state_chair.emit("close_motion", session=s.id, motion=second.id) == {"ok": True}

    minutes = new_client().get(f"/sessions/{s.id}/minutes").get_data(as_text=True)
    one, two = record_of(minutes, first.id), record_of(minutes, second.id)
    assert STATE_KEY in one and CIVIL_KEY in one and LATER_STATE not in one
    assert "Decided without quorum" in two and LATER_STATE in two and LATER_CIVIL in two
    assert STATE_KEY not in two and CIVIL_KEY not in two
    api = {m["id"]: m for m in new_client().get(f"/api/v1/sessions/{s.id}").get_json()["motions"]}
    assert [o["reason"] for o in api[second.id]["quorum"]["override"]] == [LATER_STATE, LATER_CIVIL]


def test_an_open_motion_can_be_withdrawn_so_a_session_short_of_quorum_can_end(app, make, new_client):
    forum, members = seated_forum(make)
    ch = chairs(forum)
    s = live(forum, list(members.values()))  # 4 of 6, both groups: quorum
    chair = joined(app, ch["state_chair"], session=s.id)
    voter = joined(app, members["academia"], session=s.id)
    observer = joined(app, session=s.id)
    assert chair.emit("open_motion", session=s.id, text="Aprobar el cronograma") == {"ok": True}
    m = db.session.scalar(select(Motion))
    assert voter.emit("vote", session=s.id, motion=m.id, option="no") == {"ok": True}
    assert chair.emit("record_presence", session=s.id, user=members["private"].id, present=False) == {"ok": True}

    observer.received()
    before = trail_length()
    assert "Quorum is not met" in chair.emit("close_motion", session=s.id, motion=m.id)["message"]
    assert "Close the open motion" in chair.emit("end", session=s.id, confirm=True)["message"]
    ack = chair.emit("withdraw_motion", session=s.id, motion=m.id)
    assert ack["ok"] is False and "Confirm first" in ack["message"], ack
    assert "must be a number" in chair.emit("withdraw_motion", session=s.id, confirm=True)["message"]
    db.session.refresh(m)
    assert m.status == "open" and trail_length() == before and observer.received() == []

    assert chair.emit("withdraw_motion", session=s.id, motion=m.id, confirm=True) == {"ok": True}
    assert trail_actions_since(before) == ["motion.withdrawn"]
    db.session.refresh(m)
    assert m.status == "withdrawn" and m.closed_at is not None
    assert db.session.scalar(select(func.count()).select_from(Vote).where(Vote.motion_id == m.id)) == 0
    seen = last_state(observer)
    assert seen["motion"] is None and [d["status"] for d in seen["decisions"]] == ["withdrawn"]
    assert "roll_call" not in str(seen["decisions"][0]["result"]) and "tally" not in seen["decisions"][0]["result"]
    assert "already closed" in chair.emit("withdraw_motion", session=s.id, motion=m.id, confirm=True)["message"]
    assert chair.emit("end", session=s.id, confirm=True) == {"ok": True}
    assert db.session.get(ForumSession, s.id).status == "ended"

    record = record_of(new_client().get(f"/sessions/{s.id}/minutes").get_data(as_text=True), m.id)
    assert "Withdrawn without a result (State co-chair): 1 ballot cast was discarded unread." in record
    assert "Carried" not in record and "Not carried" not in record
    (api,) = new_client().get(f"/api/v1/sessions/{s.id}").get_json()["motions"]
    assert api["result"] == "withdrawn" and api["vote_events"] == []
    page = Client(app.test_client())
    page.login(ch["civil_chair"].email)
    html = page.get(f"/sessions/{s.id}").get_data(as_text=True)
    assert 'id="confirm-withdraw"' in html and 'data-event="withdraw_motion"' in html
    assert 'data-error-for="vote close_motion withdraw_motion"' in html


@pytest.mark.parametrize("payload, message", [
    ({"session": "1"}, "«sesión» debe ser un número."),
    ({"session": "S", "motion": "1", "option": "yes"}, "«moción» debe ser un número."),
    ({"session": "S", "motion": 2 ** 70, "option": "yes"}, "«moción» debe ser un número de 0 a 2147483647."),
    ({"session": "S", "motion": "M", "option": 3}, "«opción» debe ser texto."),
])
def test_socket_refusals_name_fields_in_the_readers_language(app, make, payload, message):
    forum, members = seated_forum(make)
    s = live(forum, list(members.values()))
    chair = joined(app, chairs(forum)["state_chair"], session=s.id)
    assert chair.emit("open_motion", session=s.id, text="Aprobar el cronograma") == {"ok": True}
    m = db.session.scalar(select(Motion))
    voter = joined(app, members["academia"], language="es", session=s.id)
    payload = {k: {"S": s.id, "M": m.id}.get(v, v) if isinstance(v, str) else v for k, v in payload.items()}
    ack = voter.emit("vote", payload)
    assert ack["ok"] is False and ack["message"] == message, ack
    if payload.get("motion") == 2 ** 70:
        assert ack["field"] == "motion", "the field is still named as the script sends it"
