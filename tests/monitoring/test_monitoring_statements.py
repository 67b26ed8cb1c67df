"""A fixed number of SQL statements (issue 27): the commitment page and the monitoring lists
and figures cost the same with 5 milestones × 20 updates — confirmed, contested, answered,
lapsed — as with 1 × 1, for a visitor, the co-monitor and the State co-chair."""
from datetime import timedelta

from sqlalchemy import insert

from forum import pagecache
from forum.commitments.models import ProgressUpdate
from forum.extensions import db
from forum.monitoring.models import ContestAnswer, UpdateVerdict
from forum.trail import cache
from tests.helpers.monitoring import START, monitored, report

REASON = "El enlace de evidencia no muestra la publicación que el informe describe como hecha."


def _grow(c, v, monitor, state, per_milestone):
    """Updates on every milestone, in bulk; of each four, one confirmed, one contested and
    answered, one contested and waiting, one left to lapse."""
    org = next(s.organisation_id for s in c.forum.active_seats if s.role == "state_chair")
    mon_org = next(s.organisation_id for s in c.forum.active_seats if s.role == "civil_chair")
    rows = [dict(commitment_id=c.id, milestone_id=m.id, level="limited", note=f"Avance {i} del hito {m.position}.",
                 evidence="https://datos.example.gob.pe/avance", author_id=state.id, organisation_id=org,
                 created_at=START + timedelta(days=1, minutes=i))
            for m in v.milestones for i in range(per_milestone)]
    db.session.execute(insert(ProgressUpdate), rows)
    ids = sorted(u.id for u in db.session.query(ProgressUpdate).filter_by(commitment_id=c.id))
    verdicts = [dict(update_id=uid, commitment_id=c.id, verdict="confirmed" if k % 4 == 0 else "contested",
                     reason=None if k % 4 == 0 else REASON, user_id=monitor.id, organisation_id=mon_org,
                     created_at=START + timedelta(days=2)) for k, uid in enumerate(ids) if k % 4 != 3]
    db.session.execute(insert(UpdateVerdict), verdicts)
    answered = [vd.id for vd in db.session.query(UpdateVerdict).filter_by(commitment_id=c.id)
                if vd.verdict == "contested" and vd.update_id % 2 == 0]
    db.session.execute(insert(ContestAnswer), [dict(verdict_id=i, reason=REASON, response_seconds=86400 * 40,
                                                    user_id=state.id, organisation_id=org,
                                                    created_at=START + timedelta(days=42)) for i in answered])
    db.session.commit()


def _count(client, count_queries, path) -> int:
    cache.clear()
    pagecache.clear()
    with count_queries() as q:
        resp = client.get(path)
    assert resp.status_code == 200, path
    return q.n


def test_pages_and_lists_cost_the_same_at_any_size(make, new_client, count_queries):
    small, vs, m1, s1 = monitored(make, 1)
    report(s1, small, vs.milestones[0], START + timedelta(days=1))
    big, vb, m2, s2 = monitored(make, 5)
    _grow(big, vb, m2, s2, 20)
    assert db.session.query(ProgressUpdate).filter_by(commitment_id=big.id).count() == 100
    shows = ["confirmed", "contested", "lapsed", "awaiting", "on_time", "late", "waiting", "neglected"]
    for who in (None, "monitor", "state"):
        counts = {}
        for c, monitor, state in ((small, m1, s1), (big, m2, s2)):
            client = new_client()
            if who:
                client.login((monitor if who == "monitor" else state).email)
            paths = [f"/commitments/{c.id}", f"/forums/{c.forum_id}/dashboard",
                     *(f"/forums/{c.forum_id}/monitoring?show={s}" for s in shows)]
            counts[c.id] = [_count(client, count_queries, p) for p in paths]
        assert counts[small.id] == counts[big.id], (who, counts)
