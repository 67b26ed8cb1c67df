"""Every page of bench/implementation.py (issues 27 and 28: the agreed and adopted plans and
their discrepancies, a commitment's monitoring and the monitoring lists, the cycle's figures,
the minimum requirements, whose voice, the absorbed contributions, and their API resources)
costs the same number of SQL statements on a small plan — a few commitments with one
milestone and one update each — as on one with many more commitments of 5 milestones × 20
updates, confirmations, contests, answers, discrepancies, dissents, links, suggestions and
claims. The data is the bench's own (bench.implementation.grow), so what the bench measures
through the stack is what is counted here."""
import pytest

from bench.implementation import grow, pages
from bench.proposals import seed_bulk
from tests.plans.test_plans_statements import counts as count_paths
from tests.worlds import demo

# The State co-chair is asked, per discrepancy and contest, whether they may answer.
WHO = {"visitor": None, "State co-chair": "rosa.quispe@minam.demo"}


@pytest.fixture
def seed():
    return demo


def counts(client, count_queries, commitment: int) -> dict[str, int]:
    """label -> the statements of the page built (nothing remembered)."""
    labelled = pages({"commitment": commitment})
    found = count_paths(client, count_queries, [path for _label, path in labelled])
    return {label: found[path] for label, path in labelled}


@pytest.mark.parametrize("who", WHO)
def test_issue_27_and_28_pages_cost_the_same_statements_at_any_size(seeded, new_client, count_queries, who):
    client = new_client()
    if WHO[who]:
        client.login(WHO[who], "traza-demo-2019")
    seed_bulk(200, 400)
    small = grow(commitments=4, milestones=1, updates=1)
    before = counts(client, count_queries, small)
    large = grow(commitments=8, milestones=5, updates=20)
    after = counts(client, count_queries, large)
    grew = [f"{label}: {before[label]} → {after[label]} statements" for label in before
            if after[label] != before[label]]
    assert grew == [], "pages whose statement count changes with the data:\n" + "\n".join(grew)
