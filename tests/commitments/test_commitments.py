"""Commitments: the OGP template, immutable versions, two-key sign-off, influence links
that are superseded and never edited, and provenance figures computed by hand."""
import re
from datetime import date

import pytest
from sqlalchemy import select

from forum.accounts.models import User
from forum.commitments import queries, services
from forum.commitments.diff import words_diff
from forum.commitments.models import CommitmentVersion, InfluenceLink
from forum.commitments.services import links, signoff
from forum.core.errors import DomainError, PermissionDenied
from forum.extensions import db
from forum.forums import services as forums
from forum.proposals.services import moderation, responses
from forum.trail.models import TrailEntry
from forum.trail.queries import verify_database
from tests.conftest import trail_length
from tests.helpers.commitments import commitment, milestones, template
from tests.helpers.proposals import REASON, answered, chairs, proposal


def test_only_this_forums_chairs_draft(make):
    forum, other = make.forum(open_=True), make.forum(open_=True)
    for who in (make.admin(), chairs(other)["state_chair"], make.user()):
        with pytest.raises(PermissionDenied):
            services.create(who, forum, template(forum), milestones(forum))
        db.session.rollback()


@pytest.mark.parametrize("change,field,message", [
    (dict(title=""), "title", "required"),
    (dict(values=[]), "values", "OGP value"),
    (dict(end_date=date(2019, 1, 1)), "end_date", "after the start date"),
    (dict(lead_agency_id=None), "lead_agency_id", "verified organisation"),
])
def test_template_rules(make, change, field, message):
    forum = make.forum(open_=True)
    before = trail_length()
    with pytest.raises(DomainError, match=message) as err:
        services.create(chairs(forum)["state_chair"], forum, template(forum, **change), milestones(forum))
    assert err.value.field == field
    db.session.rollback()
    assert trail_length() == before


def test_lead_agency_must_be_government_and_milestones_fit(make):
    forum = make.forum(open_=True)
    cso = next(s.organisation for s in forum.active_seats if s.role == "civil_chair")
    chair = chairs(forum)["state_chair"]
    with pytest.raises(DomainError, match="government entity"):
        services.create(chair, forum, template(forum, lead_agency_id=cso.id), milestones(forum))
    with pytest.raises(DomainError, match="at least one milestone"):
        services.create(chair, forum, template(forum), [])
    late = milestones(forum)
    late[0].end_date = date(2023, 1, 1)
    with pytest.raises(DomainError, match="within the commitment's dates"):
        services.create(chair, forum, template(forum), late)


def test_versions_are_immutable(make):
    c = commitment(make)
    chair = chairs(c.forum)["civil_chair"]
    with pytest.raises(DomainError, match="required"):  # a new version says what changed
        services.save_version(chair, c, template(c.forum, change_note=""), milestones(c.forum))
    db.session.rollback()
    v2 = services.save_version(chair, c, template(c.forum, title="Compras públicas abiertas y a tiempo",
                                                  change_note="Se precisa el plazo."), milestones(c.forum, 2))
    db.session.commit()
    v1 = queries.version(c, 1)
    assert (v1.title, len(v1.milestones)) == ("Compras públicas abiertas", 1)
    assert (v2.number, len(v2.milestones)) == (2, 2)
    v1.title = "rewritten"
    with pytest.raises(RuntimeError, match="cannot be changed"):
        db.session.flush()
    db.session.rollback()


def test_two_keys_adopt(make):
    c = commitment(make)
    state, civil = chairs(c.forum)["state_chair"], chairs(c.forum)["civil_chair"]
    v1 = queries.version(c)
    assert signoff.sign(state, v1) is False
    db.session.commit()
    assert c.adopted is None
    with pytest.raises(DomainError, match="already decided"):
        signoff.sign(state, v1)
    db.session.rollback()
    assert signoff.sign(civil, v1) is True
    db.session.commit()
    assert c.adopted == 1
    actions = [a for (a,) in db.session.execute(db.text("SELECT action FROM trail_entries ORDER BY seq"))]
    assert actions[-3:] == ["commitment.signed", "commitment.signed", "commitment.adopted"]


def test_refusal_needs_a_reason_and_a_revision_starts_afresh(make):
    c = commitment(make)
    state, civil = chairs(c.forum)["state_chair"], chairs(c.forum)["civil_chair"]
    v1 = queries.version(c)
    with pytest.raises(DomainError, match="At least 20"):
        signoff.refuse(civil, v1, "No me gusta.")
    db.session.rollback()
    signoff.refuse(civil, v1, "Falta un hito sobre la publicación de las adendas de los contratos.")
    db.session.commit()
    with pytest.raises(DomainError, match="already decided"):
        signoff.sign(civil, v1)
    db.session.rollback()
    v2 = services.save_version(state, c, template(c.forum, change_note="Se añade el hito de adendas."),
                               milestones(c.forum, 2))
    db.session.commit()
    with pytest.raises(DomainError, match="latest version"):
        signoff.sign(state, v1)
    db.session.rollback()
    signoff.sign(civil, v2)
    assert signoff.sign(state, v2) is True


def test_one_person_cannot_turn_both_keys(make):
    c = commitment(make)
    forum = c.forum
    first = chairs(forum)["state_chair"]
    v1 = queries.version(c)
    signoff.sign(first, v1)
    db.session.commit()
    # the same person later becomes the civil-society co-chair, for a CSO they also belong to
    _, cso = make.member_of("civil_society")
    make.join(first, cso)
    new_state, gov = make.member_of("government")
    forums.appoint_chair(make.admin(), forum, "state_chair", new_state, gov)
    forums.appoint_chair(make.admin(), forum, "civil_chair", first, cso)
    db.session.commit()
    with pytest.raises(DomainError, match="cannot turn both keys"):
        signoff.sign(first, v1)


def test_link_rules(make):
    c = commitment(make)
    chair = chairs(c.forum)["state_chair"]
    v = queries.version(c)
    p = answered(make, c.forum)
    with pytest.raises(DomainError, match="no such input"):
        links.link(chair, v, "proposal", 99999, "adopted", "Se adopta tal como se propuso.")
    with pytest.raises(DomainError, match="own input"):
        links.link(chair, v, "commitment", c.id, "informed", "Se informa a sí mismo.")
    with pytest.raises(DomainError, match="required"):
        links.link(chair, v, "proposal", p.id, "adopted", "   ")
    with pytest.raises(DomainError, match="Choose how"):
        links.link(chair, v, "proposal", p.id, "loved", "Una explicación suficiente.")
    db.session.rollback()
    hidden = answered(make, c.forum)
    moderation.hide_proposal(chair, hidden, "Copia literal de otra propuesta.")
    with pytest.raises(DomainError, match="hidden input"):
        links.link(chair, v, "proposal", hidden.id, "adopted", "Se adopta tal como se propuso.")
    with pytest.raises(PermissionDenied):
        links.link(make.user(), v, "proposal", p.id, "adopted", "Se adopta tal como se propuso.")
    waiting = proposal(make, c.forum)
    with pytest.raises(DomainError, match="still waiting for it"):
        links.link(chair, v, "proposal", waiting.id, "adopted", "Se adopta tal como se propuso.")
    for outcome, reason in (("rejected", "Only a proposal the forum accepted"), ("needs_info", "still waiting")):
        refused = answered(make, c.forum, outcome=outcome)
        with pytest.raises(DomainError, match=reason) as err:
            links.link(chair, v, "proposal", refused.id, "not_taken_up", "No se recoge en el texto.")
        assert err.value.field == "source"
    merged_into_accepted = answered(make, c.forum)
    merged = proposal(make, c.forum)
    responses.respond(chair, merged, "merged", REASON, merged_into_accepted)
    assert links.link(chair, v, "proposal", merged.id, "informed", "Entra con la propuesta a la que se unió.")
    elsewhere = answered(make)
    with pytest.raises(DomainError, match="Only an input given in this forum"):
        links.link(chair, v, "proposal", elsewhere.id, "adopted", "Se adopta tal como se propuso.")


def test_superseded_links_stay_visible_and_the_trail_verifies(make, client):
    c = commitment(make)
    state, civil = chairs(c.forum)["state_chair"], chairs(c.forum)["civil_chair"]
    p = answered(make, c.forum)
    first = links.link(state, queries.version(c), "proposal", p.id, "informed", "Sirvió de antecedente.")
    db.session.commit()
    second = links.supersede(civil, first, "adopted", "El texto del compromiso es el de la propuesta.",
                             "La primera calificación subestimó el aporte de la sociedad civil.")
    db.session.commit()
    with pytest.raises(DomainError, match="already superseded"):
        links.supersede(state, first, "adapted", "Otra explicación distinta.", "Otro motivo de cambio.")
    db.session.rollback()
    assert db.session.get(InfluenceLink, first.id).how == "informed"  # the old link is untouched
    assert [link.id for link in queries.current(queries.links([first.version_id]))] == [second.id]
    html = client.get(f"/commitments/{c.id}").get_data(as_text=True)
    assert "Sirvió de antecedente." in html and "superseded" in html
    assert "La primera calificación subestimó" in html
    fate = queries.fate(p)
    assert [(link.id, is_current) for link, _v, is_current, _c in fate] == [(first.id, False), (second.id, True)]
    assert verify_database().ok


def test_provenance_figures_from_a_known_history(make, client):
    """Four inputs across two versions; one not taken up, one superseded into 'not taken up'.
    By hand: shaping links up to v2 = CSO proposal (adopted), State proposal (adapted),
    academic comment (informed) → civil society 1/3, State 1/3, academia 1/3."""
    from forum.proposals.services import comments
    c = commitment(make)
    state = chairs(c.forum)["state_chair"]
    cso_p = answered(make, c.forum, kind="civil_society")
    gov_p = answered(make, c.forum, kind="government")
    left_out = answered(make, c.forum, kind="civil_society")  # accepted, then not taken up in the text
    private_p = answered(make, c.forum, kind="private")
    uni_user, uni = make.member_of("academia")
    comment = comments.post(uni_user, cso_p, "Conviene publicar también las adendas.", organisation=uni)
    v1 = queries.version(c)
    links.link(state, v1, "proposal", cso_p.id, "adopted", "Se adopta la publicación de contratos.")
    links.link(state, v1, "proposal", left_out.id, "not_taken_up", "Excede el plazo del plan de acción.")
    wrong = links.link(state, v1, "proposal", private_p.id, "informed", "Se tomó en cuenta su enfoque.")
    v2 = services.save_version(state, c, template(c.forum, change_note="Se añaden las adendas."),
                               milestones(c.forum, 2))
    links.link(state, v2, "proposal", gov_p.id, "adapted", "Se adapta el calendario propuesto por el Estado.")
    links.link(state, v2, "comment", comment.id, "informed", "La sugerencia de adendas se incorpora.")
    links.supersede(state, wrong, "not_taken_up", "El enfoque no se recogió en el texto.",
                    "Se corrige la calificación.")
    db.session.commit()
    v = queries.voice(v2)
    assert v["total"] == 3
    assert v["counts"] == {"civil_society": 1, "government": 1, "academia": 1}
    assert queries.voice(v1) == {"total": 1, "counts": {"civil_society": 1}, "shares": {"civil_society": 1.0}}
    data = client.get(f"/commitments/{c.id}/provenance.json").get_json()
    assert [x["number"] for x in data["versions"]] == [1, 2]
    assert len(data["versions"][1]["milestones"]) == 2
    assert sum(1 for link in data["influence_links"] if link["current"]) == 5
    assert {e["action"] for e in data["trail"]} >= {"commitment.drafted", "influence.linked", "influence.superseded"}
    from forum.trail.chain import verify  # the export's entries are the stored ones, hashes and all
    from forum.trail.export import from_json
    stored = {e["seq"]: e["hash"] for e in data["trail"]}
    assert all(from_json(e).hash == stored[e["seq"]] for e in data["trail"])
    assert verify([]).ok


def test_word_diff_marks_changes_and_escapes():
    html = str(words_diff("Publicar los contratos <b>", "Publicar todos los contratos <i>"))
    assert html == "Publicar<ins> todos</ins> los contratos <del>&lt;b&gt;</del><ins>&lt;i&gt;</ins>"


def test_pages(make, client):
    c = commitment(make)
    p = answered(make, c.forum)
    links.link(chairs(c.forum)["state_chair"], queries.version(c), "proposal", p.id, "adopted",
               "Se adopta la propuesta completa.")
    db.session.commit()
    for url in (f"/commitments/{c.id}", f"/forums/{c.forum_id}/commitments", f"/commitments/{c.id}/compare?a=1&b=1",
                f"/proposals/{p.id}"):
        assert client.get(url).status_code == 200, url
    assert "Where it went" in client.get(f"/proposals/{p.id}").get_data(as_text=True)
    assert "Se adopta la propuesta completa." in client.get(f"/proposals/{p.id}").get_data(as_text=True)
    assert client.get(f"/commitments/{c.id}?v=9").status_code == 404
    v = db.session.scalar(select(CommitmentVersion))
    assert v.change_note == ""


def test_graph_of_a_known_history(app, make, client):
    """Two inputs, two versions, one superseded link, one refusal and an adoption."""
    from flask import url_for

    from forum.commitments import graph
    c = commitment(make)
    state, civil = chairs(c.forum)["state_chair"], chairs(c.forum)["civil_chair"]
    cso_p, gov_p = answered(make, c.forum), answered(make, c.forum, kind="government")
    first = links.link(state, queries.version(c), "proposal", cso_p.id, "informed", "Sirvió de antecedente.")
    signoff.refuse(civil, queries.version(c), "Falta el aporte de la sociedad civil en el texto.")
    v2 = services.save_version(state, c, template(c.forum, change_note="Se recoge el aporte."), milestones(c.forum))
    links.supersede(civil, first, "adopted", "El texto es el de la propuesta.", "Se corrige la calificación.")
    links.link(state, v2, "proposal", gov_p.id, "not_taken_up", "Fuera del alcance del plan.")
    signoff.sign(state, v2)
    signoff.sign(civil, v2)
    db.session.commit()
    with app.test_request_context():
        g = graph.build(c, url_for, {"informed": "Informed", "adopted": "Adopted", "not_taken_up": "Not"},
                        {"civil_society": "Civil society", "government": "State"}, {})
    kinds = sorted(n.kind for n in g.nodes)
    assert kinds == sorted(["civil_society", "government", "version", "adopted", "refused", "signed", "signed"])
    input_edges = [e for e in g.edges if e.label]
    assert sorted((e.label, e.dashed, e.muted) for e in input_edges) == [
        ("Adopted", False, False), ("Informed", True, False), ("Not", False, True)]
    html = client.get(f"/commitments/{c.id}").get_data(as_text=True)
    assert "<svg" in html and 'role="group"' in html and "<script" not in html


def test_a_retracted_link_stays_visible_and_stops_counting(make, client):
    c = commitment(make)
    state, civil = chairs(c.forum)["state_chair"], chairs(c.forum)["civil_chair"]
    p = answered(make, c.forum)
    link = links.link(state, queries.version(c), "proposal", p.id, "adopted", "Se adopta tal como se propuso.")
    db.session.commit()
    assert queries.voice(queries.version(c))["total"] == 1
    stranger = make.user()
    before = trail_length()
    with pytest.raises(DomainError) as err:
        links.retract(civil, link, "   ")
    assert err.value.field == "reason"
    db.session.rollback()
    with pytest.raises(PermissionDenied):
        links.retract(stranger, link, "No corresponde a este compromiso.")
    db.session.rollback()
    assert trail_length() == before
    links.retract(civil, link, "Se vinculó por error: la propuesta trata otro registro.")
    db.session.commit()
    entry = db.session.scalars(select(TrailEntry).order_by(TrailEntry.seq.desc())).first()
    assert entry.action == "influence.retracted" and "otro registro" in entry.payload
    assert queries.voice(queries.version(c))["total"] == 0, "a retracted link shapes nothing"
    assert [(lk.id, is_current) for lk, _v, is_current, _c in queries.fate(p)] == [(link.id, False)]
    html = client.get(f"/commitments/{c.id}").get_data(as_text=True)
    assert "Se adopta tal como se propuso." in html and "retracted" in html and "otro registro" in html
    for act in (lambda: links.retract(state, link, "Otra vez, por si acaso."),
                lambda: links.supersede(state, link, "informed", "Otra explicación suficiente.", "Otro motivo.")):
        with pytest.raises(DomainError, match="was retracted"):
            act()
        db.session.rollback()
    assert verify_database().ok


def test_the_link_form_lists_only_true_inputs_by_title(make, new_client):
    c = commitment(make)
    chair = chairs(c.forum)["state_chair"]
    ok = answered(make, c.forum, title="Publicar contratos de obras a tiempo")
    partly = answered(make, c.forum, outcome="partially_accepted", title="Publicar adendas de contratos")
    rejected = answered(make, c.forum, outcome="rejected", title="Crear una nueva superintendencia")
    waiting = proposal(make, c.forum, title="Registro de visitas a ministros")
    hidden = answered(make, c.forum, title="Texto copiado de otra propuesta")
    moderation.hide_proposal(chair, hidden, "Copia literal de otra propuesta del foro.")
    elsewhere = answered(make, title="Propuesta de otro foro sectorial")
    db.session.commit()
    page = new_client()
    page.login(chair.email)
    html = page.get(f"/commitments/{c.id}").get_data(as_text=True)
    form = html[html.index('name="link-source"'):html.index("</select>", html.index('name="link-source"'))]
    listed = set(re.findall(r'value="proposal:(\d+)"', form))
    assert listed == {str(ok.id), str(partly.id)}
    assert f"#{ok.id} Publicar contratos de obras a tiempo" in form
    for absent in (rejected, waiting, hidden, elsewhere):
        assert absent.title not in form


def test_a_merged_proposal_follows_the_one_it_joined(make, client):
    c = commitment(make)
    chair = chairs(c.forum)["state_chair"]
    joined = answered(make, c.forum, title="Publicar contratos de obras a tiempo")
    merged = proposal(make, c.forum, title="Portal de contratos en datos abiertos")
    responses.respond(chair, merged, "merged", REASON, joined)
    db.session.commit()
    html = client.get(f"/proposals/{merged.id}").get_data(as_text=True)
    assert f"Merged into #{joined.id}, which is not linked to any commitment yet." in html
    links.link(chair, queries.version(c), "proposal", joined.id, "adopted", "Se adopta tal como se propuso.")
    db.session.commit()
    html = client.get(f"/proposals/{merged.id}").get_data(as_text=True)
    section = html[html.index('id="fate"'):html.index('id="endorsements"')]
    assert f"Merged into #{joined.id}, which shaped:" in section
    assert f"commitment #{c.id}" in section and "Not linked to any commitment yet." not in section


def test_hiding_an_input_that_shaped_a_commitment_keeps_the_link_not_the_words(make, client):
    c = commitment(make)
    chair = chairs(c.forum)["state_chair"]
    p = answered(make, c.forum, title="Datos personales de un funcionario")
    links.link(chair, queries.version(c), "proposal", p.id, "adopted", "Se adopta la publicación de agendas.")
    moderation.hide_proposal(chair, p, "Contiene datos personales de terceros.")
    db.session.commit()
    html = client.get(f"/commitments/{c.id}").get_data(as_text=True)
    assert "Datos personales de un funcionario" not in html
    assert f"#{p.id}, hidden by the co-chairs: Contiene datos personales de terceros." in html
    assert "Se adopta la publicación de agendas." in html and queries.voice(queries.version(c))["total"] == 1


def test_the_submitter_is_told_the_true_fate_of_a_proposal(make, new_client):
    c = commitment(make)
    chair = chairs(c.forum)["state_chair"]
    shaped, left_out = answered(make, c.forum), answered(make, c.forum)
    links.link(chair, queries.version(c), "proposal", shaped.id, "adapted", "Se adapta el calendario propuesto.")
    links.link(chair, queries.version(c), "proposal", left_out.id, "not_taken_up", "No entra en esta versión.")
    db.session.commit()
    for p, sentence in ((shaped, f"shaped commitment #{c.id} (version 1): Adapted."),
                        (left_out, f"was considered for commitment #{c.id} (version 1) and not taken up.")):
        reader = new_client()
        reader.login(db.session.get(User, p.submitter_id).email)
        html = reader.get("/notifications/").get_data(as_text=True)
        assert sentence in html and f"/proposals/{p.id}" in html


def test_the_page_reads_as_many_statements_with_four_versions_as_with_one(make, client, count_queries):
    """Sign-offs were read once per version (the provenance graph), and every link, its
    retraction and its source up to four times per view."""
    from forum import pagecache
    from forum.trail import cache

    c = commitment(make)
    state = chairs(c.forum)["state_chair"]
    url = f"/commitments/{c.id}"

    def statements() -> int:
        pagecache.clear()
        cache.clear()
        with count_queries() as q:
            assert client.get(url).status_code == 200
        return q.n

    signoff.sign(state, queries.version(c))
    db.session.commit()
    one = statements()
    for i in range(3):
        v = services.save_version(state, c, template(c.forum, title=f"Compras públicas abiertas, versión {i + 2}",
                                                      change_note="Se precisa el texto."),
                                  milestones(c.forum))
        db.session.commit()
        signoff.sign(state, v)
        db.session.commit()
    html = client.get(url).get_data(as_text=True)
    assert "v4" in html and "v1" in html  # every version is on the graph
    assert statements() == one
