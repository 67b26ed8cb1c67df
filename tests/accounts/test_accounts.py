"""Accounts: registration rules, login, password change and reset, CSRF, the admin CLI."""
import email
import re
import time
from pathlib import Path

import pytest
from itsdangerous import TimestampSigner
from sqlalchemy import func, select

from forum.accounts.models import User
from forum.extensions import db
from tests.conftest import PASSWORD, trail_length

GOOD = "a long Quechua phrase"


def register(c, email="ana@example.org", name="Ana", password=GOOD, confirm=None):
    return c.post("/account/register", {"email": email, "display_name": name, "password": password,
                                        "confirm": password if confirm is None else confirm})


def users() -> int:
    return db.session.scalar(select(func.count()).select_from(User))


def outbox(app) -> list:
    folder = Path(app.instance_path) / "outbox"
    files = sorted(folder.glob("*.eml")) if folder.exists() else []
    return [email.message_from_bytes(f.read_bytes()) for f in files]


def link_in(message) -> str:
    body = message.get_payload(decode=True).decode()
    return re.search(r"http://[^\s]+", body).group(0).replace("http://localhost", "")


def test_register_mails_a_confirmation_then_the_person_logs_in(ctx, client):
    resp = register(client)
    assert resp.status_code == 302 and resp.headers["Location"].endswith("/account/login")
    user = db.session.scalar(select(User))
    assert user.email == "ana@example.org" and user.password_hash.startswith("scrypt:")
    mails = outbox(ctx)
    assert mails[-1]["To"] == "ana@example.org"
    assert client.get(link_in(mails[-1])).status_code == 302
    assert db.session.get(User, user.id).email_confirmed_at is not None
    actions = [r[0] for r in db.session.execute(db.text("SELECT action FROM trail_entries ORDER BY seq"))]
    assert actions == ["account.registered", "account.verified"]
    assert client.post("/account/login", {"email": "ana@example.org", "password": GOOD}).status_code == 302


@pytest.mark.parametrize("data,field,message", [
    (dict(password="short1"), "password", "Use between 10 and 200 characters"),
    (dict(password="contrasena123"), "password", "too common"),
    (dict(password="1234567890"), "password", "too common"),
    (dict(email="not-an-email"), "email", "valid email"),
    (dict(email=""), "email", "required"),
    (dict(name=""), "display_name", "required"),
    (dict(name="x" * 81), "display_name", "between 2 and 80"),
    (dict(confirm="something else entirely"), "confirm", "do not match"),
])
def test_bad_registration_is_refused_next_to_the_field(ctx, client, data, field, message):
    resp = register(client, **data)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert re.search(rf'id="{field}-error">[^<]*{message}', html), html[html.find("<main"):][:2000]
    assert users() == 0 and trail_length() == 0


def test_email_is_unique_ignoring_case_and_registration_does_not_tell(ctx, client, new_client):
    """A known address gets the very answer a new one gets (no enumeration); its owner is
    told by mail, and no second account is made."""
    first = register(client, email="Ana@Example.org")
    second_client = new_client()
    second = register(second_client, email="ANA@example.ORG", name="Otra Ana")
    assert (first.status_code, first.headers["Location"]) == (second.status_code, second.headers["Location"])
    third_client = new_client()
    third = register(third_client, email="nueva@example.org")
    said = [second_client.get(second.headers["Location"]).get_data(as_text=True),
            third_client.get(third.headers["Location"]).get_data(as_text=True)]
    assert "We sent a message to ANA@example.ORG" in said[0] and "We sent a message to nueva@example.org" in said[1]
    assert users() == 2  # Ana once, and the new address
    notice = [m for m in outbox(ctx) if m["Subject"] == "Someone tried to register with your address"]
    assert len(notice) == 1 and notice[0]["To"] == "ana@example.org"


def test_login_is_case_insensitive_and_wrong_password_says_so(make, client):
    make.user(email="luz@example.org")
    resp = client.post("/account/login", {"email": "luz@example.org", "password": "wrong password"})
    assert resp.status_code == 400
    assert "Wrong email or password" in resp.get_data(as_text=True)
    resp = client.post("/account/login", {"email": "nobody@example.org", "password": "wrong password"})
    assert "Wrong email or password" in resp.get_data(as_text=True)
    assert client.get("/account/").status_code == 302
    client.login("LUZ@example.org")
    assert client.get("/account/").status_code == 200
    client.post("/account/logout")
    assert client.get("/account/").status_code == 302


def test_login_redirects_only_to_local_pages(make, client):
    make.user(email="luz@example.org")
    resp = client.post("/account/login?next=//evil.example/x",
                       {"email": "luz@example.org", "password": PASSWORD})
    assert resp.headers["Location"] == "/"
    resp = client.post("/account/logout")
    resp = client.post("/account/login?next=/trail/", {"email": "luz@example.org", "password": PASSWORD})
    assert resp.headers["Location"] == "/trail/"


def test_change_password_ends_other_sessions(make, new_client):
    make.user(email="luz@example.org")
    laptop, phone = new_client(), new_client()
    laptop.login("luz@example.org")
    phone.login("luz@example.org")
    resp = laptop.post("/account/", {"current": "wrong one here", "new": GOOD, "confirm": GOOD})
    assert resp.status_code == 400 and "current password is not correct" in resp.get_data(as_text=True)
    resp = laptop.post("/account/", {"current": PASSWORD, "new": GOOD, "confirm": GOOD})
    assert resp.status_code == 302
    assert laptop.get("/account/").status_code == 200  # this session stays
    assert phone.get("/account/").status_code == 302   # the other one is logged out
    new_client().login("luz@example.org", GOOD)


def test_password_reset_link_works_once(ctx, make, client):
    make.user(email="luz@example.org")
    client.post("/account/forgot", {"email": "luz@example.org"})
    link = link_in(outbox(ctx)[-1])
    assert client.get(link).status_code == 200
    resp = client.post(link, {"password": "short", "confirm": "short"})
    assert resp.status_code == 400
    resp = client.post(link, {"password": GOOD, "confirm": GOOD})
    assert resp.status_code == 302
    client.login("luz@example.org", GOOD)
    resp = client.get(link)
    assert resp.status_code == 400 and "already used" in resp.get_data(as_text=True)
    assert client.post(link, {"password": "another good phrase", "confirm": "another good phrase"}).status_code == 400


def test_password_reset_link_expires_after_an_hour(ctx, make, client, monkeypatch):
    make.user(email="luz@example.org")
    client.post("/account/forgot", {"email": "luz@example.org"})
    link = link_in(outbox(ctx)[-1])
    monkeypatch.setattr(TimestampSigner, "get_timestamp", lambda self: int(time.time()) + 3601)
    resp = client.post(link, {"password": GOOD, "confirm": GOOD})
    assert resp.status_code == 400 and "expired" in resp.get_data(as_text=True)


def test_reset_for_an_unknown_email_reveals_nothing(ctx, client):
    resp = client.post("/account/forgot", {"email": "nobody@example.org"}, follow_redirects=True)
    assert "If an account exists" in resp.get_data(as_text=True)
    assert outbox(ctx) == []


def test_forged_form_without_csrf_token_is_refused(ctx, client):
    resp = client.post("/account/register", {"email": "ana@example.org", "display_name": "Ana",
                                             "password": GOOD, "confirm": GOOD}, csrf=False)
    assert resp.status_code == 400
    assert "The form expired or was not sent from this site" in resp.get_data(as_text=True)
    assert users() == 0


def test_session_cookie_is_httponly_and_samesite(app, make):
    make.user(email="luz@example.org")
    from tests.conftest import Client
    c = Client(app.test_client())
    resp = c.post("/account/login", {"email": "luz@example.org", "password": PASSWORD})
    cookie = next(h for h in resp.headers.getlist("Set-Cookie") if h.startswith("session="))
    assert "HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_production_cookies_are_secure():
    from forum.config import Config
    assert Config.SESSION_COOKIE_SECURE and Config.REMEMBER_COOKIE_SECURE


def test_create_admin_cli(app, monkeypatch):
    monkeypatch.setenv("TRAZA_ADMIN_PASSWORD", GOOD)
    result = app.test_cli_runner().invoke(args=["users", "create-admin", "Root@Example.org"])
    assert result.exit_code == 0, result.output
    with app.app_context():
        user = db.session.scalar(select(User).where(User.email == "root@example.org"))
        assert user.is_admin and user.email_confirmed_at is not None
    monkeypatch.setenv("TRAZA_ADMIN_PASSWORD", "password")
    result = app.test_cli_runner().invoke(args=["users", "create-admin", "two@example.org"])
    assert result.exit_code != 0 and "password" in result.output


def test_create_admin_cli_prompts_for_the_password(app, monkeypatch):
    monkeypatch.delenv("TRAZA_ADMIN_PASSWORD", raising=False)
    result = app.test_cli_runner().invoke(args=["users", "create-admin", "root@example.org"],
                                          input=f"{GOOD}\n{GOOD}\n")
    assert result.exit_code == 0, result.output


def test_account_mail_leaves_only_after_the_commit(ctx):
    """A registration that rolls back mails nobody; the committed one mails once."""
    from forum.accounts import services
    services.register("late@example.org", "Late Person", "a long enough passphrase here")
    assert outbox(ctx) == []
    db.session.rollback()
    assert outbox(ctx) == []
    services.register("late@example.org", "Late Person", "a long enough passphrase here")
    services.request_password_reset("late@example.org")
    assert outbox(ctx) == []
    db.session.commit()
    assert sorted(m["Subject"] for m in outbox(ctx)) == ["Confirm your Traza account", "Reset your Traza password"]
