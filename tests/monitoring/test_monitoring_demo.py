"""The demo tells civil society's part in implementation (issue 27): an update confirmed,
one contested and answered, one lapsed, and a commitment flagged for neglect."""
import pytest
from sqlalchemy import select

from forum.commitments import progress_queries
from forum.commitments.models import Commitment
from forum.core.clock import utcnow
from forum.extensions import db
from forum.monitoring import queries
from tests.worlds import demo


@pytest.fixture
def seed():
    return demo


def test_the_demo_shows_each_state(seeded, client):
    now = utcnow()
    said: dict[str, int] = {}
    for c in db.session.scalars(select(Commitment).where(Commitment.adopted.is_not(None))):
        for s in queries.states(progress_queries.history(c), now).values():
            said[s.status] = said.get(s.status, 0) + 1
            if s.answer is not None:
                said["answered"] = said.get("answered", 0) + 1
    assert {k: said.get(k, 0) > 0 for k in ("confirmed", "contested", "answered", "lapsed")} == dict.fromkeys(
        ("confirmed", "contested", "answered", "lapsed"), True), said
    forum_ids = [f for (f,) in db.session.execute(select(Commitment.forum_id).distinct())]
    flagged = queries.neglected(forum_ids, now)
    assert len(flagged) == 1
    (cid,) = flagged
    assert 'data-flag="neglected"' in client.get(f"/commitments/{cid}").get_data(as_text=True)
    assert 'data-state="contested"' in client.get("/commitments/1").get_data(as_text=True)
