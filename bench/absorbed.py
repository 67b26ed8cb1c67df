"""The detector of absorbed contributions: one new version against 10,000 earlier inputs.

    python -m bench.absorbed [--inputs 10000] [--words 120] [--runs 5] [--database-url URL]

Prints, in wall time and in CPU time (on a shared machine, the CPU time is what one core of
its own would take): the text part alone (index the inputs, find the overlaps), and the whole
check a version save runs in its transaction (read the forum's inputs from the database,
index, store the suggestions): the target is under 2 s. The inputs are 10,000 proposals of
about --words words drawn from a 3,000-word vocabulary (so chance overlaps are as rare as in
real prose), of which 5 are copied into the version."""
import random
import statistics
import time
from datetime import timedelta

from sqlalchemy import delete, insert

from bench.common import arguments, make_app
from forum.commitments import overlap, services
from forum.commitments.absorbed_models import Suggestion
from forum.commitments.models import Commitment
from forum.commitments.queries import version
from forum.commitments.services import MilestoneInput, absorbed
from forum.core.clock import utcnow
from forum.demo import seed
from forum.extensions import db
from forum.forums.models import Forum
from forum.proposals.models import Proposal


def texts(n: int, words: int) -> list[str]:
    rng = random.Random(28)
    vocabulary = [f"palabra{i}" for i in range(3000)]
    return [" ".join(rng.choice(vocabulary) for _ in range(words)) for _ in range(n)]


def main():
    args = arguments(__doc__, inputs=10000, words=120, runs=5)
    corpus = texts(args.inputs, args.words)
    target = "\n".join(["El Estado se compromete a lo siguiente.", *corpus[:5]])
    samples, cpu = [], []
    for _ in range(args.runs):
        t, c = time.perf_counter(), time.process_time()
        found = overlap.Index().extend(enumerate(corpus)).overlaps(target)
        samples.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    assert [o.key for o in found] == [0, 1, 2, 3, 4], found
    print(f"text only: {args.inputs} inputs of {args.words} words, one version: {_figures(samples, cpu)} "
          f"(found {len(found)})")

    app = make_app(args.database_url)
    with app.app_context():
        seed()
        forum = db.session.get(Forum, 1)
        c = db.session.query(Commitment).filter_by(forum_id=forum.id).first()
        v = version(c)
        owner = db.session.query(Proposal).filter_by(forum_id=forum.id).first()
        when = utcnow() - timedelta(days=400)
        db.session.execute(insert(Proposal), [dict(
            forum_id=forum.id, submitter_id=owner.submitter_id, organisation_id=owner.organisation_id,
            group=owner.group, status="accepted", title=f"Propuesta {i}", problem="Un problema público.",
            proposal=text, expected_result="Un resultado.", submitted_at=when) for i, text in enumerate(corpus)])
        chair = next(seat.user for seat in forum.active_seats if seat.role == "state_chair")
        template = {f: getattr(v, f) for f in ("title", "problem", "status_quo", "contribution", "ogp_relevance",
                                               "lead_agency_id", "start_date", "end_date")}
        milestones = [MilestoneInput(m.description, m.responsible_id, m.start_date, m.end_date) for m in v.milestones]
        v = services.save_version(chair, c, {**template, "description": target, "values": v.values.split(","),
                                             "supporting": v.supporting_ids, "change_note": "Copia cinco propuestas."},
                                  milestones)
        db.session.commit()
        samples, cpu = [], []
        for _ in range(args.runs):
            db.session.execute(delete(Suggestion))
            t, c = time.perf_counter(), time.process_time()
            found = absorbed.check_version(v)
            samples.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            db.session.rollback()
        assert len(found) == 5, found
        print(f"whole check ({db.engine.dialect.name}): {args.inputs} proposals + the demo's inputs, one version: "
              f"{_figures(samples, cpu)} (found {len(found)}; target 2000 ms on one core)")


def _figures(wall: list[float], cpu: list[float]) -> str:
    """Wall time, and the CPU time of this process: on a machine other jobs share, the CPU
    time is what one core of its own would take."""
    return (f"wall median {statistics.median(wall) * 1000:.0f} ms (max {max(wall) * 1000:.0f}), "
            f"CPU median {statistics.median(cpu) * 1000:.0f} ms (max {max(cpu) * 1000:.0f})")


if __name__ == "__main__":
    main()
