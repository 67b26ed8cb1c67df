"""The demo tells the State's late answer (issue 27, item 8): the previous plan's Education
forum agreed its plan, the Resolución Ministerial left the scholarships register out, and the
Ministry answered 41 days after the comparison opened — 11 days past the 30-day deadline. The
page, the API and the ledger figures say it is late."""
import re

import pytest

from tests.worlds import demo


@pytest.fixture
def seed():
    return demo


def test_the_demo_has_a_discrepancy_answered_late(seeded, client):
    page = client.get("/cycles/2017-2019/agreed-adopted").get_data(as_text=True)
    late = re.findall(r'data-kind="(\w+)" data-state="late"', page)
    assert late == ["omitted"]
    assert "11 days late" in page
    api = client.get("/api/v1/cycles/2017-2019/agreed-adopted").get_json()
    answered = [d for d in api["discrepancies"] if d["state"] == "late"]
    assert [(d["kind"], d["days_late"]) for d in answered] == [("omitted", 11)]
    assert api["figures"]["answered_late"] == 1
    # The 2019-2021 cycle keeps its story: every answer there in time.
    current = client.get("/api/v1/cycles/2019-2021/agreed-adopted").get_json()
    assert current["figures"]["answered_late"] == 0
