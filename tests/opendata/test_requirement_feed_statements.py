"""The cycle's requirements feed costs the same SQL statements whatever the data size (issue
28): counted on the demo, then after thousands more proposals, answers, trail entries and
held sessions, as tests/dashboards/test_requirement_statements.py does for the pages."""
import pytest

from tests.dashboards.test_requirement_statements import _more_sessions, visit
from tests.performance.test_statements import grow
from tests.worlds import demo

PATH = "/cycles/2019-2021/requirements.atom"


@pytest.fixture
def seed():
    return demo


def test_the_requirements_feed_costs_the_same_statements_at_any_size(seeded, new_client, count_queries):
    client = new_client()
    before = visit(client, count_queries, PATH)
    grow()
    _more_sessions()
    after = visit(client, count_queries, PATH)
    assert after <= before, f"{PATH}: {before} → {after} statements"
    print(f"{PATH}: {before} statements on the demo, {after} after growing")
