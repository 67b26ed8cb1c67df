"""A session keeps the promises its page makes, checked from outside over real Socket.IO
clients: no vote opens or is counted without quorum unless both co-chairs each record a
reason (and then every record says so), a session starts when it was called or says why,
what cannot be undone is confirmed, empty minutes are not approved, and refusals speak the
reader's language."""
import csv
import io
import json
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from forum.core.clock import frozen_at, utcnow
from forum.extensions import db
from forum.sessions import services
from forum.sessions.models import ForumSession, Motion, QuorumOverride
from forum.trail.models import TrailEntry
from tests.conftest import Client, trail_actions_since, trail_length
from tests.helpers import live as live_helpers
from tests.helpers.live import live, seated_forum
from tests.helpers.proposals import chairs

REASON_STATE = "Dos delegaciones del Estado no llegaron por el paro de transportes."
REASON_CIVIL = "La agenda vence hoy y la sociedad civil acepta votar así."
NOTICE_REASON = "El decreto vence el jueves y el foro debe opinar antes."


@pytest.fixture
def forum_with_members(make):
    return seated_forum(make)


def joined(app, new_client, user=None, language="en", session=None):
    return live_helpers.joined(app, user, language, session)


def motions_count() -> int:
    return db.session.scalar(select(func.count()).select_from(Motion))


def test_no_vote_without_quorum_until_both_co_chairs_give_their_reason(app, make, new_client, forum_with_members):
    forum, members = forum_with_members
    ch = chairs(forum)
    s = live(forum, [members["government"], members["civil_society"], members["academia"]], waive=False)
    state_chair = joined(app, new_client, ch["state_chair"], session=s.id)
    civil_chair = joined(app, new_client, ch["civil_chair"], session=s.id)
    observer = joined(app, new_client, session=s.id)

    def refused_and_nothing_written(ack, *words):
        assert ack["ok"] is False and all(w in ack["message"] for w in words), ack
        assert observer.received() == [], "nobody else hears of a refusal"

    before = trail_length()
    ack = civil_chair.emit("open_motion", session=s.id, text="Aprobar el plan de trabajo")
    refused_and_nothing_written(ack, "Quorum is not met: 3 of 6 members present, 4 needed")
    assert motions_count() == 0 and trail_length() == before

    # A key needs a reason, and one key is not two.
    for payload in ({}, {"reason": ""}, {"reason": "   "}, {"reason": "corto"}, {"reason": 42}):
        ack = state_chair.emit("override_quorum", session=s.id, **payload)
        assert ack["ok"] is False and ack["field"] in ("reason", None), (payload, ack)
        assert trail_length() == before and db.session.scalar(select(func.count()).select_from(QuorumOverride)) == 0
    observer.received()
    assert state_chair.emit("override_quorum", session=s.id, reason=REASON_STATE) == {"ok": True}
    assert trail_actions_since(before) == ["session.quorum_override"]
    assert "already recorded" in state_chair.emit("override_quorum", session=s.id, reason=REASON_STATE)["message"]
    observer.received()
    before = trail_length()
    ack = civil_chair.emit("open_motion", session=s.id, text="Aprobar el plan de trabajo")
    refused_and_nothing_written(ack, "Quorum is not met")
    assert motions_count() == 0 and trail_length() == before

    assert civil_chair.emit("override_quorum", session=s.id, reason=REASON_CIVIL) == {"ok": True}
    assert trail_actions_since(before) == ["session.quorum_override", "session.quorum_overridden"]
    seen = {}
    for name, body in observer.received():
        seen.update(body if name == "state" else {})
    assert seen["attendance"]["may_decide"] is True
    assert [o["reason"] for o in seen["attendance"]["overrides"]] == [REASON_STATE, REASON_CIVIL]

    assert civil_chair.emit("open_motion", session=s.id, text="Aprobar el plan de trabajo") == {"ok": True}
    m = db.session.scalar(select(Motion))
    voter = joined(app, new_client, members["academia"], session=s.id)
    assert voter.emit("vote", session=s.id, motion=m.id, option="yes") == {"ok": True}
    assert state_chair.emit("close_motion", session=s.id, motion=m.id) == {"ok": True}

    # Beside the result, wherever the result is read.
    pages = [new_client().get(f"/sessions/{s.id}").get_data(as_text=True),
             new_client().get(f"/sessions/{s.id}/minutes").get_data(as_text=True)]
    for page in pages:
        record = page[page.index(f'id="motion-{m.id}"'):]
        record = record[:record.index("</article>")]
        assert "Decided without quorum" in record and "3 of 6 members present (4 needed)" in record
        assert REASON_STATE in record and REASON_CIVIL in record
    quorum = new_client().get(f"/sessions/{s.id}.json").get_json()["decisions"][0]["result"]["quorum"]
    assert quorum["met"] is False and quorum["at_close"]["present"] == 3
    assert [o["side"] for o in quorum["override"]] == ["state_chair", "civil_chair"]
    api = new_client().get(f"/api/v1/sessions/{s.id}").get_json()["motions"][0]
    assert api["requirement"] == "simple" and api["result"] == "pass"
    assert api["quorum"]["met"] is False and (api["quorum"]["present"], api["quorum"]["needed"]) == (3, 4)
    assert [o["reason"] for o in api["quorum"]["override"]] == [REASON_STATE, REASON_CIVIL]
    resp = new_client().get("/data/traza-all.zip")
    archive = zipfile.ZipFile(io.BytesIO(resp.data))
    resp.close()
    path = next(r["path"] for r in json.loads(archive.read("datapackage.json"))["resources"] if r["name"] == "motions")
    (row,) = [r for r in csv.DictReader(io.StringIO(archive.read(path).decode("utf-8"))) if r["id"] == str(m.id)]
    assert row["quorum_met"].lower() == "false"
    assert row["quorum_override"] == f"state_chair: {REASON_STATE}; civil_chair: {REASON_CIVIL}"


def test_a_result_is_not_declared_once_quorum_is_lost(app, make, new_client, forum_with_members):
    forum, members = forum_with_members
    ch = chairs(forum)
    s = live(forum, list(members.values()), waive=False)  # 4 of 6, both groups: quorum
    chair = joined(app, new_client, ch["state_chair"], session=s.id)
    assert chair.emit("open_motion", session=s.id, text="Aprobar el cronograma") == {"ok": True}
    m = db.session.scalar(select(Motion))
    assert m.quorum_at_open["met"] is True
    assert chair.emit("record_presence", session=s.id, user=members["private"].id, present=False) == {"ok": True}
    before = trail_length()
    ack = chair.emit("close_motion", session=s.id, motion=m.id)
    assert ack["ok"] is False and "3 of 6 members present, 4 needed" in ack["message"]
    db.session.refresh(m)
    assert m.status == "open" and m.result is None and trail_length() == before
    # Back to quorum: the result is declared, and says quorum held.
    chair.emit("record_presence", session=s.id, user=members["private"].id, present=True)
    assert chair.emit("close_motion", session=s.id, motion=m.id) == {"ok": True}
    db.session.refresh(m)
    assert m.result["quorum"]["met"] is True and m.result["quorum"]["override"] == []
    page = new_client().get(f"/sessions/{s.id}/decisions").get_data(as_text=True)
    assert "Quorum held: 4 present, 4 needed." in page and "Decided without quorum" not in page


def _called(forum, starts_in: timedelta, announced_ago=timedelta(days=15)) -> ForumSession:
    now = utcnow()
    with frozen_at(now - announced_ago):
        s = services.schedule(chairs(forum)["state_chair"], forum, title="Sesión del 15 de diciembre",
                              starts_at=now + starts_in, ends_at=now + starts_in + timedelta(hours=2), place="Sala 1",
                              agenda=[services.ItemInput("Apertura")], notice_reason=NOTICE_REASON)
    db.session.commit()
    return s


def test_a_session_starts_when_called_or_says_why(app, make, new_client, forum_with_members):
    forum, _members = forum_with_members
    ch = chairs(forum)
    # Announced on 1 December for the 15th, started on the 5th: four days' notice, not fourteen.
    s = _called(forum, starts_in=timedelta(days=10), announced_ago=timedelta(days=4))
    chair = joined(app, new_client, ch["state_chair"], session=s.id)
    before = trail_length()
    for payload in ({}, {"reason": ""}, {"reason": "  "}):
        ack = chair.emit("start", session=s.id, **payload)
        assert ack["ok"] is False and ack["field"] == "reason", ack
        assert "less notice than this forum's minimum of 14 days" in ack["message"]
    db.session.refresh(s)
    assert s.status == "scheduled" and s.started_at is None and trail_length() == before
    reason = "El ministerio adelantó la consulta; los miembros lo acordaron por correo."
    assert chair.emit("start", session=s.id, reason=reason) == {"ok": True}
    db.session.refresh(s)
    entry = json.loads(db.session.scalar(select(TrailEntry.payload).where(TrailEntry.action == "session.started")
                                         .order_by(TrailEntry.seq.desc()).limit(1)))
    assert entry["reason"] == reason and entry["early"] is True and entry["short_notice"] is True
    page = new_client().get(f"/sessions/{s.id}").get_data(as_text=True)
    started = page[page.index('id="started"'):]
    started = started[:started.index("</p>")]
    assert "Started" in started and reason in started and "hidden" not in started
    assert new_client().get(f"/api/v1/sessions/{s.id}").get_json()["start_reason"] == reason
    assert reason in new_client().get(f"/sessions/{s.id}/minutes").get_data(as_text=True)
    from forum.i18n import when
    with app.test_request_context(headers={"Accept-Language": "en"}):
        assert when(s.started_at) in started and when(s.starts_at) not in started

    # On time (within half an hour of the call) no reason is asked; after the planned end it is.
    on_time = _called(forum, starts_in=timedelta(minutes=20))
    assert chair.emit("start", session=on_time.id) == {"ok": True}
    late = _called(forum, starts_in=timedelta(hours=-3))
    ack = chair.emit("start", session=late.id)
    assert ack["ok"] is False and "planned to end" in ack["message"] and ack["field"] == "reason"


def test_ending_and_approving_ask_first_and_empty_minutes_are_not_approved(app, make, new_client,
                                                                          forum_with_members):
    forum, members = forum_with_members
    ch = chairs(forum)
    s = live(forum, list(members.values()))
    chair = joined(app, new_client, ch["state_chair"], session=s.id)
    before = trail_length()
    ack = chair.emit("end", session=s.id)
    assert ack["ok"] is False and "Confirm first" in ack["message"] and trail_length() == before
    assert chair.emit("end", session=s.id, confirm=True) == {"ok": True}
    assert new_client().get(f"/sessions/{s.id}.json").get_json()["minutes"]["empty"] is True
    before = trail_length()
    ack = chair.emit("approve_minutes", session=s.id)
    assert ack["ok"] is False and "Confirm first" in ack["message"]
    ack = chair.emit("approve_minutes", session=s.id, confirm=True)
    assert ack["ok"] is False and "empty" in ack["message"] and trail_length() == before
    page = Client(app.test_client())
    page.login(ch["state_chair"].email)
    html = page.get(f"/sessions/{s.id}").get_data(as_text=True)
    assert 'id="approve-why"' in html and "There is nothing to approve yet: the minutes are empty." in html


def test_refusals_and_counts_speak_the_readers_language(app, make, new_client, forum_with_members):
    forum, members = forum_with_members
    ch = chairs(forum)
    s = live(forum, [members["academia"]], waive=False)
    chair = joined(app, new_client, ch["civil_chair"], language="es", session=s.id)
    ack = chair.emit("open_motion", session=s.id, text="Aprobar el plan de trabajo")
    assert ack["message"].startswith("No hay quórum: 1 de 6 miembros presentes, se necesitan 4."), ack
    assert ("error", {"event": "open_motion", "message": ack["message"], "field": None}) in chair.received()
    ended = live(forum, list(members.values()))
    services.end(ch["state_chair"], ended)
    db.session.commit()
    ack = chair.emit("approve_minutes", session=ended.id, confirm=True)
    assert ack["message"] == "El acta está vacía."
    # The counted phrases reach the script as the catalogue's [one, other] forms.
    spanish = Client(app.test_client(), language="es").get(f"/sessions/{s.id}").get_data(as_text=True)
    strings = json.loads(spanish.split('id="live-strings">')[1].split("</script>")[0])
    assert strings["plurals"]["votes_cast"] == ["%(num)s voto emitido", "%(num)s votos emitidos"]
    assert strings["plurals"]["quorum_detail"][0].startswith("%(present)s de %(num)s miembro presente")
