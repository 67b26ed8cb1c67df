"""Implementation tracking: who may report, on what, and the completion rule by hand."""
from datetime import date

import pytest
from sqlalchemy import select

from forum.commitments import progress_queries, queries
from forum.commitments.models import ProgressUpdate
from forum.commitments.services import links, progress, signoff
from forum.core.errors import DomainError, PermissionDenied
from forum.extensions import db
from forum.notifications.models import Notification
from tests.conftest import trail_length
from tests.helpers.commitments import commitment, milestones, template
from tests.helpers.proposals import answered, chairs

EVIDENCE = ("https://datos.example.gob.pe/avance", date(2020, 3, 1))  # a link and the day it was checked


def adopted(make, n_milestones=1):
    from forum.commitments import services
    c = commitment(make)
    state, civil = chairs(c.forum)["state_chair"], chairs(c.forum)["civil_chair"]
    if n_milestones > 1:
        services.save_version(state, c, template(c.forum, change_note="Más hitos."), milestones(c.forum, n_milestones))
    v = queries.version(c)
    signoff.sign(state, v)
    signoff.sign(civil, v)
    db.session.commit()
    return c, queries.version(c, c.adopted)


def test_only_after_adoption_and_on_adopted_milestones(make):
    c = commitment(make)
    chair = chairs(c.forum)["state_chair"]
    v1 = queries.version(c)
    with pytest.raises(DomainError, match="once the commitment is adopted"):
        progress.report(chair, c, v1.milestones[0], "limited", "Se inició el trabajo de campo.", *EVIDENCE)
    db.session.rollback()
    c2, v = adopted(make, 2)
    old = queries.version(c2, 1).milestones[0]
    with pytest.raises(DomainError, match="adopted version"):
        progress.report(chairs(c2.forum)["state_chair"], c2, old, "limited", "Se inició el trabajo de campo.",
                        *EVIDENCE)


def test_lead_agency_members_and_chairs_report_others_are_refused(make):
    c, v = adopted(make)
    lead = v.lead_agency
    official = make.user()
    make.join(official, lead)
    before = trail_length()
    update = progress.report(official, c, v.milestones[0], "substantial", "Se publicó el primer conjunto de datos.",
                             "https://datos.example.gob.pe/compras", date(2020, 3, 1))
    db.session.commit()
    assert update.organisation_id == lead.id and trail_length() == before + 1
    progress.report(chairs(c.forum)["civil_chair"], c, v.milestones[0], "complete", "Verificado por la sociedad civil.",
                    *EVIDENCE)
    db.session.commit()
    outsider, _org = make.member_of("civil_society")
    with pytest.raises(PermissionDenied):
        progress.report(outsider, c, v.milestones[0], "complete", "Nosotros también lo vimos publicado.", *EVIDENCE)
    db.session.rollback()
    with pytest.raises(DomainError, match="Evidence"):
        progress.report(official, c, v.milestones[0], "complete", "Con evidencia mal escrita.", "javascript:alert(1)",
                        date(2020, 3, 1))
    db.session.rollback()
    assert [u.level for u in db.session.scalars(select(ProgressUpdate).order_by(ProgressUpdate.id))] == [
        "substantial", "complete"]  # both kept: history


@pytest.mark.parametrize("levels,expected", [
    ([], "not_started"),
    (["limited"], "limited"),
    (["complete", "substantial"], "substantial"),
    (["complete", "complete", "complete", "withdrawn"], "complete"),
    (["complete", "not_started", "not_started"], "limited"),
    (["substantial", "complete", "limited", "not_started"], "substantial"),
    (["withdrawn", "withdrawn", "withdrawn", "withdrawn"], "withdrawn"),
])
def test_completion_rule(make, levels, expected):
    c, v = adopted(make, 4)
    chair = chairs(c.forum)["state_chair"]
    for m, level in zip(v.milestones, levels, strict=False):  # the rest are not reported
        progress.report(chair, c, m, level, "Informe de avance del hito.", *EVIDENCE)
    db.session.commit()
    assert progress_queries.completion(v.milestones, progress_queries.latest_levels(v.milestones)) == expected


def test_submitters_of_shaping_proposals_are_notified(make, client):
    c, v = adopted(make)
    p = answered(make, c.forum)
    left_out = answered(make, c.forum)
    links.link(chairs(c.forum)["state_chair"], v, "proposal", p.id, "adopted", "Se adoptó íntegramente.")
    links.link(chairs(c.forum)["state_chair"], v, "proposal", left_out.id, "not_taken_up", "No entra en el texto.")
    db.session.commit()
    progress.report(chairs(c.forum)["state_chair"], c, v.milestones[0], "limited", "Se inició la publicación.",
                    *EVIDENCE)
    db.session.commit()
    notes = db.session.scalars(select(Notification).where(Notification.kind == "progress")).all()
    assert [n.user_id for n in notes] == [p.submitter_id], "an input not taken up is never told it shaped this"
    html = client.get(f"/commitments/{c.id}").get_data(as_text=True)
    assert "Implementation" in html and "Se inició la publicación." in html
