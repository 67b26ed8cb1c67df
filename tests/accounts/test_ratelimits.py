"""Rate limits as an attacker meets them and as a person never notices them: wrong passwords
for one account stop at ten (right ones never count), reset e-mails to one address stop at
three, scripted registrations, comments, API calls and live-session events are refused
with a 429 that says when to try again, and nothing over the limit is saved."""
from pathlib import Path

import pytest
from sqlalchemy import func, select

from forum.extensions import db
from forum.proposals.models import Comment
from tests.conftest import PASSWORD

WRONG = "not-the-password-1"


@pytest.fixture
def seed():
    def world(make):
        from tests.helpers.proposals import proposal
        user = make.user(email="ana@example.org")
        p = proposal(make)
        return {"email": user.email, "proposal": p.id, "forum": p.forum_id}
    return world


def login(client, email, password):
    return client.post("/account/login", {"email": email, "password": password})


def test_ten_wrong_passwords_for_one_account_then_a_clear_429(client, seeded):
    for _ in range(10):
        assert login(client, seeded["email"], WRONG).status_code == 400
    r = login(client, seeded["email"], PASSWORD)  # even the right one waits now
    assert r.status_code == 429
    assert int(r.headers["Retry-After"]) > 60
    page = r.get_data(as_text=True)
    assert "Too many attempts in a short time" in page and "minutes" in page
    assert "Log out" not in page  # not logged in


def test_right_passwords_never_use_up_the_allowance(client, new_client, seeded):
    for _ in range(15):
        c = new_client()
        assert login(c, seeded["email"], PASSWORD).status_code == 302


def test_the_limit_is_per_account_another_person_logs_in(client, new_client, seeded, make):
    other = make.user(email="beto@example.org")
    db.session.commit()
    for _ in range(10):
        login(client, seeded["email"], WRONG)
    assert login(client, seeded["email"], WRONG).status_code == 429
    assert login(new_client(), other.email, PASSWORD).status_code == 302


def test_reset_mails_to_one_address_stop_at_three(client, seeded, app):
    for _ in range(3):
        assert client.post("/account/forgot", {"email": seeded["email"]}).status_code == 302
    r = client.post("/account/forgot", {"email": seeded["email"]})
    assert r.status_code == 429 and r.headers["Retry-After"]
    assert len(list((Path(app.instance_path) / "outbox").glob("*.eml"))) == 3


def test_scripted_registrations_stop(client, seeded):
    codes = [client.post("/account/register", {
        "email": f"bot{i}@example.org", "display_name": f"Bot {i}", "password": "a long passphrase 1234",
        "confirm": "a long passphrase 1234"}).status_code for i in range(11)]
    assert codes[:10].count(429) == 0 and codes[10] == 429


def test_comments_over_the_limit_are_refused_and_not_saved(client, seeded, make):
    user = make.user()
    db.session.commit()
    client.login(user.email)
    url = f"/proposals/{seeded['proposal']}/comments"
    codes = [client.post(url, {"comment-body": f"Comentario número {i} sobre la propuesta.",
                               "comment-organisation": ""}).status_code for i in range(31)]
    assert 429 not in codes[:30] and codes[30] == 429
    assert db.session.scalar(select(func.count()).select_from(Comment).where(
        Comment.proposal_id == seeded["proposal"])) == 30


def test_the_api_answers_429_in_json_with_retry_after(client, seeded, app):
    app.config["API_RATE_LIMIT"] = "5 per minute"
    codes = [client.get("/api/v1/forums").status_code for _ in range(6)]
    assert codes == [200] * 5 + [429]
    r = client.get("/api/v1/forums")
    body = r.get_json()
    assert body["error"] == "rate_limited" and body["retry_after"] >= 1 and r.headers["Retry-After"]
    assert r.headers["Access-Control-Allow-Origin"] == "*"


def test_the_limit_speaks_spanish(client, seeded):
    for _ in range(10):
        login(client, seeded["email"], WRONG)
    r = client.post("/account/login", {"email": seeded["email"], "password": WRONG},
                    headers={"Accept-Language": "es"})
    assert r.status_code == 429 and "Demasiados intentos en poco tiempo" in r.get_data(as_text=True)


def test_a_burst_of_live_events_is_refused_with_a_reason(app, seeded, make, client):
    from forum.forums.models import Forum
    from tests.helpers.live import Live, live
    forum = db.session.get(Forum, seeded["forum"])
    member = make.user()
    s = live(forum)
    client.login(member.email)
    sio = Live(app, client)
    acks = [sio.emit("raise_hand", session=s.id) for _ in range(21)]
    assert all("Too many actions" not in str(a) for a in acks[:20])
    assert acks[20]["ok"] is False and "Too many actions at once" in acks[20]["message"]
    sio.disconnect()


@pytest.fixture
def wall_clock(monkeypatch):
    """Wall-clock time moved by the test (the limiter's window, the 429's wait): `advance(s)`."""
    import time
    real, offset = time.time, [0.0]
    monkeypatch.setattr(time, "time", lambda: real() + offset[0])
    return lambda seconds: offset.__setitem__(0, offset[0] + seconds)


def reauth(client, password):
    return client.post("/account/reauth", {"password": password})


def change_password(client, current, new="a brand new passphrase 2026"):
    return client.post("/account/", {"current": current, "new": new, "confirm": new})


def test_ten_wrong_passwords_at_reauth_end_the_session_even_a_stolen_copy(client, new_client, seeded, caplog):
    """A stolen session cookie cannot guess the password behind 'fresh login': ten wrong ones,
    then a 429 even for the right one, and every copy of the cookie stops working."""
    client.login(seeded["email"])
    thief = new_client()
    thief.raw.set_cookie("session", client.raw.get_cookie("session").value)
    assert thief.get("/account/").status_code == 200
    for _ in range(10):
        assert reauth(thief, WRONG).status_code == 400
    r = reauth(thief, PASSWORD)
    assert r.status_code == 429 and int(r.headers["Retry-After"]) > 60
    assert "Too many wrong passwords" in r.get_data(as_text=True)
    for c in (thief, client):  # the copy and the owner's own session both ended
        assert c.get("/account/").status_code == 302
    assert not [rec for rec in caplog.records if rec.exc_info]
    assert any('"sessions_ended"' in rec.getMessage() for rec in caplog.records)  # the operator sees it
    client.login(seeded["email"])  # the owner, who knows the password, carries on
    assert reauth(client, PASSWORD).status_code == 302


def test_reauth_and_password_change_share_one_allowance(client, seeded):
    client.login(seeded["email"])
    for _ in range(5):
        assert reauth(client, WRONG).status_code == 400
        assert change_password(client, WRONG).status_code == 400
    r = change_password(client, PASSWORD)
    assert r.status_code == 429 and "Too many wrong passwords" in r.get_data(as_text=True)
    client.login(seeded["email"])
    assert change_password(client, PASSWORD).status_code == 302  # not changed before: the 429 saved nothing


def test_a_weak_new_password_is_not_a_wrong_password(client, seeded):
    client.login(seeded["email"])
    for _ in range(12):
        assert change_password(client, PASSWORD, new="short").status_code == 400
    assert reauth(client, PASSWORD).status_code == 302


def test_the_allowance_comes_back_after_fifteen_minutes(client, seeded, wall_clock):
    client.login(seeded["email"])
    for _ in range(10):
        assert reauth(client, WRONG).status_code == 400
    wall_clock(15 * 60 + 1)
    for _ in range(10):
        assert reauth(client, WRONG).status_code == 400
    assert reauth(client, WRONG).status_code == 429
