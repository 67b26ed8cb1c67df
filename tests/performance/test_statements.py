"""A fixed number of SQL statements per page, whatever the data size (issue 17): every page
shape of the demo — as a visitor and as a co-chair — is counted, then the data grows
(hundreds more proposals, endorsements, comments on proposals and consultations, trail
entries, milestones checked and unchecked on every commitment version) and every page is
counted again. Any page whose count grew loads rows one by one
somewhere (N+1) and fails, named with both counts."""
import re
from datetime import timedelta

import pytest
from sqlalchemy import func, insert, select

from forum import pagecache, trail
from forum.commitments.models import CommitmentVersion, Milestone
from forum.consultations.models import Consultation, ConsultationComment
from forum.core.clock import utcnow
from forum.extensions import db
from forum.forums.models import Forum
from forum.proposals.models import Comment, Proposal
from forum.trail import cache
from tests.helpers.crawl import crawl
from tests.worlds import demo

LIMIT = 70


@pytest.fixture
def seed():
    return demo


def grow() -> None:
    """Several times the demo's rows where lists are: in bulk, as reading is what is counted."""
    from bench.proposals import seed_bulk
    seed_bulk(300, 3000)
    now = utcnow()
    users = list(db.session.scalars(select(func.min(Proposal.submitter_id))))[0]
    proposals = list(db.session.scalars(select(Proposal.id).where(Proposal.hidden_reason.is_(None))))
    db.session.execute(insert(Comment), [dict(proposal_id=proposals[i % len(proposals)], author_id=users,
                                              body=f"Comentario número {i} sobre la propuesta.", created_at=now)
                                         for i in range(600)])
    for c in db.session.scalars(select(Consultation)):
        db.session.execute(insert(ConsultationComment), [
            dict(consultation_id=c.id, paragraph=1 + i % 3, author_id=users, group="civil_society",
                 body=f"Observación número {i} al párrafo.", created_at=c.starts_at + timedelta(minutes=i))
            for i in range(150)])
    for v in db.session.scalars(select(CommitmentVersion)):  # milestones, each checked on the page
        last = max((m.position for m in v.milestones), default=0)
        db.session.execute(insert(Milestone), [
            dict(version_id=v.id, position=last + 1 + i, description=f"Fortalecer la etapa {i} del compromiso",
                 responsible_id=v.lead_agency_id, start_date=v.start_date, end_date=v.end_date,
                 indicator="Etapas cumplidas", check_rules=1 if i % 2 else None) for i in range(25)])
    forum = db.session.scalars(select(Forum)).first()
    for i in range(300):
        trail.record("forum.test", forum, forum=forum, payload={"i": i}, checkpoint=False)
    db.session.commit()


def counts(client, count_queries, start) -> dict:
    found = {}

    def visit(path):
        cache.clear()  # the statements of a view that builds what it shows, not of a remembered one
        pagecache.clear()
        with count_queries() as q:
            resp = client.get(path)
        if resp.status_code != 200 or not resp.content_type.startswith("text/html"):
            return None
        found[path] = q.n
        return re.findall(r'<a[^>]*\shref="(/[^"#]*)"', resp.get_data(as_text=True).replace("&amp;", "&"))
    crawl(visit, start, LIMIT)
    return found


@pytest.mark.parametrize("who", ["visitor", "co-chair"])
def test_no_page_issues_more_statements_as_the_data_grows(seeded, new_client, count_queries, who):
    client = new_client()
    start = ["/"]
    if who == "co-chair":
        client.login("lucia.mendoza@redamazonica.demo", "traza-demo-2019")
        start = ["/inbox", "/forums/1", "/sessions/1", "/commitments/1", "/consultations/1", "/"]
    before = counts(client, count_queries, start)
    assert len(before) >= 25
    grow()
    after = {}
    for path in before:
        cache.clear()
        pagecache.clear()
        with count_queries() as q:
            assert client.get(path).status_code == 200, path
        after[path] = q.n
    grew = [f"{path}: {before[path]} → {after[path]} statements" for path in before if after[path] > before[path]]
    assert grew == [], "pages whose statement count grows with the data:\n" + "\n".join(grew)
