"""Submitting, editing, withdrawing and finding proposals; bad input changes nothing."""
import pytest
from sqlalchemy import func, select

from forum.core.errors import DomainError, PermissionDenied
from forum.extensions import db
from forum.forums import services as forums
from forum.proposals import queries, services
from forum.proposals.models import Proposal, ProposalVersion
from forum.proposals.services import moderation, responses
from tests.conftest import trail_length
from tests.helpers.proposals import REASON, TEXT, chairs, proposal


def proposals() -> int:
    return db.session.scalar(select(func.count()).select_from(Proposal))


def test_submission_is_a_versioned_input_of_its_group(make):
    p = proposal(make, kind="government")
    assert p.group == "government" and p.status == "awaiting" and p.version == 1
    entry = db.session.execute(db.text("SELECT action, payload FROM trail_entries ORDER BY seq DESC")).first()
    assert entry.action == "proposal.submitted" and '"content_sha256":"' in entry.payload


@pytest.mark.parametrize("state", ["draft", "closed"])
def test_only_open_forums_take_proposals(make, state):
    forum = make.forum(open_=state == "closed")
    if state == "closed":
        forums.change_status(chairs(forum)["state_chair"], forum, "closed", "The cycle has ended now.")
        db.session.commit()
    user, org = make.member_of("civil_society")
    expected = "not open yet" if state == "draft" else "forum is closed: it takes no new proposals"
    with pytest.raises(DomainError, match=expected):
        services.submit(user, forum, org, **TEXT)


def test_submitting_needs_a_verified_organisation(make, new_client):
    forum = make.forum(open_=True)
    user, unverified = make.member_of("civil_society", verified=False)
    with pytest.raises(DomainError, match="verified organisation"):
        services.submit(user, forum, unverified, **TEXT)
    db.session.rollback()
    c = new_client()
    c.login(user.email)
    resp = c.get(f"/forums/{forum.id}/proposals/new")
    assert resp.status_code == 403 and "verified organisation" in resp.get_data(as_text=True)


@pytest.mark.parametrize("field,value,message", [
    ("title", "", "required"), ("title", "x" * 201, "between 5 and 200"),
    ("problem", "", "required"), ("proposal", "   ", "required"),
    ("expected_result", "y" * 10001, "between 10 and 10000"),
    ("values", [], "Choose at least one OGP value"), ("values", ["magic"], "not a valid choice"),
    ("links", "ftp://example.org/x", "http:// or https://"),
])
def test_bad_fields_are_refused_next_to_the_field(make, new_client, field, value, message):
    forum = make.forum(open_=True)
    user, org = make.member_of("civil_society")
    c = new_client()
    c.login(user.email)
    before = trail_length()
    resp = c.post(f"/forums/{forum.id}/proposals/new", {**TEXT, "organisation": org.id, field: value})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert f'id="{field}-error"' in html and message in html, html[html.find("<form"):][:1500]
    if field != "title":  # what was typed is kept
        assert 'value="Datos abiertos de compras públicas"' in html
    assert proposals() == 0 and trail_length() == before


def test_edits_are_new_versions_until_the_first_response(make, new_client):
    p = proposal(make)
    c = new_client()
    c.login(p.submitter.email)
    org_id = p.organisation_id
    resp = c.post(f"/proposals/{p.id}/edit", {**TEXT, "title": "Compras públicas abiertas al día",
                                              "organisation": org_id, "values": ["transparency", "accountability"]})
    assert resp.status_code == 302
    p = db.session.get(Proposal, p.id)
    assert p.version == 2 and p.title == "Compras públicas abiertas al día"
    assert sorted(p.value_list) == ["accountability", "transparency"]
    v1 = db.session.scalar(select(ProposalVersion).where(ProposalVersion.number == 1))
    assert v1.title == TEXT["title"]  # the old text is kept
    assert TEXT["title"] in c.get(f"/proposals/{p.id}/versions/1").get_data(as_text=True)
    responses.respond(chairs(p.forum)["state_chair"], p, "accepted", REASON)
    db.session.commit()
    with pytest.raises(DomainError, match="until it gets its first response"):
        services.edit(p.submitter, p, **TEXT)


def test_only_the_submitter_edits_or_withdraws(make):
    p = proposal(make)
    other = make.user()
    with pytest.raises(PermissionDenied):
        services.edit(other, p, **TEXT)
    with pytest.raises(PermissionDenied):
        services.withdraw(other, p)


def test_withdrawn_stays_visible_and_cannot_be_answered(make, client):
    p = proposal(make)
    services.withdraw(p.submitter, p)
    db.session.commit()
    html = client.get(f"/proposals/{p.id}").get_data(as_text=True)
    assert "Withdrawn" in html and TEXT["title"] in html
    with pytest.raises(DomainError, match="withdrew"):
        responses.respond(chairs(p.forum)["state_chair"], p, "accepted", REASON)


def test_search_uses_the_full_text_index(make, client):
    forum = make.forum(open_=True)
    a = proposal(make, forum, title="Información ambiental geoespacial",
                 problem="Los datos de fiscalización no son abiertos.")
    b = proposal(make, forum, title="Educación intercultural bilingüe", problem="Faltan materiales en quechua.")
    hidden = proposal(make, forum, title="Fiscalización oculta del ambiente")
    moderation.hide_proposal(chairs(forum)["civil_chair"], hidden, "Copia literal de otra propuesta.")
    db.session.commit()

    def found(q):
        return [p.id for p in db.session.scalars(queries.browse(forum_id=forum.id, q=q))]
    assert found("fiscalización") == [a.id]       # hidden text is not searchable
    assert found("quechua materiales") == [b.id]   # every word must match
    assert found("nada que ver") == []
    assert found('"); DROP TABLE proposals; --') == []  # no query syntax reaches the engine
    if db.engine.dialect.name == "sqlite":
        assert found("fiscalizacion") == [a.id]    # accents folded
        assert found("geoesp") == [a.id]           # prefixes
    html = client.get(f"/forums/{forum.id}/proposals?q=quechua").get_data(as_text=True)
    assert "Educación intercultural bilingüe" in html and "Información ambiental" not in html


def test_filters_and_sorts(make, client):
    forum = make.forum(open_=True)
    old = proposal(make, forum, kind="government", title="Primera propuesta del Estado")
    new = proposal(make, forum, title="Segunda propuesta ciudadana", values=["participation"])
    new.submitted_at = old.submitted_at.replace(year=old.submitted_at.year + 1)
    responses.respond(chairs(forum)["state_chair"], new, "rejected", REASON)
    db.session.commit()

    def ids(**kw):
        return [p.id for p in db.session.scalars(queries.browse(forum_id=forum.id, **kw))]
    assert ids() == [new.id, old.id]
    assert ids(sort="waiting") == [old.id, new.id]
    assert ids(group="government") == [old.id]
    assert ids(value="participation") == [new.id]
    assert ids(status="rejected") == [new.id]
    assert ids(status="awaiting") == [old.id]


XSS = '<script>alert("x")</script><img src=x onerror=alert(1)>'


def test_script_in_every_text_field_is_inert_on_every_page(make, new_client):
    forum = make.forum(open_=True)
    p = proposal(make, forum, title="T " + XSS, problem="P " + XSS, proposal="Q " + XSS,
                 expected_result="R " + XSS, links="https://example.org/?q=<script>")
    from forum.proposals.services import comments
    commenter = make.user(name="N " + XSS[:70])
    comments.post(commenter, p, "C " + XSS + "\n\n[x](javascript:alert(2))")
    responses.respond(chairs(forum)["state_chair"], p, "rejected", "Motivo " + XSS + " con varias palabras reales")
    db.session.commit()
    c = new_client()
    c.login(p.submitter.email)
    for url in [f"/proposals/{p.id}", f"/forums/{forum.id}/proposals", "/proposals/", f"/forums/{forum.id}/ledger",
                f"/proposals/{p.id}/versions/1", "/trail/", "/notifications/", "/"]:
        html = c.get(url).get_data(as_text=True)
        assert "<script>alert" not in html, url
        assert "onerror=alert(1)>" not in html, url
        assert 'href="javascript:' not in html, url
    html = c.get(f"/proposals/{p.id}").get_data(as_text=True)
    assert "&lt;script&gt;" in html  # shown, as text
