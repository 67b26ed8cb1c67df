"""The language switch writes a signed-in person's choice to their account through the
account's service, and deliberately leaves no trace on the public trail."""
from forum.accounts.models import User
from forum.extensions import db
from tests.conftest import trail_length


def test_a_persons_language_is_kept_on_their_account_and_not_published(client, make):
    user = make.user()
    db.session.commit()
    client.login(user.email)
    before = trail_length()
    assert client.post("/lang", {"code": "en", "next": "/forums/"}).status_code == 302
    assert client.post("/lang", {"code": "es", "next": "/forums/"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).locale == "es"
    assert trail_length() == before, "a private preference is not a public record"
    assert "Foros sectoriales" in client.get("/forums/").get_data(as_text=True)


def test_a_language_not_offered_changes_nothing(client, make):
    user = make.user()
    db.session.commit()
    client.login(user.email)
    client.post("/lang", {"code": "es"})
    assert client.post("/lang", {"code": "fr", "next": "/forums/"}).status_code == 302
    db.session.expire_all()
    assert db.session.get(User, user.id).locale == "es"
