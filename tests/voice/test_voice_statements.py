"""Whose voice costs a fixed number of SQL statements at any size: the figures, the forum
page that draws them and the API resource, counted on the hand-counted forum, then again
after thousands more inputs (every region and channel, recorded at workshops too) and
links."""
import random

from sqlalchemy import func, insert, select

from forum import pagecache
from forum.commitments.models import CommitmentVersion, InfluenceLink
from forum.core.clock import utcnow
from forum.extensions import db
from forum.proposals.models import Proposal
from forum.trail import cache
from forum.voice import figures
from forum.voice.models import RecordedInput
from forum.voice.regions import REGIONS
from tests.helpers.voice import known_forum

# 1 adopted count + 3 per dimension (inputs, people at workshops, commitments shaped) + 1 targets,
# + 1 read of the forum's version the figures are remembered under
FIXED = 12


def _grow(w, n=3000):
    rng = random.Random(28)
    now = utcnow()
    first = (db.session.scalar(select(func.max(Proposal.id))) or 0) + 1
    users = [u.id for u in w.a + w.b]
    scan = db.session.scalar(select(RecordedInput.sheet_sha256))
    db.session.execute(insert(Proposal), [dict(
        id=first + i, forum_id=w.forum.id, submitter_id=rng.choice(users), organisation_id=w.org_b.id,
        group="civil_society", status="awaiting", title=f"Aporte {i}", problem="", proposal="Texto del aporte.",
        expected_result="", links="", version=1, submitted_at=now, region=rng.choice(list(REGIONS)),
        channel=rng.choice(("online", "workshop", "paper", "email")), endorsement_count=0) for i in range(n)])
    db.session.execute(insert(RecordedInput), [dict(proposal_id=first + i, workshop_id=w.workshop.id,
                                                    recorded_by_id=w.facilitator.id, witness="Testigo",
                                                    sheet_sha256=scan) for i in range(0, n, 3)])
    version = db.session.scalars(select(CommitmentVersion)).first()
    db.session.execute(insert(InfluenceLink), [dict(version_id=version.id, source_type="proposal",
                                                    source_id=first + i, how="informed", explanation="Aporte.",
                                                    author_id=w.state.id, organisation_id=w.org_b.id, created_at=now)
                                               for i in range(0, n, 7)])
    db.session.commit()


def _get(client, url):
    """The statements of a view that builds what it shows, not of a remembered one."""
    cache.clear()
    pagecache.clear()
    assert client.get(url).status_code == 200


def test_a_fixed_number_of_statements_at_any_size(make, count_queries, client):
    w = known_forum(make)
    fid = w.forum.id
    with count_queries() as small:
        figures.for_forums([fid])
    with count_queries() as page_small:
        _get(client, f"/forums/{fid}")
    with count_queries() as api_small:
        _get(client, f"/api/v1/forums/{fid}/voice")
    _grow(w)
    cache.clear()  # the rows were put in behind the services' back: no version moved
    fid = w.forum.id
    with count_queries() as large:
        v = figures.for_forums([fid])
    assert v.received == 3011
    with count_queries() as page_large:
        _get(client, f"/forums/{fid}")
    with count_queries() as api_large:
        _get(client, f"/api/v1/forums/{fid}/voice")
    assert small.n == large.n == FIXED
    assert page_small.n == page_large.n and api_small.n == api_large.n
