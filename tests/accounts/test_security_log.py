"""Security events reach the application log (issue 15): failed logins, refusals, CSRF
failures, rate-limit hits and suspensions, each as one JSON line with what an investigator
needs — and never the password, a token or the e-mail address."""
import json
import logging

import pytest

WRONG = "guess-number-1-Secret"


@pytest.fixture
def seed():
    def world(make):
        user = make.user(email="ana@example.org")
        admin = make.user("Admin", admin=True, email="admin@example.org")
        return {"email": user.email, "user": user.id, "admin": admin.email}
    return world


def events(caplog) -> list[dict]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "traza.security"]


def test_a_failed_login_is_logged_without_the_password_or_the_address(client, seeded, caplog):
    caplog.set_level(logging.INFO, logger="traza.security")
    client.post("/account/login", {"email": seeded["email"], "password": WRONG})
    (e,) = [e for e in events(caplog) if e["event"] == "login_failed"]
    assert e["ip"] and e["path"] == "/account/login" and len(e["account"]) == 16
    text = caplog.text
    assert WRONG not in text and seeded["email"] not in text


def test_refusals_csrf_and_rate_limits_are_logged(client, seeded, caplog, app):
    caplog.set_level(logging.INFO, logger="traza.security")
    client.login(seeded["email"])
    client.get("/admin/")  # 403
    client.raw.post("/account/logout", data={})  # no CSRF token
    for _ in range(11):
        client.post("/account/forgot", {"email": "someone@example.org"})
    kinds = {e["event"] for e in events(caplog)}
    assert {"refused", "csrf_refused", "rate_limited"} <= kinds
    refused = next(e for e in events(caplog) if e["event"] == "refused")
    assert refused["status"] == 403 and refused["user"] is not None
    assert "someone@example.org" not in caplog.text


def test_a_suspension_is_logged(client, seeded, caplog):
    caplog.set_level(logging.INFO, logger="traza.security")
    client.login(seeded["admin"])
    client.post(f"/admin/accounts/{seeded['user']}/suspend",
                {"reason": "Cuenta creada en una ráfaga de registros automáticos."})
    (e,) = [e for e in events(caplog) if e["event"] == "account_suspended"]
    assert e["target"] == seeded["user"]


def test_the_app_loggers_survive_the_migrations_logging_set_up(app, tmp_path):
    """Alembic's env.py configures logging from its ini; it must not disable ours."""
    from flask_migrate import upgrade

    from forum import create_app
    other = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp_path / 'm.db'}", "SECRET_KEY": "x",
                        "INSTANCE_PATH": str(tmp_path / "instance")})
    with other.app_context():
        upgrade(directory=other.extensions["migrate"].directory)
    assert not logging.getLogger("traza.security").disabled
    assert not logging.getLogger("forum.sessions.sockets").disabled
