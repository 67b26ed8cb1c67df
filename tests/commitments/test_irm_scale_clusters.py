"""The IRM's current fields (issue 28, item 2): the Action Plan Review's open-government
lens, potential unclear/modest/substantial and promising; the Results Report's "no evidence
available" and "worsened"; the scale kept on each assessment so an older one keeps its
words; and clusters of commitments the IRM assesses together, formed by a co-chair or an
admin, refused with the reason beside the field and nothing written."""
import json
import re
from dataclasses import replace

import pytest
from sqlalchemy import func, select, update

from forum.commitments import assessment_queries, cluster_queries
from forum.commitments.cluster_models import Cluster, ClusterMember
from forum.commitments.models import Assessment
from forum.commitments.services import assessments, clusters
from forum.core.errors import DomainError, PermissionDenied
from forum.extensions import db
from forum.trail.models import TrailEntry
from tests.commitments.test_assessments import GOOD, adopted
from tests.conftest import trail_actions_since, trail_length
from tests.helpers.commitments import commitment
from tests.helpers.proposals import chairs

CURRENT = replace(GOOD, potential="unclear", ogp_lens=True, promising=False, completion="no_evidence",
                  opened_government="worsened")


def reviewer_of(make, cycle="2019-2021"):
    person = make.user("Revisora IRM")
    assessments.appoint_reviewer(make.admin(), person.email, cycle, "Investigadora del IRM, independiente.")
    db.session.commit()
    return person


def test_the_current_fields_are_recorded_on_scale_2_and_shown(make, client):
    c = adopted(make)
    irm = reviewer_of(make)
    before = trail_length()
    a = assessments.assess(irm, c, CURRENT)
    db.session.commit()
    assert (a.scale, a.ogp_lens, a.promising, a.potential, a.completion, a.opened_government) == (
        2, True, False, "unclear", "no_evidence", "worsened")
    payload = json.loads(db.session.scalars(select(TrailEntry.payload).where(TrailEntry.seq > before)).one())
    assert (payload["scale"], payload["ogp_lens"], payload["promising"]) == (2, True, False)
    html = client.get(f"/commitments/{c.id}").get_data(as_text=True)
    for label, value in [("Open-government lens", "Yes"), ("Potential for results", "Unclear"), ("Promising", "No"),
                         ("Completion", "No evidence available"), ("Did it open government?", "Worsened")]:
        assert re.search(rf"<dt>{re.escape(label)}</dt><dd>{value}</dd>", html), label
    assert "earlier scale" not in html


@pytest.mark.parametrize("field, fields, message", [
    ("ogp_lens", replace(CURRENT, ogp_lens=None), "open-government lens"),
    ("promising", replace(CURRENT, promising=None), "promising commitment"),
    ("potential", replace(CURRENT, potential="no"), "potential for results"),  # the earlier scale's word
    ("completion", replace(CURRENT, completion="withdrawn"), "level of completion"),
    ("opened_government", replace(CURRENT, opened_government="regressed"), "opened government"),
])
def test_a_field_off_the_current_scale_is_refused_and_nothing_written(make, field, fields, message):
    c = adopted(make)
    irm = reviewer_of(make)
    before = trail_length()
    with pytest.raises(DomainError, match=message) as err:
        assessments.assess(irm, c, fields)
    assert err.value.field == field
    db.session.rollback()
    assert trail_length() == before and db.session.scalar(select(func.count()).select_from(Assessment)) == 0


def test_the_form_asks_the_new_questions_beside_their_fields(make, client):
    c = adopted(make)
    client.login(reviewer_of(make).email)
    resp = client.post(f"/commitments/{c.id}/assessments", {
        "assess-relevance": ["transparency"], "assess-verifiable": "yes", "assess-potential": "unclear",
        "assess-completion": "", "assess-opened_government": "", "assess-reason": GOOD.reason})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert re.search(r'id="assess-ogp_lens-error">Say whether it is seen through an open-government lens', html)
    assert re.search(r'id="assess-promising-error">Say whether it is a promising commitment', html)
    assert db.session.scalar(select(func.count()).select_from(Assessment)) == 0


def test_an_assessment_on_the_earlier_scale_keeps_its_words(make, client):
    """A row from before the scale existed (the migration gives it scale 1): its "no" is the
    earlier scale's "No potential for results", and no lens or promising is made up."""
    c = adopted(make)
    a = assessments.assess(reviewer_of(make), c, GOOD)
    db.session.commit()
    db.session.execute(update(Assessment).where(Assessment.id == a.id).values(  # as 0026 leaves an old row
        scale=1, potential="no", ogp_lens=None, promising=None))
    db.session.commit()
    html = client.get(f"/commitments/{c.id}").get_data(as_text=True)
    assert re.search(r"<dt>Potential for results</dt><dd>No potential for results</dd>", html)
    assert "<dt>Promising</dt>" not in html and "<dt>Open-government lens</dt>" not in html
    assert "Given on the IRM's earlier scale" in html
    record = client.get(f"/api/v1/commitments/{c.id}").get_json()
    assert (record["assessment"]["scale"], record["assessment"]["potential"], record["assessment"]["promising"]) \
        == (1, "no", None)


# --- clusters -------------------------------------------------------------------------------

def two_adopted(make):
    forum = make.forum(open_=True)
    return forum, adopted(make, forum), adopted(make, forum)


def test_a_co_chair_forms_a_cluster_on_the_trail(make, client):
    forum, c1, c2 = two_adopted(make)
    chair = chairs(forum)["civil_chair"]
    before = trail_length()
    cluster = clusters.create(chair, "2019-2021", "  Compras abiertas  ", [c2.id, c1.id])
    db.session.commit()
    assert (cluster.name, cluster.cycle, cluster.commitment_ids) == ("Compras abiertas", "2019-2021", [c1.id, c2.id])
    assert trail_actions_since(before) == ["cluster.created"]
    assert "Compras abiertas" in client.get(f"/commitments/{c1.id}").get_data(as_text=True)
    assert cluster_queries.of_commitments([c1.id, c2.id]) == {c1.id: cluster, c2.id: cluster}


def _nothing_written(before):
    db.session.rollback()
    assert trail_length() == before
    assert db.session.scalar(select(func.count()).select_from(Cluster)) == 0 or \
        db.session.scalar(select(func.count()).select_from(ClusterMember)) == 2  # only the one made before


def test_bad_clusters_are_refused_beside_the_field(make):
    forum, c1, c2 = two_adopted(make)
    admin = make.admin()
    elsewhere = make.forum(open_=True)
    elsewhere.cycle = "2021-2023"  # a forum of the next cycle
    db.session.commit()
    c3 = commitment(make, elsewhere)
    c4 = commitment(make, forum)
    before = trail_length()
    for name, ids, field, message in [
        ("   ", [c1.id, c2.id], "name", "This field is required"),
        ("Compras", [c1.id], "commitments", "two or more"),
        ("Compras", [c1.id, 99999], "commitments", "names nothing"),
        ("Compras", [c1.id, c3.id], "commitments", "belongs to the cycle 2021-2023, not 2019-2021"),
    ]:
        with pytest.raises(DomainError, match=message) as err:
            clusters.create(admin, "2019-2021", name, ids)
        assert err.value.field == field
        _nothing_written(before)
    clusters.create(admin, "2019-2021", "Compras", [c1.id, c2.id])
    db.session.commit()
    before = trail_length()
    with pytest.raises(DomainError, match="already in the cluster «Compras»") as err:
        clusters.create(admin, "2019-2021", "Otra", [c2.id, c4.id])
    assert err.value.field == "commitments"
    db.session.rollback()
    assert trail_length() == before and db.session.scalar(select(func.count()).select_from(Cluster)) == 1


ROLES = ["anonymous", "registered", "forum_member", "state_chair", "civil_chair", "admin", "other_chair"]


@pytest.mark.parametrize("role", ROLES)
def test_who_may_form_a_cluster(make, client, role):
    """Over HTTP, each role once: co-chairs of the commitments' forum and an admin form it;
    a co-chair of another forum of the cycle is told why beside the field; anyone else is
    refused (the anonymous visitor is sent to log in). The trail grows only when formed."""
    forum, c1, c2 = two_adopted(make)
    other = make.forum(open_=True)  # same cycle, other co-chairs
    member, member_org = make.member_of("civil_society")
    from forum.forums import services as forums
    forums.add_member(chairs(forum)["state_chair"], forum, member, member_org)
    db.session.commit()
    people = {"registered": make.user("Registrada"), "forum_member": member, "admin": make.admin(),
              "state_chair": chairs(forum)["state_chair"], "civil_chair": chairs(forum)["civil_chair"],
              "other_chair": chairs(other)["state_chair"]}
    if role != "anonymous":
        client.login(people[role].email)
    page = client.get("/cycles/2019-2021/clusters").get_data(as_text=True)
    before = trail_length()
    resp = client.post("/cycles/2019-2021/clusters", {"cluster-name": "Compras abiertas",
                                                      "cluster-commitments": [str(c1.id), str(c2.id)]})
    expected = {"anonymous": 302, "registered": 403, "forum_member": 403, "other_chair": 400,
                "state_chair": 302, "civil_chair": 302, "admin": 302}[role]
    assert resp.status_code == expected
    formed = role in ("state_chair", "civil_chair", "admin")
    assert ("Form a cluster" in page) == (role in ("state_chair", "civil_chair", "admin", "other_chair"))
    assert trail_length() == before + formed
    if role == "anonymous":
        assert "/account/login" in resp.headers["Location"]
    if formed:
        assert resp.headers["Location"].startswith("/clusters/")
    if role == "other_chair":
        assert re.search(r'id="cluster-commitments-error">You do not co-chair the forum of',
                         resp.get_data(as_text=True))


def test_the_reviewer_assesses_a_cluster_once_shown_on_each_commitment(make, client):
    forum, c1, c2 = two_adopted(make)
    cluster = clusters.create(make.admin(), "2019-2021", "Compras abiertas", [c1.id, c2.id])
    db.session.commit()
    with pytest.raises(PermissionDenied, match="independent reviewer"):
        assessments.assess_cluster(chairs(forum)["state_chair"], cluster, CURRENT)
    db.session.rollback()
    irm = reviewer_of(make)
    client.login(irm.email)
    assert "Record the cluster's assessment" in client.get(f"/clusters/{cluster.id}").get_data(as_text=True)
    before = trail_length()
    resp = client.post(f"/clusters/{cluster.id}/assessments", {
        "assess-relevance": ["transparency"], "assess-verifiable": "yes", "assess-ogp_lens": "yes",
        "assess-potential": "substantial", "assess-promising": "yes", "assess-completion": "",
        "assess-opened_government": "", "assess-reason": GOOD.reason})
    assert resp.status_code == 302
    assert trail_actions_since(before) == ["commitment.assessed", "commitment.assessed"]
    in_force = assessment_queries.in_force([c1.id, c2.id])
    assert {a.cluster_id for a in in_force.values()} == {cluster.id} and len(in_force) == 2
    for c in (c1, c2):
        html = client.get(f"/commitments/{c.id}").get_data(as_text=True)
        assert "Assessed together with the other commitments of the cluster" in html
        assert re.search(r"<dt>Promising</dt><dd>Yes</dd>", html)
    html = client.get(f"/clusters/{cluster.id}").get_data(as_text=True)
    assert html.count("data-cluster-assessment=") == 1  # one assessment of the cluster, not one per member
    record = client.get(f"/api/v1/commitments/{c2.id}").get_json()
    assert record["cluster"] == {"id": cluster.id, "name": "Compras abiertas"}
    assert record["assessment"]["cluster"] == cluster.id and record["assessment"]["scale"] == 2


def test_a_cluster_with_a_draft_commitment_is_not_assessed(make):
    forum, c1, _ = two_adopted(make)
    draft = commitment(make, forum)
    cluster = clusters.create(make.admin(), "2019-2021", "Compras", [c1.id, draft.id])
    db.session.commit()
    irm = reviewer_of(make)
    before = trail_length()
    with pytest.raises(DomainError, match="must be adopted"):
        assessments.assess_cluster(irm, cluster, CURRENT)
    db.session.rollback()
    assert trail_length() == before


def test_the_migration_gives_existing_assessments_the_earlier_scale(tmp_path, database_url):
    """An assessment stored before the scale existed reads as scale 1 once migrated, with no
    lens or promising made up. (The revision is found by what it does: the lead renumbers.)"""
    from alembic.script import ScriptDirectory
    from flask_migrate import downgrade, upgrade
    from sqlalchemy import text

    from forum import MIGRATIONS
    from tests.conftest import Factory
    from tests.deployment.test_migrations import migrated_app

    app = migrated_app(tmp_path, database_url, TRAIL_CHECKPOINT_MINUTES=0)
    ours = next(s for s in ScriptDirectory(MIGRATIONS).walk_revisions() if "clusters of commitments" in (s.doc or ""))
    with app.app_context():
        make = Factory(app)
        c = adopted(make)
        assessments.assess(reviewer_of(make), c, CURRENT)
        db.session.commit()
        db.session.remove()
        downgrade(revision=ours.down_revision)  # as the row was before 0026
        upgrade()
        row = db.session.execute(text("SELECT scale, ogp_lens, promising, potential FROM assessments")).one()
        db.session.commit()
        assert tuple(row) == (1, None, None, "unclear")
        db.session.remove()
        db.drop_all()
        db.engine.dispose()
