"""The clocks a commitment page and a plan gap count down: a page remembered for a visitor
changes on the day its "N days left" does, and the actions that start such a clock make the
page cache read its instants again (forum/trail/versions.py, forum/pagecache.boundaries)."""
from datetime import datetime, timedelta

import pytest

from forum.core.deadlines import Clock
from forum.trail.models import TrailEntry
from forum.trail.versions import CLOCK, touched


@pytest.mark.parametrize("days", [1, 15, 30])
def test_every_instant_the_days_left_or_the_lateness_change_is_a_step(days):
    """Walk the clock second by second around each day: where what a page shows of it
    ("N days left", or late) changes, there is a step, and nowhere else."""
    clock = Clock(datetime(2026, 3, 1, 9, 30, 15, 250000), days)

    def shown(at):
        return clock.days_left(at), clock.late(at)
    changes = []
    for day in range(days + 2):
        for second in range(-3, 4):
            at = clock.start + timedelta(days=day, seconds=second)
            if shown(at) != shown(at - timedelta(microseconds=1)):
                changes.append(at)
    assert changes == [s for s in clock.steps if s <= clock.start + timedelta(days=days + 1, seconds=3)]
    assert clock.steps[-1] == clock.late_from


@pytest.mark.parametrize("action", ["milestone.progress", "commitment.signed", "commitment.adopted",
                                    "consultation.commented", "plan.discrepancy_opened"])
def test_an_action_that_starts_a_monitoring_or_plan_clock_moves_the_instants(action):
    """A progress update opens its verification window, an adoption and civil society's
    report or comment (re)start a commitment's neglect, a discrepancy its answer's deadline."""
    subject = "consultation" if action.startswith("consultation") else "commitment"
    entry = TrailEntry(action=action, subject_type=subject, subject_id=1, forum_id=1, payload="{}")
    assert CLOCK in touched(entry) or "site" in touched(entry)
