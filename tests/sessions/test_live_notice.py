"""A session called with less notice than its forum promises says why, from the form on:
the reason is kept on the session and the trail and read wherever the session is read
(page, minutes, JSON, API, CSV). Started when it was called, it needs no second reason;
started even earlier, it does. And the pages say when a session really met."""
import csv
import io
import json
import zipfile
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from forum.core.clock import frozen_at, utcnow
from forum.extensions import db
from forum.i18n import when
from forum.sessions import services
from forum.sessions.models import ForumSession
from forum.trail.models import TrailEntry
from tests.conftest import Client, trail_length
from tests.helpers.live import Live, live, seated_forum
from tests.helpers.proposals import chairs

NOTICE_REASON = "El decreto vence el jueves y el foro debe opinar antes."


@pytest.fixture
def forum_with_members(make):
    return seated_forum(make)


def sessions_count() -> int:
    return db.session.scalar(select(func.count()).select_from(ForumSession))


def csv_rows(client, name) -> list[dict]:
    resp = client.get("/data/traza-all.zip")
    archive = zipfile.ZipFile(io.BytesIO(resp.data))
    resp.close()
    path = next(r["path"] for r in json.loads(archive.read("datapackage.json"))["resources"] if r["name"] == name)
    return list(csv.DictReader(io.StringIO(archive.read(path).decode("utf-8"))))


def test_short_notice_needs_a_written_reason_shown_wherever_the_session_is_read(app, new_client,
                                                                              forum_with_members):
    forum, _members = forum_with_members
    chair = chairs(forum)["state_chair"]
    http = new_client()
    http.login(chair.email)
    assert 'name="notice_reason"' in http.get(f"/forums/{forum.id}/sessions/new").get_data(as_text=True)
    soon = utcnow() + timedelta(minutes=25)
    data = {"title": "Sesión extraordinaria", "starts_at": soon.strftime("%Y-%m-%dT%H:%M"),
            "ends_at": (soon + timedelta(hours=2)).strftime("%Y-%m-%dT%H:%M"), "place": "Sala 1",
            "agenda-0-title": "Decreto", "accept_short_notice": "y"}  # the old checkbox no longer lets it through
    before, count = trail_length(), sessions_count()
    for reason in ("", "   "):
        resp = http.post(f"/forums/{forum.id}/sessions/new", {**data, "notice_reason": reason})
        html = resp.get_data(as_text=True)
        assert resp.status_code == 400
        error = html[html.index('id="notice_reason-error"'):]
        assert "minimum of 14 days. Give the reason to schedule it anyway" in error[:300]
        assert sessions_count() == count and trail_length() == before
    resp = http.post(f"/forums/{forum.id}/sessions/new", {**data, "notice_reason": NOTICE_REASON})
    assert resp.status_code == 302
    s = db.session.scalars(select(ForumSession).order_by(ForumSession.id.desc())).first()
    assert s.notice_reason == NOTICE_REASON
    entry = json.loads(db.session.scalar(select(TrailEntry.payload).where(TrailEntry.action == "session.scheduled")
                                         .order_by(TrailEntry.seq.desc()).limit(1)))
    assert entry["short_notice"] is True and entry["notice_reason"] == NOTICE_REASON

    anyone = new_client()
    for url in (f"/sessions/{s.id}", f"/sessions/{s.id}/minutes"):
        html = anyone.get(url).get_data(as_text=True)
        note = html[html.index('id="notice"'):]
        note = note[:note.index("</p>")]
        assert "less notice than this forum's minimum of 14 days" in note and NOTICE_REASON in note, url
    assert anyone.get(f"/sessions/{s.id}.json").get_json()["header"]["notice_reason"] == NOTICE_REASON
    assert anyone.get(f"/api/v1/sessions/{s.id}").get_json()["notice_reason"] == NOTICE_REASON
    (row,) = [r for r in csv_rows(anyone, "sessions") if r["id"] == str(s.id)]
    assert row["notice_reason"] == NOTICE_REASON

    # Started when it was called: the notice reason covers it, no second reason is asked.
    live_chair = Live(app, http)
    with frozen_at(s.starts_at):
        assert live_chair.emit("start", session=s.id) == {"ok": True}
    db.session.refresh(s)
    assert s.status == "live" and s.start_reason == "" and s.notice_reason == NOTICE_REASON


def test_a_short_notice_session_started_even_earlier_needs_its_own_reason(app, new_client, forum_with_members):
    forum, _members = forum_with_members
    chair = chairs(forum)["state_chair"]
    now = utcnow()
    s = services.schedule(chair, forum, title="Sesión extraordinaria", starts_at=now + timedelta(minutes=25),
                          ends_at=now + timedelta(hours=2), place="Sala 1", agenda=[services.ItemInput("Decreto")],
                          notice_reason=NOTICE_REASON)
    db.session.commit()
    http = new_client()
    http.login(chair.email)
    client = Live(app, http)
    before = trail_length()
    with frozen_at(now + timedelta(minutes=10)):  # fifteen minutes before the time announced
        ack = client.emit("start", session=s.id)
        assert ack["ok"] is False and ack["field"] == "reason" and "called at short notice" in ack["message"], ack
        assert trail_length() == before
        reason = "Todos los miembros ya están en la sala."
        assert client.emit("start", session=s.id, reason=reason) == {"ok": True}
    db.session.refresh(s)
    assert (s.notice_reason, s.start_reason) == (NOTICE_REASON, reason)
    html = new_client().get(f"/sessions/{s.id}").get_data(as_text=True)
    assert NOTICE_REASON in html and reason in html


def test_the_pages_say_when_the_session_really_met_with_the_zone(app, new_client, forum_with_members):
    forum, members = forum_with_members
    s = live(forum, list(members.values()))
    http = new_client()
    http.login(chairs(forum)["state_chair"].email)
    chair = Live(app, http)
    with frozen_at(s.started_at + timedelta(minutes=70)):
        assert chair.emit("end", session=s.id, confirm=True) == {"ok": True}
    db.session.refresh(s)
    for language in ("en", "es"):
        page = Client(app.test_client(), language=language)
        show = page.get(f"/sessions/{s.id}").get_data(as_text=True)
        minutes = page.get(f"/sessions/{s.id}/minutes").get_data(as_text=True)
        with app.app_context(), app.test_request_context(headers={"Accept-Language": language}):
            real = f"{when(s.started_at)} – {when(s.ended_at)}"
            planned_end = when(s.ends_at)
            strings = json.loads(show.split('id="live-strings">')[1].split("</script>")[0])
            assert strings["zone_name"] and f"({strings['zone_name']})" in when(s.started_at)
        meta = show[show.index('id="status"'):]
        meta = meta[:meta.index("</p>")]
        assert real in meta and real in minutes and planned_end not in meta, language
