"""The minimum requirements' page and API answer in a fixed number of SQL statements
whatever the data size (issue 28): counted on the demo, then again after the data grows
(thousands of proposals and answers, trail entries, and many more held sessions and
implementation reviews), like tests/performance/test_statements.py does for every other page."""
from datetime import timedelta

import pytest
from sqlalchemy import insert, select

from forum import pagecache
from forum.extensions import db
from forum.sessions.models import ForumSession
from forum.trail import cache
from tests.performance.test_statements import grow
from tests.worlds import demo

PATHS = ["/cycles/2019-2021/requirements", "/forums/1/requirements", "/forums/2/requirements",
         "/api/v1/cycles/2019-2021/requirements", "/api/v1/forums/1/requirements"]


@pytest.fixture
def seed():
    return demo


def _more_sessions() -> None:
    first = db.session.scalars(select(ForumSession).order_by(ForumSession.id)).first()
    at = first.starts_at
    db.session.execute(insert(ForumSession), [
        dict(forum_id=first.forum_id, title=f"Sesión {i}", starts_at=at - timedelta(days=i),
             ends_at=at - timedelta(days=i, hours=-2), status="ended", started_at=at - timedelta(days=i),
             ended_at=at - timedelta(days=i, hours=-2), minutes="Acta.", minutes_published_at=at - timedelta(days=i),
             implementation_review=bool(i % 2), created_by_id=first.created_by_id,
             created_at=at - timedelta(days=i + 20))
        for i in range(1, 200)])
    db.session.commit()


def _count(client, count_queries) -> dict:
    return {path: visit(client, count_queries, path) for path in PATHS}


def visit(client, count_queries, path) -> int:
    """The statements of one view that builds what it shows (nothing remembered)."""
    cache.clear()
    pagecache.clear()
    with count_queries() as q:
        assert client.get(path).status_code == 200, path
    return q.n


def test_requirements_cost_the_same_statements_at_any_size(seeded, new_client, count_queries):
    client = new_client()
    before = _count(client, count_queries)
    grow()
    _more_sessions()
    after = _count(client, count_queries)
    grew = [f"{p}: {before[p]} → {after[p]} statements" for p in PATHS if after[p] > before[p]]
    assert grew == [], "pages whose statement count grows with the data:\n" + "\n".join(grew)
