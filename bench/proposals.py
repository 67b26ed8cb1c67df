"""Proposal lists and pages with 10,000 proposals and 100,000 endorsements.

    python -m bench.proposals [--proposals 10000] [--endorsements 100000] [--requests 30]
                              [--database-url URL]

Seeds the rows in bulk (the benchmark is about reading), then prints p50/p95 per page,
the ratio to a bare Flask route in the same process, and the SQL statements per page —
a count that must not grow with the data (no N+1). Figures, not pass/fail.
"""
import random
import statistics
from datetime import timedelta

from sqlalchemy import insert

from bench.common import arguments, bare_app, measure, seeded_app, time_get
from forum.accounts.models import User
from forum.core.clock import utcnow
from forum.extensions import db
from forum.proposals.models import Endorsement, Proposal, ProposalValue, ProposalVersion

WORDS = ("agua transparencia compras datos abiertos ambiente educación salud contratos minería bosques "
         "presupuesto municipal regional escuelas hospitales obras participación consulta indígena acceso "
         "información pública rendición cuentas fiscalización tecnología portal registro").split()
GROUPS = ("civil_society", "government", "academia", "private")
STATUSES = ("awaiting", "accepted", "partially_accepted", "merged", "needs_info", "rejected", "withdrawn")


def sentence(rng, n):
    return " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."


def seed_bulk(n_proposals, n_endorsements):
    rng = random.Random(2019)
    now = utcnow()
    n_users = max(1, n_endorsements // 100)
    first_user = db.session.scalar(db.select(db.func.max(User.id))) + 1
    hashed = db.session.scalar(db.select(User.password_hash).limit(1))
    db.session.execute(insert(User), [dict(email=f"bench{i}@example.org", display_name=f"Bench {i}",
                                           password_hash=hashed, is_admin=False, auth_version=1, created_at=now)
                                      for i in range(n_users)])
    rows, values, versions = [], [], []
    for i in range(n_proposals):
        submitted = now - timedelta(days=rng.randint(0, 400), minutes=i)
        status = rng.choice(STATUSES)
        answered = status not in ("awaiting", "withdrawn")
        waited = timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 23))
        rows.append(dict(id=1000 + i, forum_id=1 + i % 2, submitter_id=2 + i % 10, organisation_id=1 + i % 10,
                         group=rng.choice(GROUPS), status=status, title=sentence(rng, 6)[:200],
                         problem=sentence(rng, 30), proposal=sentence(rng, 40), expected_result=sentence(rng, 15),
                         links="", version=1, submitted_at=submitted,
                         first_response_at=submitted + waited if answered else None,
                         response_seconds=int(waited.total_seconds()) if answered else None,
                         endorsement_count=0))
    db.session.execute(insert(Proposal), rows)
    for r in rows:
        values.append(dict(proposal_id=r["id"], value=rng.choice(("transparency", "participation",
                                                                   "accountability", "technology"))))
        versions.append(dict(proposal_id=r["id"], number=1, title=r["title"], problem=r["problem"],
                             proposal=r["proposal"], expected_result=r["expected_result"], values="transparency",
                             links="", author_id=r["submitter_id"], created_at=r["submitted_at"]))
    db.session.execute(insert(ProposalValue), values)
    db.session.execute(insert(ProposalVersion), versions)
    counts = {}
    endorsements = []
    for u in range(n_users):
        for pid in rng.sample(range(1000, 1000 + n_proposals), min(100, n_proposals)):
            endorsements.append(dict(proposal_id=pid, user_id=first_user + u, notify=False, created_at=now))
            counts[pid] = counts.get(pid, 0) + 1
    for start in range(0, len(endorsements), 20000):
        db.session.execute(insert(Endorsement), endorsements[start:start + 20000])
    db.session.execute(db.update(Proposal), [{"id": pid, "endorsement_count": c} for pid, c in counts.items()])
    db.session.commit()
    return len(endorsements)


def seed_comments(n: int) -> int:
    """n comments spread over the bulk proposals (seed_bulk first), by the bulk users."""
    from forum.proposals.models import Comment
    rng = random.Random(1)
    proposals = list(db.session.scalars(db.select(Proposal.id).where(Proposal.id >= 1000)))
    users = list(db.session.scalars(db.select(User.id)))
    now = utcnow()
    for start in range(0, n, 20000):
        db.session.execute(insert(Comment), [dict(
            proposal_id=rng.choice(proposals), author_id=rng.choice(users), organisation_id=None,
            body=sentence(rng, 25), created_at=now - timedelta(minutes=i))
            for i in range(start, min(n, start + 20000))])
    db.session.commit()
    return n


def main():
    args = arguments(__doc__, proposals=10000, endorsements=100000, requests=30)

    app, engine = seeded_app(args)
    some = 1000 + args.proposals // 2

    bare = statistics.median(time_get(bare_app(), "/", args.requests))
    print(f"database: {engine.dialect.name}")
    print(f"{'bare Flask route':38} p50 {bare * 1000:7.2f} ms")
    urls = ["/forums/1/proposals", "/forums/1/proposals?sort=endorsed", "/forums/1/proposals?sort=waiting",
            "/forums/1/proposals?q=agua+bosques", "/forums/1/proposals?status=awaiting&group=civil_society",
            "/forums/1/proposals?value=technology&page=100", "/proposals/", f"/proposals/{some}",
            "/forums/1/ledger", "/forums/1/ledger?page=40", "/forums/1/dashboard", "/cycles/2019-2021"]
    measure(app, engine, urls, args.requests, bare)


if __name__ == "__main__":
    main()
