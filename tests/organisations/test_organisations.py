"""Organisations: nobody acts for one until a platform admin verifies it."""
import pytest
from sqlalchemy import select

from forum.core.errors import DomainError, PermissionDenied
from forum.extensions import db
from forum.organisations import services
from forum.organisations.models import Organisation
from forum.organisations.queries import acting_organisations


def test_founder_acts_only_after_verification(make, new_client):
    founder = make.user()
    c = new_client()
    c.login(founder.email)
    resp = c.post("/organisations/new", {"name": "Ministerio de Salud", "kind": "government",
                                         "website": "https://www.gob.pe/minsa"})
    assert resp.status_code == 302
    org = db.session.scalar(select(Organisation))
    assert org.status == "pending" and acting_organisations(founder) == []
    assert "awaiting verification" in c.get(f"/organisations/{org.id}").get_data(as_text=True)
    services.verify_organisation(make.admin(), org)
    db.session.commit()
    assert acting_organisations(founder) == [org]


def test_names_are_unique_ignoring_case_and_spaces(make):
    make.org("civil_society", name="Red  Ciudadana")
    with pytest.raises(DomainError, match="already registered") as err:
        services.register_organisation(make.user(), "red ciudadana", "civil_society", None, "")
    assert err.value.field == "name"


@pytest.mark.parametrize("field,value,message", [
    ("name", "", "required"), ("kind", "", "Choose a kind"), ("kind", "ministry", "Not a valid choice"),
    ("website", "javascript:alert(1)", "http:// or https://"), ("name", "x" * 161, "between 2 and 160"),
])
def test_bad_organisation_fields(make, new_client, field, value, message):
    c = new_client()
    c.login(make.user().email)
    data = {"name": "Asociación Nueva", "kind": "civil_society", "website": ""}
    resp = c.post("/organisations/new", {**data, field: value})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400 and f'id="{field}-error"' in html and message in html
    assert db.session.scalar(select(db.func.count()).select_from(Organisation)) == 0


def test_join_request_is_decided_by_the_organisations_admins(make, new_client):
    org = make.org("civil_society")
    founder = org.memberships[0].user
    joiner, outsider = make.user(), make.user()
    membership = services.request_membership(joiner, org)
    db.session.commit()
    assert acting_organisations(joiner) == []
    with pytest.raises(PermissionDenied):
        services.decide_membership(outsider, membership, True)
    db.session.rollback()
    c = new_client()
    c.login(founder.email)
    assert "Requests to join" in c.get(f"/organisations/{org.id}").get_data(as_text=True)
    resp = c.post(f"/organisations/{org.id}/members/{membership.id}/approve")
    assert resp.status_code == 302
    assert acting_organisations(joiner) == [org]
    with pytest.raises(DomainError, match="already decided"):
        services.decide_membership(founder, membership, False)


def test_duplicate_join_request_is_refused(make):
    org = make.org("academia")
    joiner = make.user()
    services.request_membership(joiner, org)
    db.session.commit()
    with pytest.raises(DomainError, match="already belong"):
        services.request_membership(joiner, org)


def test_rejection_needs_a_public_reason(make, new_client):
    org = make.org("government", verified=False)
    c = new_client()
    c.login(make.admin().email)
    resp = c.post(f"/admin/organisations/{org.id}/reject", {"reason": "no"})
    assert resp.status_code == 400 and "between 10 and 2000" in resp.get_data(as_text=True)
    resp = c.post(f"/admin/organisations/{org.id}/reject", {"reason": "Not a public body of Peru."})
    assert resp.status_code == 302
    html = c.get(f"/organisations/{org.id}").get_data(as_text=True)
    assert "not verified" in html and "Not a public body of Peru." in html
