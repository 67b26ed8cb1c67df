"""A fresh login for the acts that change who holds power or what is adopted (issue 15): a
session older than fifteen minutes — or one restored from a remember-me cookie — must type
the password again before signing off a commitment; nothing changes until then, and the
person goes back to the page they were on."""
import time

import pytest

from forum.accounts import fresh
from tests.conftest import PASSWORD, trail_actions_since, trail_length


@pytest.fixture
def seed():
    def world(make):
        from tests.helpers.commitments import commitment
        c = commitment(make)
        from tests.helpers.proposals import chairs
        return {"commitment": c.id, "chair": chairs(c.forum)["state_chair"].email, "forum": c.forum_id}
    return world


def age_session(client, seconds):
    with client.raw.session_transaction() as s:
        s[fresh.KEY] = int(time.time()) - seconds


def test_a_stale_session_confirms_the_password_before_signing_off(client, seeded):
    client.login(seeded["chair"])
    page = f"/commitments/{seeded['commitment']}"
    age_session(client, fresh.FRESH_SECONDS + 60)
    before = trail_length()
    r = client.post(f"{page}/versions/1/sign", {}, headers={"Referer": f"http://localhost{page}"})
    assert r.status_code == 302 and "/account/reauth?next=" in r.headers["Location"]
    assert trail_length() == before  # nothing signed
    wrong = client.post(r.headers["Location"], {"password": "not my password at all"})
    assert wrong.status_code == 400 and "That is not your password." in wrong.get_data(as_text=True)
    ok = client.post(r.headers["Location"], {"password": PASSWORD})
    assert ok.status_code == 302 and ok.headers["Location"].endswith(page)
    assert client.post(f"{page}/versions/1/sign", {}).status_code == 302
    assert "commitment.signed" in trail_actions_since(before)


def test_a_fresh_login_signs_at_once(client, seeded):
    client.login(seeded["chair"])
    before = trail_length()
    assert client.post(f"/commitments/{seeded['commitment']}/versions/1/sign", {}).status_code == 302
    assert "commitment.signed" in trail_actions_since(before)


def test_closing_a_forum_asks_too_but_ordinary_acts_do_not(client, seeded):
    client.login(seeded["chair"])
    age_session(client, fresh.FRESH_SECONDS + 60)
    r = client.post(f"/forums/{seeded['forum']}/status", {"status": "closed"})
    assert "/account/reauth" in r.headers["Location"]
    r = client.post(f"/forums/{seeded['forum']}/deadline", {"deadline-days": "45"})
    assert "/account/reauth" not in r.headers.get("Location", "")
