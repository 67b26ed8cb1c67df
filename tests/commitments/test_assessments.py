"""The IRM's assessment of adopted commitments: who may record it, when it counts, what is
refused (with the reason beside the field, nothing written), and the cycle's IRM figures
against a count written here by hand."""
import re
from dataclasses import replace

import pytest

from forum.commitments import assessment_queries
from forum.commitments.queries import version
from forum.commitments.services import assessments, signoff
from forum.commitments.services.assessments import Fields
from forum.core.errors import DomainError, PermissionDenied
from forum.extensions import db
from tests.conftest import trail_actions_since, trail_length
from tests.helpers.commitments import commitment
from tests.helpers.proposals import chairs

GOOD = Fields(relevance=["transparency"], verifiable=True, potential="substantial", completion=None,
              opened_government=None, ogp_lens=True, promising=True,
              reason="Los hitos son medibles y cambian la práctica actual del sector.")


def adopted(make, forum=None):
    c = commitment(make, forum)
    people = chairs(c.forum)
    signoff.sign(people["state_chair"], version(c))
    signoff.sign(people["civil_chair"], version(c))
    db.session.commit()
    return c


def test_co_chairs_assessment_counts_once_the_other_side_confirms(make):
    c = adopted(make)
    state, civil = chairs(c.forum)["state_chair"], chairs(c.forum)["civil_chair"]
    before = trail_length()
    a = assessments.assess(state, c, GOOD)
    db.session.commit()
    assert (a.assessor, a.side, a.version_number) == ("co_chairs", "state_chair", 1)
    assert assessment_queries.in_force([c.id]) == {}  # one key turned
    with pytest.raises(PermissionDenied):
        assessments.confirm(state, a)  # not by the same side
    assessments.confirm(civil, a)
    db.session.commit()
    assert assessment_queries.in_force([c.id]) == {c.id: a}
    with pytest.raises(DomainError, match="already confirmed"):
        assessments.confirm(civil, a)
    assert trail_actions_since(before) == ["commitment.assessed", "assessment.confirmed"]
    # A newer view is a new number; the first stays in force until the newer one is confirmed.
    b = assessments.assess(civil, c, replace(GOOD, completion="limited"))
    db.session.commit()
    assert b.number == 2 and assessment_queries.in_force([c.id])[c.id].number == 1
    assessments.confirm(state, b)
    db.session.commit()
    assert assessment_queries.in_force([c.id])[c.id].number == 2


def test_an_appointed_reviewer_assesses_and_it_counts_at_once(make):
    c = adopted(make)
    admin, reviewer = make.admin(), make.user("Revisora")
    before = trail_length()
    assessments.appoint_reviewer(admin, reviewer.email.upper(), c.forum.cycle, "Investigadora del IRM, independiente.")
    a = assessments.assess(reviewer, c, GOOD)
    db.session.commit()
    assert (a.assessor, a.side, a.organisation_id) == ("reviewer", None, None)
    assert assessment_queries.in_force([c.id]) == {c.id: a}
    assert trail_actions_since(before) == ["reviewer.appointed", "commitment.assessed"]
    with pytest.raises(DomainError, match="already a reviewer"):
        assessments.appoint_reviewer(admin, reviewer.email, c.forum.cycle, "Otra vez, por error de la oficina.")
    # Appointed for another cycle only: no power here.
    other = make.user("Otro")
    assessments.appoint_reviewer(admin, other.email, c.forum.cycle, "Investigador del IRM, independiente.")
    db.session.rollback()
    with pytest.raises(PermissionDenied):
        assessments.assess(other, c, GOOD)


@pytest.mark.parametrize("field, fields, message", [
    ("relevance", replace(GOOD, relevance=["fiscal"]), "Choose OGP values"),
    ("verifiable", replace(GOOD, verifiable=None), "specific and measurable"),
    ("potential", replace(GOOD, potential="transformative"), "potential for results"),
    ("completion", replace(GOOD, completion="withdrawn"), "level of completion"),
    ("opened_government", replace(GOOD, opened_government="huge"), "opened government"),
    ("reason", replace(GOOD, reason="Porque sí."), "At least 20"),
])
def test_bad_input_is_refused_beside_its_field_and_writes_nothing(make, field, fields, message):
    c = adopted(make)
    state = chairs(c.forum)["state_chair"]
    before = trail_length()
    with pytest.raises(DomainError) as err:
        assessments.assess(state, c, fields)
    assert err.value.field == field and message in str(err.value.message)
    db.session.rollback()
    assert trail_actions_since(before) == [] and assessment_queries.history(c) == []


def test_a_draft_is_not_assessed_and_outsiders_may_not_assess(make):
    draft = commitment(make)
    with pytest.raises(DomainError, match="Only an adopted commitment"):
        assessments.assess(chairs(draft.forum)["state_chair"], draft, GOOD)
    c = adopted(make)
    other_forum_chair = chairs(make.forum(open_=True))["state_chair"]
    for who in (make.user(), other_forum_chair):
        with pytest.raises(PermissionDenied):
            assessments.assess(who, c, GOOD)


def test_the_form_shows_the_reason_beside_the_field(make, client):
    c = adopted(make)
    client.login(chairs(c.forum)["state_chair"].email)
    page = client.get(f"/commitments/{c.id}").get_data(as_text=True)
    assert "Record an assessment" in page and "No assessment in force yet." in page
    resp = client.post(f"/commitments/{c.id}/assessments", {
        "assess-relevance": ["transparency"], "assess-potential": "modest", "assess-completion": "",
        "assess-opened_government": "", "assess-reason": "Corta."})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert re.search(r'id="assess-verifiable-error">Say whether the milestones are specific', html)
    assert 'id="assess-reason-error"' in html and "Corta." in html  # what was typed is kept
    resp = client.post(f"/commitments/{c.id}/assessments", {
        "assess-relevance": ["transparency"], "assess-verifiable": "no", "assess-potential": "modest",
        "assess-completion": "limited", "assess-opened_government": "", "assess-reason": GOOD.reason,
        "assess-ogp_lens": "yes", "assess-promising": "no"})
    assert resp.status_code == 302
    html = client.get(f"/commitments/{c.id}").get_data(as_text=True)
    assert "awaiting the other co-chair's confirmation" in html and "No assessment in force yet." in html
    assert "Confirm this assessment" not in html  # not for the side that recorded it
    client.login(chairs(c.forum)["civil_chair"].email)
    html = client.get(f"/commitments/{c.id}").get_data(as_text=True)
    confirm = re.search(r'action="(/assessments/\d+/confirm)"', html).group(1)
    assert client.post(confirm, {}).status_code == 302
    html = client.get(f"/commitments/{c.id}").get_data(as_text=True)
    assert "No assessment in force yet." not in html and re.search(r"<dt>Verifiable</dt><dd>No</dd>", html)


def test_cycle_irm_figures_against_a_count_by_hand(make, client):
    """Four adopted commitments in one forum, one draft:
    c1 reviewer: verifiable, relevant, substantial, complete, major          → counts in every figure
    c2 co-chairs, confirmed: not verifiable, not relevant, modest, limited
    c3 co-chairs, NOT confirmed: verifiable, relevant, substantial           → not assessed
    c4 no assessment                                                          → not assessed
    assessed 2 of 4; verifiable 1, relevant 1, substantial 1, substantially complete 1, opened 1."""
    forum = make.forum(open_=True)
    state, civil = chairs(forum)["state_chair"], chairs(forum)["civil_chair"]
    c1, c2, c3, _c4 = (adopted(make, forum) for _ in range(4))
    commitment(make, forum)  # a draft is never in the plan's figures
    reviewer = make.user("Revisora")
    assessments.appoint_reviewer(make.admin(), reviewer.email, forum.cycle, "Investigadora del IRM, independiente.")
    assessments.assess(reviewer, c1, replace(GOOD, completion="complete", opened_government="major"))
    a2 = assessments.assess(state, c2, replace(GOOD, relevance=[], verifiable=False, potential="modest",
                                                completion="limited"))
    assessments.confirm(civil, a2)
    assessments.assess(state, c3, GOOD)
    db.session.commit()
    from forum.dashboards import figures
    irm = figures.for_forums([forum]).irm
    assert (irm.adopted, irm.assessed) == (4, 2)
    assert (irm.verifiable, irm.relevant, irm.substantial_potential, irm.substantially_complete,
            irm.opened_government) == (1, 1, 1, 1, 1)
    assert irm.share("verifiable") == 0.5
    html = client.get(f"/forums/{forum.id}/dashboard").get_data(as_text=True)
    assert re.search(r'data-irm="verifiable"><dt>Verifiable</dt><dd>50% <small class="muted">\(1/2\)', html)
    assert "2 adopted commitments carry an assessment in force" in html
