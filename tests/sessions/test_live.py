"""A session run end to end over real Socket.IO clients: quorum, agenda, a fair queue,
votes that change until the close, roll calls checkable against the trail, two-key
minutes; two windows in step; state that survives a restart; votes racing."""
import json
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from forum import create_app
from forum.core.clock import frozen_at, utcnow
from forum.core.errors import DomainError
from forum.extensions import db
from forum.forums import services as forums
from forum.sessions import motion_queries, services, state
from forum.sessions.models import ForumSession, Motion, Vote
from forum.sessions.services import minutes, motions
from forum.trail.models import TrailEntry
from tests.helpers.live import Live, live, motion, scheduled, seated_forum
from tests.helpers.proposals import chairs


@pytest.fixture
def forum_with_members(make):
    return seated_forum(make)


def login(new_client, app, user):
    http = new_client()
    http.login(user.email)
    return Live(app, http)


def last_state(client) -> dict:
    merged = {}
    for name, body in client.received():
        if name == "state":
            merged.update(body)
    return merged


def test_a_session_from_start_to_published_minutes(app, make, new_client, forum_with_members):
    forum, members = forum_with_members
    ch = chairs(forum)
    s = scheduled(forum)
    state_chair, civil_chair = login(new_client, app, ch["state_chair"]), login(new_client, app, ch["civil_chair"])
    people = {k: login(new_client, app, u) for k, u in members.items()}
    observer = Live(app)
    for c in [state_chair, civil_chair, observer, *people.values()]:
        assert c.emit("join", session=s.id) == {"ok": True}
        c.received()

    assert state_chair.emit("start", session=s.id) == {"ok": True}
    assert last_state(observer)["header"]["status"] == "live"
    # 6 members: quorum needs 4, with the State and civil society.
    for kind in ("academia", "private", "civil_society"):
        people[kind].emit("check_in", session=s.id)
    q = last_state(observer)["attendance"]["quorum"]
    assert (q["present"], q["needed"], q["met"]) == (3, 4, False)
    people["government"].emit("check_in", session=s.id)
    q = last_state(observer)["attendance"]["quorum"]
    assert (q["present"], q["met"], q["state_present"], q["civil_present"]) == (4, True, 1, 1)
    # The co-chair records the civil-society chair present in the room.
    assert state_chair.emit("record_presence", session=s.id, user=ch["civil_chair"].id, present=True) == {"ok": True}

    assert civil_chair.emit("advance", session=s.id, position=2) == {"ok": True}
    assert last_state(observer)["header"]["current_item"] == 2

    # First come, first served: academia, then private, whatever order the floor is asked.
    people["academia"].emit("raise_hand", session=s.id)
    people["private"].emit("raise_hand", session=s.id)
    assert "already raised" in people["academia"].emit("raise_hand", session=s.id)["message"]
    assert [w["name"] for w in last_state(observer)["queue"]["waiting"]] == [members["academia"].display_name,
                                                                             members["private"].display_name]
    state_chair.emit("give_floor", session=s.id)
    queue = last_state(observer)["queue"]
    assert queue["speaking"]["user"] == members["academia"].id and len(queue["waiting"]) == 1
    people["private"].emit("lower_hand", session=s.id)
    state_chair.emit("give_floor", session=s.id)
    queue = last_state(observer)["queue"]
    assert queue == {"waiting": [], "speaking": None}

    assert civil_chair.emit("open_motion", session=s.id, text="Aprobar el compromiso de datos abiertos",
                            rule="double") == {"ok": True}
    m = last_state(observer)["motion"]
    for kind, option in (("government", "yes"), ("civil_society", "no"), ("academia", "no"), ("private", "yes")):
        assert people[kind].emit("vote", session=s.id, motion=m["id"], option=option) == {"ok": True}
    people["civil_society"].emit("vote", session=s.id, motion=m["id"], option="yes")  # changed: the last counts
    tally = last_state(observer)["motion"]["tally"]
    # Sealed while open: how many ballots are in, never how many for each option.
    assert tally == {"ballots": 4, "by_group": {"academia": 1, "civil_society": 1, "government": 1, "private": 1},
                     "sealed": True}
    assert "roll_call" not in json.dumps(last_state(observer)), "who voted what stays secret until the close"
    assert state_chair.emit("close_motion", session=s.id, motion=m["id"]) == {"ok": True}
    decision = last_state(observer)["decisions"][0]
    assert decision["result"]["outcome"] == "yes" and decision["result"]["carried"] is True
    roll = {r["user"]: r["option"] for r in decision["roll_call"]}
    assert roll == {members["government"].id: "yes", members["civil_society"].id: "yes",
                    members["academia"].id: "no", members["private"].id: "yes"}
    # Every ballot on the trail is a hash the published roll call lets anyone recompute.
    ballots = [json.loads(e.payload)["ballot_sha256"] for e in db.session.scalars(
        select(TrailEntry).where(TrailEntry.action == "motion.vote"))]
    assert len(ballots) == 5
    assert {e.actor_user_id for e in db.session.scalars(select(TrailEntry).where(
        TrailEntry.action == "motion.vote"))} == {None}, "the trail says a ballot came in, not whose"
    for r in decision["roll_call"]:
        motion = db.session.get(Motion, m["id"])
        assert motion_queries.ballot_hash(motion, r["user"], r["option"], r["nonce"]) in ballots
    assert "closed" in people["private"].emit("vote", session=s.id, motion=m["id"], option="no")["message"]

    assert state_chair.emit("minutes", session=s.id, text="Se **aprobó** el compromiso.<script>x()</script>",
                            revision=0) == {"ok": True}
    assert last_state(observer)["minutes"]["html"] is None, "the draft goes to its writers, not the room"
    shown = last_state(state_chair)["draft"]["html"]  # Markdown, rendered and sanitised by the server
    assert "<strong>aprobó</strong>" in shown and "<script" not in shown
    assert "another window" in civil_chair.emit("minutes", session=s.id, text="Otra cosa", revision=0)["message"]
    assert "Confirm first" in state_chair.emit("end", session=s.id)["message"], "one stray click ends nothing"
    assert last_state(observer) == {}
    assert state_chair.emit("end", session=s.id, confirm=True) == {"ok": True}
    assert "Confirm first" in state_chair.emit("approve_minutes", session=s.id)["message"]
    assert state_chair.emit("approve_minutes", session=s.id, confirm=True) == {"ok": True}
    # An edit after one key voids it: both must approve the same text.
    state_chair.emit("minutes", session=s.id, text="Se aprobó el compromiso por doble mayoría (4 votos).")
    civil_chair.emit("approve_minutes", session=s.id, confirm=True)
    assert last_state(observer)["minutes"]["published_at"] is None
    assert state_chair.emit("approve_minutes", session=s.id, confirm=True) == {"ok": True}
    assert last_state(observer)["minutes"]["published_at"] is not None
    assert "published" in state_chair.emit("minutes", session=s.id, text="Cambio tardío")["message"]
    page = new_client().get(f"/sessions/{s.id}/minutes").get_data(as_text=True)
    assert "(4 votos)" in page and members["academia"].display_name in page and "Carried" in page
    # One renderer for the record: the minutes, the live page (before any script runs) and
    # the fragment live.js swaps in all carry the same decision article.
    fragment = new_client().get(f"/sessions/{s.id}/decisions").get_data(as_text=True)
    article = fragment[fragment.index("<article"):fragment.index("</article>")]
    assert "Roll call (4)" in article and f'id="motion-{decision["id"]}"' in article
    assert article.replace("<details>", "<details open>") in page
    assert article in new_client().get(f"/sessions/{s.id}").get_data(as_text=True)


def test_two_windows_of_one_member_stay_in_step(app, make, new_client, forum_with_members):
    forum, members = forum_with_members
    s = live(forum, [members["government"]])
    m = motion(s, forum)
    http = new_client()
    http.login(members["government"].email)
    phone, laptop = Live(app, http), Live(app, http)
    for c in (phone, laptop):
        c.emit("join", session=s.id)
        c.received()
    phone.emit("vote", session=s.id, motion=m.id, option="abstain")
    for c in (phone, laptop):
        got = dict(c.received())
        assert got["you"] == {"session": s.id, "motion": m.id, "vote": "abstain"}
        assert got["state"]["motion"]["tally"]["ballots"] == 1
    stranger = Live(app)
    stranger.emit("join", session=s.id)
    stranger.received()
    laptop.emit("vote", session=s.id, motion=m.id, option="yes")
    assert "you" not in dict(stranger.received())


def test_state_survives_a_restart(app, make, new_client, forum_with_members, database_url, tmp_path):
    forum, members = forum_with_members
    s = live(forum, [members["government"], members["civil_society"]])
    services.raise_hand(members["civil_society"], s)
    services.advance(chairs(forum)["state_chair"], s, 3)
    m = motion(s, forum, choices=["Lima", "Cusco"])
    motions.vote(members["government"], s, m.id, "Cusco")
    minutes.save(chairs(forum)["civil_chair"], s, "Borrador del acta.")
    db.session.commit()
    before = state.snapshot(s)
    sid, email = s.id, members["government"].email
    db.session.remove()
    db.engine.dispose()

    again = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": database_url, "SECRET_KEY": "test-secret",
                        "INSTANCE_PATH": str(tmp_path / "instance2"), "BABEL_DEFAULT_LOCALE": "en",
                        "SESSION_COOKIE_SECURE": False, "REMEMBER_COOKIE_SECURE": False})
    from tests.conftest import Client
    http = Client(again.test_client())
    http.login(email)
    client = Live(again, http)
    client.emit("join", session=sid)
    got = dict(client.received())
    assert got["state"].pop("may")["speak_and_vote"]  # what this person may do, beside the public state
    assert got["state"] == before
    assert got["you"]["vote"] == "Cusco" and got["you"]["motion"] == m.id
    assert got["state"]["header"]["current_item"] == 3
    assert [w["user"] for w in got["state"]["queue"]["waiting"]] == [members["civil_society"].id]
    with again.app_context():
        again_state = state.snapshot(db.session.get(ForumSession, sid))
        db.session.remove()
        db.engine.dispose()
    assert again_state == before


def test_many_members_vote_at_once_and_the_tally_is_exact(app, make):
    forum = make.forum(open_=True)
    chair = chairs(forum)["state_chair"]
    voters = []
    for i in range(24):
        user, org = make.member_of("civil_society" if i % 2 else "government")
        forums.add_member(chair, forum, user, org)
        voters.append(user)
    db.session.commit()
    s = live(forum, voters)
    m = motion(s, forum)
    ids = [u.id for u in voters]
    sid, mid = s.id, m.id
    errors = []
    barrier = threading.Barrier(len(ids) + 4)

    def cast(uid, option):
        from forum.accounts.models import User
        with app.app_context():
            barrier.wait()
            try:
                motions.vote(db.session.get(User, uid), db.session.get(ForumSession, sid), mid, option)
                db.session.commit()
            except Exception as err:  # noqa: BLE001 — collected and asserted below
                db.session.rollback()
                errors.append(err)

    threads = [threading.Thread(target=cast, args=(uid, "yes" if n % 3 else "no")) for n, uid in enumerate(ids)]
    # The same member twice at once, with two different ballots: one row, the later wins.
    threads += [threading.Thread(target=cast, args=(ids[0], "abstain")) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(Vote).where(Vote.motion_id == mid)) == 24
    assert motion_queries.live_tally(m)["ballots"] == 24
    assert db.session.scalar(select(func.count()).select_from(TrailEntry).where(
        TrailEntry.action == "motion.vote")) == 28, "every ballot, replaced or not, is on the trail"


def test_only_members_present_vote_and_closed_motions_refuse(app, make, forum_with_members):
    forum, members = forum_with_members
    s = live(forum, [members["academia"]])
    m = motion(s, forum)
    from forum.core.errors import PermissionDenied
    with pytest.raises(PermissionDenied, match="Check in first"):
        motions.vote(members["private"], s, m.id, "yes")
    db.session.rollback()
    motions.close_motion(chairs(forum)["state_chair"], s, m.id)
    db.session.commit()
    with pytest.raises(DomainError, match="closed"):
        motions.vote(members["academia"], s, m.id, "yes")


@pytest.mark.parametrize("kw, field", [
    (dict(title=""), "title"), (dict(place="", online_url=""), "place"), (dict(online_url="ftp://x"), "online_url"),
    (dict(agenda=[]), "agenda"), (dict(agenda=[services.ItemInput("Ver", "proposal", 999)]), "agenda-0"),
    (dict(agenda=[services.ItemInput("Ver", "planet", 1)]), "agenda-0"),
    (dict(starts_in=timedelta(hours=-1)), "starts_at"), (dict(lasts=timedelta(0)), "ends_at"),
])
def test_bad_schedules_are_refused_with_their_field(make, kw, field):
    forum = make.forum(open_=True)
    kw, now = dict(kw), utcnow()  # the parameters are shared by the SQLite and PostgreSQL runs
    args = dict(title="Sesión", place="Sala", online_url="", agenda=[services.ItemInput("Apertura")],
                notice_reason="Convocada con urgencia por el ministerio.")
    starts = now + kw.pop("starts_in", timedelta(days=10))
    ends = starts + kw.pop("lasts", timedelta(hours=2))
    args.update(kw)
    with pytest.raises(DomainError) as err:
        services.schedule(chairs(forum)["state_chair"], forum, starts_at=starts, ends_at=ends, **args)
    assert err.value.field == field


def test_short_notice_is_flagged_and_recorded(make, client):
    forum = make.forum(open_=True)
    chair = chairs(forum)["state_chair"]
    with pytest.raises(DomainError) as err:
        services.schedule(chair, forum, title="Urgente", starts_at=utcnow() + timedelta(days=2),
                          ends_at=utcnow() + timedelta(days=2, hours=1), place="Sala",
                          agenda=[services.ItemInput("Único")])
    assert err.value.field == "notice_reason" and "14 days" in str(err.value.message)
    db.session.rollback()
    s = services.schedule(chair, forum, title="Urgente", starts_at=utcnow() + timedelta(days=2),
                          ends_at=utcnow() + timedelta(days=2, hours=1), place="Sala",
                          agenda=[services.ItemInput("Único")], notice_reason="El decreto vence el jueves.")
    db.session.commit()
    entry = db.session.scalars(select(TrailEntry).where(TrailEntry.action == "session.scheduled")).one()
    assert json.loads(entry.payload)["short_notice"] is True
    assert "less notice than this forum" in client.get(f"/sessions/{s.id}").get_data(as_text=True)


def test_schedule_form_calendar_and_feed(make, client):
    forum = make.forum(open_=True)
    chair = chairs(forum)["state_chair"]
    proposal_forum = forum
    from tests.helpers.proposals import proposal
    p = proposal(make, proposal_forum)
    client.login(chair.email)
    assert client.get(f"/forums/{forum.id}/sessions/new").status_code == 200
    start = (utcnow() + timedelta(days=16)).strftime("%Y-%m-%dT%H:%M")
    end = (utcnow() + timedelta(days=16, hours=2)).strftime("%Y-%m-%dT%H:%M")
    data = {"title": "Sesión ordinaria de diciembre", "starts_at": start, "ends_at": end, "place": "MINAM, Lima",
            "online_url": "https://meet.example.org/foro", "agenda-0-title": "Aprobación del acta",
            "agenda-1-title": "Propuesta de datos abiertos", "agenda-1-subject_type": "proposal",
            "agenda-1-subject_id": str(p.id), "agenda-2-title": ""}
    resp = client.post(f"/forums/{forum.id}/sessions/new", {**data, "agenda-1-subject_id": "99999"})
    assert resp.status_code == 400 and "Item 2 refers to something that does not exist" in resp.get_data(as_text=True)
    resp = client.post(f"/forums/{forum.id}/sessions/new", data)
    assert resp.status_code == 302
    s = db.session.scalars(select(ForumSession)).one()
    assert [(i.position, i.title, i.subject_type) for i in s.agenda] == [
        (1, "Aprobación del acta", None), (2, "Propuesta de datos abiertos", "proposal")]
    ics = client.get(f"/sessions/{s.id}.ics")
    text = ics.get_data(as_text=True)
    assert ics.mimetype == "text/calendar" and text.startswith("BEGIN:VCALENDAR\r\n")
    assert f"DTSTART:{s.starts_at.strftime('%Y%m%dT%H%M%SZ')}" in text
    assert "LOCATION:MINAM\\, Lima\\, https://meet.example.org/foro" in text
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))
    feed = client.get(f"/forums/{forum.id}/sessions.ics").get_data(as_text=True)
    assert feed.count("BEGIN:VEVENT") == 1
    page = client.get(f"/forums/{forum.id}/sessions").get_data(as_text=True)
    assert "Sesión ordinaria de diciembre" in page
    assert f"/proposals/{p.id}" in client.get(f"/sessions/{s.id}").get_data(as_text=True)


def test_the_calendar_escapes_and_folds(make):
    from forum.sessions import ical
    forum = make.forum(open_=True)
    with frozen_at(utcnow() - timedelta(days=15)):
        s = services.schedule(chairs(forum)["state_chair"], forum, title="Sesión; con, comas y acentos: " + "á" * 60,
                              starts_at=utcnow() + timedelta(days=16), ends_at=utcnow() + timedelta(days=16, hours=1),
                              place="Sala", agenda=[services.ItemInput("Uno")])
    text = ical.calendar([s], utcnow(), "Foro")
    unfolded = text.replace("\r\n ", "")
    assert "Sesión\\; con\\, comas" in unfolded and "á" * 60 in unfolded
    assert all(len(line.encode()) <= 75 for line in text.split("\r\n"))


def test_a_voted_motion_is_an_input_to_a_commitment(app, make, forum_with_members, client):
    from forum.commitments import queries
    from forum.commitments.services import links
    from tests.helpers.commitments import commitment
    forum, members = forum_with_members
    cm = commitment(make, forum)
    s = live(forum, [members["government"], members["civil_society"]])
    m = motion(s, forum, text="Incluir un hito de datos abiertos", rule="double")
    chair = chairs(forum)["state_chair"]
    with pytest.raises(DomainError, match="Only a motion that was voted"):
        links.link(chair, queries.version(cm), "motion", m.id, "adopted", "El foro lo pidió en sesión.")
    db.session.rollback()
    motions.vote(members["government"], s, m.id, "yes")
    motions.vote(members["civil_society"], s, m.id, "yes")
    motions.close_motion(chair, s, m.id)
    links.link(chair, queries.version(cm), "motion", m.id, "adopted", "El foro lo pidió en sesión.")
    db.session.commit()
    assert queries.voice(queries.version(cm))["counts"] == {"forum": 1}
    page = client.get(f"/commitments/{cm.id}").get_data(as_text=True)
    assert f"/sessions/{s.id}#motion-{m.id}" in page and "Session decision" in page and "Forum decisions" in page


def test_the_forum_sets_its_quorum_rule_and_notice(make, client):
    forum = make.forum(open_=True)
    chair = chairs(forum)["civil_chair"]
    client.login(chair.email)
    resp = client.post(f"/forums/{forum.id}/session-rules", {"session_rules-notice_days": "99",
                                                             "session_rules-quorum_rule": "majority"})
    assert resp.status_code == 400 and "between 0 and 60" in resp.get_data(as_text=True)
    resp = client.post(f"/forums/{forum.id}/session-rules", {"session_rules-notice_days": "0",
                                                             "session_rules-quorum_rule": "majority"})
    assert resp.status_code == 302
    db.session.refresh(forum)
    assert (forum.session_notice_days, forum.quorum_rule) == (0, "majority")
    s = live(forum, [chairs(forum)["state_chair"]])
    q = state.attendance(s)["quorum"]
    assert q["rule"] == "majority" and q["met"] is False  # 1 of 2 is not a majority
    services.check_in(chair, s)
    assert state.attendance(s)["quorum"]["met"] is True
    page = client.get(f"/forums/{forum.id}").get_data(as_text=True)
    assert "Quorum: A majority of members." in page and s.title in page


def test_open_data_shows_tallies_closed_roll_calls_and_no_draft_minutes(make, client, forum_with_members):
    forum, members = forum_with_members
    s = live(forum, [members["government"]])
    m = motion(s, forum)
    motions.vote(members["government"], s, m.id, "no")
    db.session.commit()
    minutes.save(chairs(forum)["state_chair"], s, "Borrador: aún no aprobado.")
    db.session.commit()
    data = client.get(f"/sessions/{s.id}.json").get_json()
    assert data["motion"]["tally"]["ballots"] == 1 and "roll_call" not in json.dumps(data)
    assert "Borrador" not in json.dumps(data)  # an unapproved draft is not open data, in any form
    assert '"no"' not in json.dumps(data["motion"]["tally"])  # no count per option while open
    motions.close_motion(chairs(forum)["state_chair"], s, m.id)
    db.session.commit()
    data = client.get(f"/sessions/{s.id}.json").get_json()
    assert data["decisions"][0]["roll_call"][0]["option"] == "no" and data["motion"] is None


def test_a_secret_ballot_publishes_counts_and_openings_never_names(app, make, client, forum_with_members):
    """Elections of people are secret ballots: after the close the counts are public and
    every ballot's commitment on the trail can be opened from the published (option, nonce)
    pairs — without any of them naming who cast it."""
    forum, members = forum_with_members
    voters = [members["government"], members["civil_society"], members["academia"]]
    s = live(forum, voters)
    m = motions.open_motion(chairs(forum)["civil_chair"], s, "Elegir a la secretaría técnica", ["Ana", "Beto"],
                            secret=True)
    for voter, choice in zip(voters, ["Ana", "Beto", "Ana"], strict=True):
        motions.vote(voter, s, m.id, choice)
    db.session.commit()
    motions.close_motion(chairs(forum)["state_chair"], s, m.id)
    db.session.commit()
    (decision,) = state.decisions(s)
    assert decision["secret"] and decision["roll_call"] == [] and decision["result"]["by_group"] == {}
    assert decision["result"]["tally"] == {"Ana": 2, "Beto": 1} and decision["result"]["outcome"] == "Ana"
    commitments = {json.loads(e.payload)["ballot_sha256"] for e in db.session.scalars(
        select(TrailEntry).where(TrailEntry.action == "motion.vote"))}
    openings = decision["result"]["ballots_revealed"]
    assert {motion_queries.ballot_hash(m, 0, b["option"], b["nonce"]) for b in openings} == commitments
    closed = db.session.scalar(select(TrailEntry).where(TrailEntry.action == "motion.closed"))
    text = closed.payload + json.dumps(client.get(f"/sessions/{s.id}.json").get_json()["decisions"])
    assert not any(f'"user": {v.id}' in text or v.display_name in text for v in voters)
    page = client.get(f"/sessions/{s.id}").get_data(as_text=True)
    assert "Secret ballot: the counts are public" in page and "Roll call" not in page.split("h-decisions")[1]
