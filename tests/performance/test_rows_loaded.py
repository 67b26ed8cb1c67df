"""The plan's figures (cycle page, forum dashboard, API figures) read each milestone's latest
progress update only: at 500 commitments × 5 milestones × 20 updates they loaded all 10,000
updates to keep 2,500, a second of every build of those pages (bench/implementation.py)."""
import pytest
from sqlalchemy import event, func, select

from bench.implementation import FORUMS, grow
from bench.proposals import seed_bulk
from forum.commitments.models import ProgressUpdate
from forum.dashboards import figures
from forum.extensions import db
from forum.forums.models import Forum
from tests.worlds import demo


@pytest.fixture
def seed():
    return demo


def test_the_plan_figures_load_one_update_per_milestone_not_all(seeded):
    seed_bulk(100, 200)
    grow(commitments=4, milestones=5, updates=20)
    db.session.expunge_all()
    loaded = []

    def count(target, _context):
        loaded.append(target.id)
    event.listen(ProgressUpdate, "load", count)
    try:
        rows = figures.plan([db.session.get(Forum, f) for f in FORUMS])
    finally:
        event.remove(ProgressUpdate, "load", count)
    shown = {m.id for r in rows for m in r.version.milestones}
    latest = dict(db.session.execute(select(ProgressUpdate.milestone_id, func.max(ProgressUpdate.id))
                                     .where(ProgressUpdate.milestone_id.in_(shown))
                                     .group_by(ProgressUpdate.milestone_id)).all())
    assert db.session.scalar(select(func.count()).select_from(ProgressUpdate)) >= 80
    assert len(latest) >= 20
    assert sorted(loaded) == sorted(latest.values())
