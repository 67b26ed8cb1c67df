"""Forum rules: co-chair kinds, opening, members, composition warnings, and what the page shows."""
import pytest
from sqlalchemy import select

from forum.core.errors import DomainError
from forum.extensions import db
from forum.forums import services
from forum.forums.models import Forum, Seat
from forum.forums.queries import composition
from tests.conftest import trail_length


def chairs(forum):
    return {s.role: s for s in forum.active_seats if s.is_chair}


def test_state_chair_must_come_from_a_government_entity(make):
    forum = make.forum(chairs=False)
    user, cso = make.member_of("civil_society")
    gov_user, gov = make.member_of("government")
    before = trail_length()
    with pytest.raises(DomainError) as err:
        services.appoint_chair(make.admin(), forum, "state_chair", user, cso)
    assert err.value.field == "organisation" and "government entity" in str(err.value)
    db.session.rollback()
    with pytest.raises(DomainError, match="civil-society organisation"):
        services.appoint_chair(make.admin(), forum, "civil_chair", gov_user, gov)
    db.session.rollback()
    assert trail_length() == before


def test_chair_must_represent_a_verified_organisation_they_belong_to(make):
    forum = make.forum(chairs=False)
    user, unverified = make.member_of("government", verified=False)
    with pytest.raises(DomainError, match="not verified"):
        services.appoint_chair(make.admin(), forum, "state_chair", user, unverified)
    db.session.rollback()
    _, gov = make.member_of("government")
    stranger = make.user()
    with pytest.raises(DomainError, match="not an approved member"):
        services.appoint_chair(make.admin(), forum, "state_chair", stranger, gov)


def test_forum_opens_only_with_both_chairs(make, new_client):
    forum = make.forum(chairs=False)
    gov_user, gov = make.member_of("government")
    services.appoint_chair(make.admin(), forum, "state_chair", gov_user, gov)
    db.session.commit()
    c = new_client()
    c.login(gov_user.email)
    before = trail_length()
    resp = c.post(f"/forums/{forum.id}/status", {"status-status": "open",
                                                   "status-reason": "We are ready to start work."})
    assert resp.status_code == 400
    assert "opens only once both co-chairs are appointed" in resp.get_data(as_text=True)
    assert db.session.get(Forum, forum.id).status == "draft" and trail_length() == before
    cso_user, cso = make.member_of("civil_society")
    services.appoint_chair(make.admin(), forum, "civil_chair", cso_user, cso)
    db.session.commit()
    resp = c.post(f"/forums/{forum.id}/status", {"status-status": "open", "status-reason": "short"})
    assert resp.status_code == 400 and "between 10 and 2000" in resp.get_data(as_text=True)
    resp = c.post(f"/forums/{forum.id}/status", {"status-status": "open",
                                                   "status-reason": "We are ready to start work."})
    assert resp.status_code == 302
    assert db.session.get(Forum, forum.id).status == "open"
    entry = db.session.execute(db.text("SELECT action, payload FROM trail_entries ORDER BY seq DESC")).first()
    assert entry.action == "forum.opened" and "ready to start work" in entry.payload


def test_status_moves_forward_only(make):
    forum = make.forum(open_=True)
    chair = chairs(forum)["civil_chair"].user
    services.change_status(chair, forum, "closed", "The action plan was adopted.")
    db.session.commit()
    with pytest.raises(DomainError, match="^This forum is closed.$"):
        services.change_status(chair, forum, "open", "Trying to reopen the forum.")
    other = make.forum(open_=True)
    with pytest.raises(DomainError, match="cannot become"):  # a move the table does not allow
        services.change_status(chairs(other)["civil_chair"].user, other, "draft", "Trying to go back to a draft.")


def test_appointing_a_new_chair_ends_the_previous_seat(make):
    forum = make.forum()
    old = chairs(forum)["civil_chair"]
    new_user, new_org = make.member_of("civil_society")
    services.appoint_chair(make.admin(), forum, "civil_chair", new_user, new_org)
    db.session.commit()
    assert db.session.get(Seat, old.id).ended_at is not None
    assert chairs(db.session.get(Forum, forum.id))["civil_chair"].user_id == new_user.id


def test_member_must_come_from_a_verified_organisation(make, new_client):
    forum = make.forum(open_=True)
    user, unverified = make.member_of("civil_society", verified=False)
    chair = chairs(forum)["state_chair"].user
    with pytest.raises(DomainError, match="not verified"):
        services.add_member(chair, forum, user, unverified)
    db.session.rollback()
    c = new_client()
    c.login(chair.email)
    resp = c.post(f"/forums/{forum.id}/members", {"member-candidate": f"{user.id}:{unverified.id}"})
    assert resp.status_code == 400  # not even offered: the forged choice is refused next to the field
    assert "Not a valid choice" in resp.get_data(as_text=True)


def test_same_person_cannot_sit_twice(make):
    forum = make.forum(open_=True)
    user, org = make.member_of("academia")
    chair = chairs(forum)["state_chair"].user
    services.add_member(chair, forum, user, org)
    db.session.commit()
    with pytest.raises(DomainError, match="already sits"):
        services.add_member(chair, forum, user, org)


def test_removing_needs_a_reason_and_keeps_history(make):
    forum = make.forum(open_=True)
    user, org = make.member_of("academia")
    chair = chairs(forum)["state_chair"].user
    seat = services.add_member(chair, forum, user, org)
    db.session.commit()
    with pytest.raises(DomainError, match="At least 10"):
        services.remove_member(chair, forum, seat, "bye")
    db.session.rollback()
    services.remove_member(chair, forum, seat, "Left the institute it represented.")
    db.session.commit()
    assert db.session.get(Seat, seat.id) is not None  # ended, not deleted
    assert user.id not in [s.user_id for s in db.session.get(Forum, forum.id).active_seats]


def test_composition_warns_when_state_outnumbers_civil_society(make, client):
    forum = make.forum(open_=True)
    chair = chairs(forum)["state_chair"].user
    comp = composition(forum)
    assert comp["counts"] == {"government": 1, "civil_society": 1, "academia": 0, "private": 0}
    assert not comp["state_outnumbers_civil"] and comp["missing_groups"] == ["academia", "private"]
    gov_user, gov = make.member_of("government")
    services.add_member(chair, forum, gov_user, gov)
    db.session.commit()
    comp = composition(forum)
    assert comp["state_outnumbers_civil"]
    html = client.get(f"/forums/{forum.id}").get_data(as_text=True)
    assert "Imbalance: the State side (2) outnumbers civil society (1)." in html
    assert "Missing stakeholder groups: Academia, Private sector." in html


def test_bad_forum_fields_are_refused_next_to_the_field(make, new_client):
    c = new_client()
    c.login(make.admin().email)
    base = {"sector": "Salud", "cycle": "2019-2021", "title": "Foro de Salud", "influence_target": "consult"}
    for field, value, message in [("cycle", "2021-2019", "two years"), ("cycle", "dos mil", "two years"),
                                  ("title", "", "required"), ("title", "x" * 161, "between 3 and 160"),
                                  ("influence_target", "rule", "Not a valid choice")]:
        resp = c.post("/forums/new", {**base, field: value})
        assert resp.status_code == 400, field
        html = resp.get_data(as_text=True)
        assert f'id="{field}-error"' in html and message in html, (field, message)
    assert db.session.scalar(select(db.func.count()).select_from(Forum)) == 0


XSS = '<script>alert(1)</script><img src=x onerror=alert(2)>'


def test_user_text_is_rendered_inert(make, client):
    admin = make.admin()
    forum = services.create_forum(admin, sector=XSS[:80], cycle="2019-2021", title=XSS[:160],
                                  description=XSS, influence_target="consult",
                                  terms_of_reference=f"# ToR\n\n{XSS}\n\n[click](javascript:alert(3))")
    org = make.org("civil_society", name="Org " + XSS)
    db.session.commit()
    for url in (f"/forums/{forum.id}", "/forums/", f"/organisations/{org.id}", "/trail/", "/organisations/"):
        html = client.get(url).get_data(as_text=True)
        assert "<script>alert" not in html and "onerror=alert" not in html.replace("onerror=alert(2)&gt;", "")
        assert "href=\"javascript:" not in html
    html = client.get(f"/forums/{forum.id}").get_data(as_text=True)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text, not run
    assert "<h1>ToR</h1>" in html  # Markdown still works
