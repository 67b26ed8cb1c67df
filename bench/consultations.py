"""A consultation with thousands of answered comments: its page, report, CSV and JSON.

    python -m bench.consultations [--comments 3000] [--paragraphs 60] [--requests 20] [--database-url URL]

Prints p50/p95 per page, the ratio to a bare Flask route in the same run, and the SQL
statements each page issues (constant in the number of comments: no N+1)."""
import statistics
from datetime import timedelta

from sqlalchemy import insert

from bench.common import arguments, bare_app, make_app, measure, time_get
from forum.consultations import services
from forum.consultations.models import CommentResponse, ConsultationComment
from forum.core.clock import frozen_at, utcnow
from forum.demo import seed
from forum.extensions import db
from forum.forums.models import Forum


def seed_consultation(n_comments: int, n_paragraphs: int) -> int:
    """A concluded consultation of forum 1 with n answered comments, in bulk (the services are
    measured elsewhere; here only reading matters). Returns its id."""
    forum = db.session.get(Forum, 1)
    chair = next(s for s in forum.active_seats if s.role == "state_chair")
    people = [s for s in forum.active_seats]
    now = utcnow()
    body = "\n\n".join(f"Párrafo {i + 1} del borrador del plan de acción." for i in range(n_paragraphs))
    with frozen_at(now - timedelta(days=40)):
        c = services.open_consultation(chair.user, forum, title="Borrador grande",
                                       starts_at=now - timedelta(days=39),
                                       ends_at=now - timedelta(days=1), audience="registered",
                                       visibility="on_submit", promise_level="consult",
                                       promise="Responderemos cada comentario.", body=body,
                                       accept_short_notice=True)
    db.session.flush()
    rows = [dict(consultation_id=c.id, paragraph=(i % n_paragraphs) + 1 if i % 5 else None,
                 author_id=people[i % len(people)].user_id, organisation_id=people[i % len(people)].organisation_id,
                 group=people[i % len(people)].organisation.kind, body=f"Comentario número {i} sobre el borrador.",
                 suggestion="Otro texto." if i % 7 == 0 else None, created_at=now - timedelta(days=20),
                 answered_at=now, answer="accepted") for i in range(n_comments)]
    db.session.execute(insert(ConsultationComment), rows)
    ids = [x.id for x in db.session.query(ConsultationComment.id).filter_by(consultation_id=c.id)]
    db.session.execute(insert(CommentResponse), [dict(
        comment_id=i, revision=1, outcome="accepted", reason="Se acepta porque mejora el texto del borrador.",
        responder_id=chair.user_id, organisation_id=chair.organisation_id, created_at=now) for i in ids])
    db.session.commit()
    return c.id


def main():
    args = arguments(__doc__, comments=3000, paragraphs=60, requests=20)
    app = make_app(args.database_url)
    with app.app_context():
        seed()
        cid, engine = seed_consultation(args.comments, args.paragraphs), db.engine

    bare = statistics.median(time_get(bare_app(), "/", args.requests))
    print(f"database: {engine.dialect.name}; {args.comments} comments on {args.paragraphs} paragraphs")
    print(f"{'bare Flask route':38} p50 {bare * 1000:7.2f} ms")
    urls = [f"/consultations/{cid}", f"/consultations/{cid}/report", f"/consultations/{cid}/report.csv",
            f"/consultations/{cid}/report.json", "/forums/1/consultations"]
    measure(app, engine, urls, args.requests, bare)


if __name__ == "__main__":
    main()
