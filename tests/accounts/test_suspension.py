"""Registration bursts and suspension (issue 15): the admin sees six accounts made within
minutes as one burst, suspends one with a public reason, and that person is logged out at
once, cannot log in again (and is told why), while what they did stays on the record;
reinstating is recorded the same way."""
import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from forum.accounts.models import User
from forum.core.clock import frozen_at, utcnow
from forum.extensions import db
from forum.trail.models import TrailEntry
from tests.conftest import PASSWORD

REASON = "Cuenta creada en una ráfaga de registros automáticos desde un mismo programa."


@pytest.fixture
def seed():
    def world(make):
        admin = make.user("Admin", admin=True)
        t0 = utcnow() - timedelta(days=2)
        with frozen_at(t0 - timedelta(days=1)):
            alone = make.user("Persona sola")
        burst = []
        for i in range(6):
            with frozen_at(t0 + timedelta(minutes=i)):
                burst.append(make.user(f"Bot {i}", confirmed=i == 0))
        with frozen_at(t0 + timedelta(hours=3)):
            make.user("Más tarde")
        return {"admin": admin.email, "alone": alone.id, "burst": [u.id for u in burst],
                "bot_email": burst[1].email, "bot": burst[1].id}
    return world


def test_the_admin_sees_a_burst_as_one(client, seeded):
    client.login(seeded["admin"])
    page = client.get("/admin/accounts").get_data(as_text=True)
    assert "6 accounts between" in page and "5 of them never confirmed their address." in page
    for uid in seeded["burst"]:
        assert f'href="/people/{uid}"' in page
    assert f'href="/people/{seeded["alone"]}"' not in page and "Más tarde" not in page


def test_suspending_logs_out_at_once_and_bars_login_with_the_reason(client, new_client, seeded):
    bot = new_client()
    bot.login(seeded["bot_email"])
    assert bot.get("/account/").status_code == 200
    client.login(seeded["admin"])
    r = client.post(f"/admin/accounts/{seeded['bot']}/suspend", {"reason": REASON})
    assert r.status_code == 302
    entry = db.session.scalar(select(TrailEntry).where(TrailEntry.action == "account.suspended"))
    assert entry.subject_id == str(seeded["bot"]) and json.loads(entry.payload)["reason"] == REASON
    assert "/account/login" in bot.get("/account/").headers["Location"]  # the open session ended
    again = new_client().post("/account/login", {"email": seeded["bot_email"], "password": PASSWORD})
    assert again.status_code == 400 and "suspended by the platform" in again.get_data(as_text=True)
    assert REASON in again.get_data(as_text=True)
    assert db.session.get(User, seeded["bot"]) is not None  # nothing deleted


def test_a_wrong_password_on_a_suspended_account_says_nothing_more(client, new_client, seeded):
    client.login(seeded["admin"])
    client.post(f"/admin/accounts/{seeded['bot']}/suspend", {"reason": REASON})
    r = new_client().post("/account/login", {"email": seeded["bot_email"], "password": "not the password 1"})
    assert "suspended" not in r.get_data(as_text=True) and "Wrong email or password" in r.get_data(as_text=True)


def test_a_short_reason_is_refused_next_to_the_field(client, seeded):
    client.login(seeded["admin"])
    r = client.post(f"/admin/accounts/{seeded['bot']}/suspend", {"reason": "bot"})
    assert r.status_code == 400 and "Write between" in r.get_data(as_text=True)
    assert db.session.get(User, seeded["bot"]).suspended_at is None


def test_reinstating_is_recorded_and_restores_login(client, new_client, seeded):
    client.login(seeded["admin"])
    client.post(f"/admin/accounts/{seeded['bot']}/suspend", {"reason": REASON})
    r = client.post(f"/admin/accounts/{seeded['bot']}/reinstate",
                    {"reason": "Era una persona real: nos escribió desde su organización."})
    assert r.status_code == 302
    actions = list(db.session.scalars(select(TrailEntry.action).where(TrailEntry.subject_id == str(seeded["bot"]))
                                      .order_by(TrailEntry.seq)))
    assert actions[-2:] == ["account.suspended", "account.reinstated"]
    assert new_client().post("/account/login", {"email": seeded["bot_email"], "password": PASSWORD}).status_code == 302


def test_an_admin_cannot_suspend_themself(client, seeded):
    client.login(seeded["admin"])
    me = db.session.scalar(select(User).where(User.email == seeded["admin"]))
    r = client.post(f"/admin/accounts/{me.id}/suspend", {"reason": REASON})
    assert r.status_code == 403 and "your own account" in r.get_data(as_text=True)
