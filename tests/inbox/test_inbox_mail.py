"""What lands in someone's inbox also reaches them by e-mail, as they chose (issue 16, part):
at once, in a daily digest, or not at all; in their language; never before the change is
committed; never to another forum's people; and a one-click unsubscribe link that a forged,
expired or reused copy cannot abuse."""
import email
import email.policy
import re
from datetime import timedelta
from pathlib import Path

import pytest

from forum.core.clock import frozen_at, utcnow
from forum.extensions import db
from forum.inbox import mail, preferences
from forum.proposals import services
from tests.helpers.proposals import TEXT, chairs, proposal


def outbox(app) -> list:
    folder = Path(app.instance_path) / "outbox"
    files = sorted(folder.glob("*.eml")) if folder.exists() else []
    return [email.message_from_bytes(f.read_bytes(), policy=email.policy.default) for f in files]


def empty(app) -> None:
    for f in (Path(app.instance_path) / "outbox").glob("*.eml"):
        f.unlink()


def body(m) -> str:
    return m.get_content()


def to(app, address) -> list:
    return [m for m in outbox(app) if m["To"] == address]


def submit(member, forum):
    user, org = member
    return services.submit(user, forum, org, **TEXT)


def test_co_chairs_are_told_at_once_of_a_new_proposal_in_their_language(app, make):
    forum, other = make.forum(open_=True), make.forum(open_=True)
    c = chairs(forum)
    c["civil_chair"].locale = "es"
    member = make.member_of("civil_society")
    empty(app)
    p = submit(member, forum)
    assert outbox(app) == []  # nothing leaves before the commit
    db.session.commit()
    state = to(app, c["state_chair"].email)
    assert len(state) == 1
    assert state[0]["Subject"] == (f"Traza: A new proposal in {forum.title} awaits the forum's reasoned "
                                   f"response: “{p.title}”.")
    assert f"/proposals/{p.id}" in body(state[0])
    civil = to(app, c["civil_chair"].email)
    assert len(civil) == 1 and "espera la respuesta fundamentada" in civil[0]["Subject"]
    assert "Hola" in body(civil[0]) and "Hello" not in body(civil[0])
    stop = re.search(r"<(http[^>]+)>", state[0]["List-Unsubscribe"]).group(1)
    assert stop in body(state[0]) and state[0]["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    assert not to(app, chairs(other)["state_chair"].email)  # forum B's co-chairs are not told
    assert not to(app, p.submitter.email)  # the one who acted is not told of their own act


def test_a_rolled_back_change_mails_nobody(app, make):
    forum = make.forum(open_=True)
    member = make.member_of("civil_society")
    empty(app)
    submit(member, forum)
    db.session.rollback()
    db.session.commit()
    assert outbox(app) == []


def test_no_mail_to_those_who_chose_none_are_suspended_or_unconfirmed(app, make):
    forum = make.forum(open_=True)
    c = chairs(forum)
    preferences.set_frequency(c["state_chair"], "none")
    c["civil_chair"].email_confirmed_at = None
    member = make.member_of("civil_society")
    empty(app)
    submit(member, forum)
    db.session.commit()
    assert outbox(app) == []


def test_the_daily_digest_holds_what_still_waits_and_leaves_once_a_day(app, make):
    from forum.proposals.services import responses
    from tests.helpers.proposals import REASON
    forum = make.forum(open_=True)
    state = chairs(forum)["state_chair"]
    preferences.set_frequency(state, "daily")
    db.session.commit()
    empty(app)
    done = submit(make.member_of("civil_society"), forum)
    waiting = proposal(make, forum, title="Registro abierto de lobby en el sector")
    assert not to(app, state.email), [m["Subject"] for m in outbox(app)]  # daily: nothing at once
    responses.respond(chairs(forum)["civil_chair"], done, "accepted", REASON)
    db.session.commit()
    assert mail.digest() >= 1
    assert not to(app, state.email)  # the digest too waits for the commit
    db.session.commit()
    [d] = to(app, state.email)
    assert d["Subject"].startswith("Traza: your daily digest")
    assert "Registro abierto de lobby" in body(d) and f"/proposals/{waiting.id}" in body(d)
    assert f"/proposals/{done.id}" not in body(d)  # answered: no longer waiting
    empty(app)
    mail.digest()
    db.session.commit()
    assert not to(app, state.email)  # one a day
    with frozen_at(utcnow() + timedelta(days=1)):
        mail.digest()
        db.session.commit()
    assert len(to(app, state.email)) == 1


def test_the_digest_also_carries_news_of_ones_own_proposals(app, make):
    from forum.proposals.services import responses
    from tests.helpers.proposals import REASON
    p = proposal(make)
    submitter = p.submitter
    preferences.set_frequency(submitter, "daily")
    db.session.commit()
    empty(app)
    responses.respond(chairs(p.forum)["state_chair"], p, "rejected", REASON)
    db.session.commit()
    assert not to(app, submitter.email)
    mail.digest()
    db.session.commit()
    [d] = to(app, submitter.email)
    assert f"“{p.title}” received a response: Rejected." in body(d)


def test_platform_admins_hear_of_a_new_organisation_and_its_founder_of_the_outcome(app, make):
    from forum.organisations import services as orgs
    admin = make.admin()
    db.session.commit()
    empty(app)
    founder = make.user()
    org = orgs.register_organisation(founder, "Colectivo Ciudadano del Cusco", "civil_society", None, "")
    db.session.commit()
    assert any("“Colectivo Ciudadano del Cusco” awaits verification" in m["Subject"] for m in to(app, admin.email)), \
        [(m["To"], m["Subject"]) for m in outbox(app)]
    orgs.verify_organisation(admin, org)
    db.session.commit()
    [told] = to(app, founder.email)
    assert "was verified" in told["Subject"]


def test_the_unsubscribe_link_asks_then_stops_and_works_once(app, make, client):
    user = make.user()
    db.session.commit()
    token = preferences.unsubscribe_token(user)
    page = client.get(f"/inbox/unsubscribe/{token}")
    assert page.status_code == 200 and "Stop these e-mails" in page.get_data(as_text=True)
    db.session.refresh(user)
    assert user.mail_frequency == "immediate"  # a GET (a mail scanner) changes nothing
    done = client.raw.post(f"/inbox/unsubscribe/{token}")  # no CSRF token: the signed link is the credential
    assert done.status_code == 200 and "no more of these e-mails" in done.get_data(as_text=True)
    db.session.refresh(user)
    assert user.mail_frequency == "none"
    preferences.set_frequency(user, "daily")  # they chose again
    db.session.commit()
    again = client.raw.post(f"/inbox/unsubscribe/{token}")
    assert again.status_code == 200 and "already used" in again.get_data(as_text=True)
    db.session.refresh(user)
    assert user.mail_frequency == "daily"  # the old link did not undo the new choice


def test_mail_clients_unsubscribe_with_one_click(app, make, client):
    user = make.user()
    db.session.commit()
    resp = client.raw.post(f"/inbox/unsubscribe/{preferences.unsubscribe_token(user)}",
                           data={"List-Unsubscribe": "One-Click"})
    assert resp.status_code == 204
    db.session.refresh(user)
    assert user.mail_frequency == "none"


@pytest.mark.parametrize("tamper", ["forged", "altered", "garbage", "no user"])
def test_a_forged_unsubscribe_link_is_refused_with_the_reason(app, make, client, tamper):
    from itsdangerous import URLSafeTimedSerializer
    user = make.user()
    db.session.commit()
    token = {"forged": URLSafeTimedSerializer("not our key", salt="traza.unsubscribe").dumps({"u": user.id, "g": 1}),
             "altered": preferences.unsubscribe_token(user)[:-2] + "xx",
             "garbage": "%00<script>",
             "no user": preferences._serializer().dumps({"u": 999999, "g": 1})}[tamper]
    for resp in (client.get(f"/inbox/unsubscribe/{token}"), client.raw.post(f"/inbox/unsubscribe/{token}")):
        assert resp.status_code in (400, 404)
        if resp.status_code == 400:
            assert "not valid" in resp.get_data(as_text=True)
    db.session.refresh(user)
    assert user.mail_frequency == "immediate"


def test_an_expired_unsubscribe_link_says_so(app, make, client):
    user = make.user()
    db.session.commit()
    token = preferences.unsubscribe_token(user)
    app.config["UNSUBSCRIBE_MAX_AGE"] = -1
    resp = client.raw.post(f"/inbox/unsubscribe/{token}")
    assert resp.status_code == 400 and "expired" in resp.get_data(as_text=True)
    db.session.refresh(user)
    assert user.mail_frequency == "immediate"


def test_the_choice_is_saved_and_a_bad_value_is_refused_next_to_the_field(app, make, client):
    user = make.user()
    db.session.commit()
    client.login(user.email)
    assert client.get("/inbox/email").status_code == 200
    bad = client.post("/inbox/email", {"frequency": "hourly"})
    assert bad.status_code == 400 and 'id="frequency-error"' in bad.get_data(as_text=True)
    ok = client.post("/inbox/email", {"frequency": "daily"})
    assert ok.status_code == 302
    db.session.refresh(user)
    assert user.mail_frequency == "daily"
    assert "One daily digest" in client.get("/inbox").get_data(as_text=True)


def test_the_choice_page_needs_an_account(client):
    assert client.get("/inbox/email").status_code == 302


def test_the_digest_command(app, make):
    forum = make.forum(open_=True)
    preferences.set_frequency(chairs(forum)["state_chair"], "daily")
    submit(make.member_of("civil_society"), forum)
    db.session.commit()
    result = app.test_cli_runner().invoke(args=["inbox", "digest"])
    assert result.exit_code == 0 and "1 digests sent" in result.output


def test_members_hear_of_a_new_session_with_its_date_in_their_language(app, make):
    from tests.helpers.live import scheduled
    forum = make.forum(open_=True)
    civil = chairs(forum)["civil_chair"]
    civil.locale = "es"
    db.session.commit()
    empty(app)
    s = scheduled(forum, title="Sesión de seguimiento")
    [m] = to(app, civil.email)
    assert "se reúne" in m["Subject"] and "«Sesión de seguimiento»" in m["Subject"]
    assert "hora" in m["Subject"] or "-05" in m["Subject"] or "Lima" in m["Subject"]  # the zone is named
    assert f"/sessions/{s.id}" in body(m)
    assert not to(app, chairs(forum)["state_chair"].email)  # who scheduled it knows


def test_an_organisations_admins_hear_of_a_join_request_and_the_applicant_of_the_decision(app, make):
    from forum.organisations import services as orgs
    _founder, org = make.member_of("civil_society")
    founder = org.memberships[0].user
    applicant = make.user(name="Rosa Quispe")
    empty(app)
    m = orgs.request_membership(applicant, org)
    db.session.commit()
    [asked] = to(app, founder.email)
    assert asked["Subject"] == f"Traza: Rosa Quispe asks to join “{org.name}”."
    orgs.decide_membership(founder, m, False)
    db.session.commit()
    [told] = to(app, applicant.email)
    assert "was declined" in told["Subject"]
