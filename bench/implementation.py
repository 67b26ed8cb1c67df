"""Issues 27 and 28's pages through the production stack: the plan as agreed against the one
adopted, its discrepancies, civil society's monitoring, the minimum requirements, whose voice
reached the plan and the contributions absorbed without credit.

    python -m bench.implementation [--db postgresql|sqlite] [--runs 2] [--clients 10] [--seconds 5]
        [--commitments 500] [--milestones 5] [--updates 20] [--proposals 10000] [--only label]
        [--endorsements 200000] [--comments 100000] [--trail 200000]

Brings up deploy/stack.sh with the floor beside Traza and seeds the data of bench/http.py
(10,000 proposals, …), then, in bulk, --commitments adopted commitments (both keys turned)
spread over the Environment and Education forums, each with --milestones milestones and
--updates progress updates (evidence links checked on a date; of every four, one confirmed
by the co-monitor, one contested and answered, one contested and waiting, one left to
lapse; a tenth of the commitments with no civil-society act at all, so neglected), two
influence links, two absorbed-contribution suggestions (pending, linked, dismissed) and a
claim on every fifth; the proposals get regions and channels (a third of the workshop and
paper ones recorded at a workshop). Through the services: both co-chairs sign each forum's
plan as agreed, the adopted texts are recorded (most word for word, one in five altered, one
in ten omitted, five added per forum), the comparison is published and the State answers
half of the discrepancies, civil society dissents from a third.

Then it counts, in-process, the SQL statements and the time of each page built once (no page
cache), and through nginx, per page and --runs times, measures the floor right before the
page (wrk, --clients) and prints throughput against it, p50, p95 and the floor's p95 — the
ratios docs/performance.md's targets are written in. wrk is a visitor without an account,
answered from the page cache after each page's first view per process; with
TRAZA_PAGE_CACHE_SECONDS=0 every request builds the page, as for a signed-in person.
SQLite runs one app process (--apps), PostgreSQL two, as the stack defaults.
"""
import argparse
import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import timedelta

from sqlalchemy import func, insert, select, text, update

from bench.common import QueryCounter
from bench.http import LUA, drain, idle_latency, row, seed, up, wrk

CYCLE = "2019-2021"
FORUMS = (1, 2)  # the demo's Environment and Education forums, both in CYCLE
WORDS = ("publicar datos abiertos contratos compras públicas agendas registro beneficiarios presupuesto "
         "participativo regional educación salud ambiente fiscalización información acceso transparencia "
         "rendición cuentas participación ciudadana portal indicadores vigilancia comunidades").split()
REASON = "El enlace de evidencia no muestra la publicación que el informe describe como hecha."


def pages(ids: dict) -> list[tuple[str, str]]:
    """Issue 27's and 28's pages and API resources, with the commitment the bench made."""
    c, f, k = ids["commitment"], FORUMS[0], CYCLE
    return [
        ("agreed/adopted comparison", f"/cycles/{k}/agreed-adopted"),
        ("discrepancies: altered", f"/cycles/{k}/agreed-adopted?kind=altered"),
        ("discrepancies: omitted", f"/cycles/{k}/agreed-adopted?kind=omitted"),
        ("API agreed/adopted", f"/api/v1/cycles/{k}/agreed-adopted"),
        ("commitment with monitoring", f"/commitments/{c}"),
        ("API commitment", f"/api/v1/commitments/{c}"),
        ("API commitments", "/api/v1/commitments"),
        ("monitoring: confirmed", f"/forums/{f}/monitoring?show=confirmed"),
        ("monitoring: contested", f"/forums/{f}/monitoring?show=contested"),
        ("monitoring: lapsed", f"/forums/{f}/monitoring?show=lapsed"),
        ("monitoring: answers waiting", f"/forums/{f}/monitoring?show=waiting"),
        ("monitoring: neglected", f"/forums/{f}/monitoring?show=neglected"),
        ("cycle monitoring: contested", f"/cycles/{k}/monitoring?show=contested"),
        ("cycle page with figures", f"/cycles/{k}"),
        ("forum dashboard", f"/forums/{f}/dashboard"),
        ("API cycle figures", f"/api/v1/cycles/{k}/figures"),
        ("requirements: cycle", f"/cycles/{k}/requirements"),
        ("requirements: forum", f"/forums/{f}/requirements"),
        ("API requirements: cycle", f"/api/v1/cycles/{k}/requirements"),
        ("API requirements: forum", f"/api/v1/forums/{f}/requirements"),
        ("voice: forum page", f"/forums/{f}"),
        ("API voice: forum", f"/api/v1/forums/{f}/voice"),
        ("API voice: cycle", f"/api/v1/cycles/{k}/voice"),
        ("absorbed: forum", f"/forums/{f}/absorbed"),
        ("absorbed: commitment", f"/commitments/{c}/absorbed"),
        ("API absorbed: forum", f"/api/v1/forums/{f}/absorbed"),
        ("API absorbed: commitment", f"/api/v1/commitments/{c}/absorbed"),
    ]


def _next(column) -> int:
    from forum.extensions import db
    return (db.session.scalar(select(func.max(column))) or 0) + 1


def _resync(tables) -> None:
    """PostgreSQL: rows inserted with their ids leave the sequences behind; the services
    inserting after them would collide."""
    from forum.extensions import db
    if db.engine.dialect.name == "postgresql":
        for t in tables:
            db.session.execute(text(f"SELECT setval(pg_get_serial_sequence('{t}', 'id'), "
                                    f"(SELECT max(id) FROM {t}))"))


def grow(commitments: int = 500, milestones: int = 5, updates: int = 20) -> int:
    """The implementation data, on the demo's forums (bulk rows, then the plans through the
    services); returns the id of the first commitment made. Can run again to grow more."""
    from forum.commitments.absorbed_models import Claim, Suggestion
    from forum.commitments.models import (
        Commitment,
        CommitmentVersion,
        InfluenceLink,
        Milestone,
        ProgressUpdate,
        SignOff,
    )
    from forum.core.clock import utcnow
    from forum.extensions import db
    from forum.forums.models import Forum
    from forum.monitoring.models import CoMonitor, ContestAnswer, UpdateVerdict
    from forum.proposals.models import Proposal

    rng, now = random.Random(27), utcnow()
    forums = [db.session.get(Forum, f) for f in FORUMS]
    seats = {f.id: {s.role: s for s in f.active_seats} for f in forums}
    proposals = {f.id: list(db.session.scalars(select(Proposal.id).where(Proposal.forum_id == f.id)
                                               .order_by(Proposal.id).limit(2000))) for f in forums}
    cid, vid, mid, uid, did = (_next(c) for c in (Commitment.id, CommitmentVersion.id, Milestone.id,
                                                   ProgressUpdate.id, UpdateVerdict.id))
    first = cid
    rows: dict[type, list] = {t: [] for t in (Commitment, CommitmentVersion, SignOff, Milestone, ProgressUpdate,
                                              UpdateVerdict, ContestAnswer, CoMonitor, InfluenceLink, Suggestion,
                                              Claim)}
    for n in range(commitments):
        forum = forums[n % len(forums)]
        state, civil = seats[forum.id]["state_chair"], seats[forum.id]["civil_chair"]
        made = now - timedelta(days=300)
        words = " ".join(rng.choice(WORDS) for _ in range(40))
        rows[Commitment].append(dict(id=cid, forum_id=forum.id, latest=1, adopted=1, created_by_id=state.user_id,
                                     created_at=made))
        rows[CommitmentVersion].append(dict(
            id=vid, commitment_id=cid, number=1, title=f"Compromiso {n}: {words[:80]}", problem=words,
            status_quo=words, description=f"{words} {n}", contribution=words, ogp_relevance=words,
            values="transparency,participation", lead_agency_id=state.organisation_id, supporting="",
            start_date=(made + timedelta(days=10)).date(), end_date=(now + timedelta(days=300)).date(),
            change_note="Primera versión.", author_id=state.user_id, created_at=made))
        rows[SignOff] += [dict(version_id=vid, side=s.role, user_id=s.user_id, organisation_id=s.organisation_id,
                               signed=True, created_at=made + timedelta(days=1)) for s in (state, civil)]
        rows[CoMonitor].append(dict(commitment_id=cid, user_id=civil.user_id, organisation_id=civil.organisation_id,
                                    appointed_by_id=civil.user_id, created_at=made + timedelta(days=2)))
        neglected = n % 10 == 9
        for p in range(milestones):
            rows[Milestone].append(dict(
                id=mid, version_id=vid, position=p + 1, description=f"Hito {p + 1}: {words[:60]}",
                responsible_id=state.organisation_id, start_date=(made + timedelta(days=10)).date(),
                end_date=(now + timedelta(days=30 * p)).date(), indicator="Informes publicados",
                baseline_value="0", target="12", verification="Portal de datos abiertos", check_rules=1))
            for i in range(updates // milestones):
                at = made + timedelta(days=20 + (275 if not neglected else 0) * i // max(1, updates // milestones - 1),
                                      minutes=p)
                rows[ProgressUpdate].append(dict(
                    id=uid, commitment_id=cid, milestone_id=mid, level=("limited", "substantial", "complete")[i % 3],
                    note=f"Avance {i} del hito {p + 1}: {words[:100]}",
                    evidence=f"https://datos.example.gob.pe/avance/{uid}", evidence_checked_on=at.date(),
                    author_id=state.user_id, organisation_id=state.organisation_id, created_at=at))
                if not neglected and uid % 4 != 3:
                    contested = uid % 4 != 0
                    rows[UpdateVerdict].append(dict(
                        id=did, update_id=uid, commitment_id=cid, verdict="contested" if contested else "confirmed",
                        reason=REASON if contested else None, user_id=civil.user_id,
                        organisation_id=civil.organisation_id, created_at=at + timedelta(days=3)))
                    if uid % 4 == 1:
                        rows[ContestAnswer].append(dict(
                            verdict_id=did, reason=REASON, response_seconds=86400 * (10 + uid % 40),
                            user_id=state.user_id, organisation_id=state.organisation_id,
                            created_at=at + timedelta(days=13 + uid % 40)))
                    did += 1
                uid += 1
            mid += 1
        sources = rng.sample(proposals[forum.id], 4)
        for s in sources[:2]:
            rows[InfluenceLink].append(dict(version_id=vid, source_type="proposal", source_id=s,
                                            how=rng.choice(("adopted", "adapted", "informed")),
                                            explanation="El compromiso recoge la propuesta.",
                                            author_id=state.user_id, organisation_id=state.organisation_id,
                                            created_at=made + timedelta(days=1)))
        for j, s in enumerate(sources[2:]):
            state_ = ("pending", "linked", "dismissed")[(n + j) % 3]
            decided = state_ != "pending"
            rows[Suggestion].append(dict(
                forum_id=forum.id, commitment_id=cid, version_id=vid, source_type="proposal", source_id=s,
                shared=30 + j, total=60, share=0.5 + j / 10, passage=words[:200], state=state_,
                decided_at=now - timedelta(days=5) if decided else None,
                decided_by_id=state.user_id if decided else None,
                decided_org_id=state.organisation_id if decided else None,
                reason="La coincidencia es un término técnico común." if state_ == "dismissed" else None,
                created_at=made + timedelta(days=1)))
        if n % 5 == 0:
            rows[Claim].append(dict(forum_id=forum.id, commitment_id=cid, version_id=vid, proposal_id=sources[0],
                                    organisation_id=civil.organisation_id, user_id=civil.user_id,
                                    passage=words[:120], state=("pending", "linked", "dismissed")[n % 3],
                                    reason="No coincide." if n % 3 == 2 else None,
                                    created_at=made + timedelta(days=3)))
        cid, vid = cid + 1, vid + 1
    for model, batch in rows.items():
        for start in range(0, len(batch), 5000):
            db.session.execute(insert(model), batch[start:start + 5000])
    _resync(["commitments", "commitment_versions", "milestones", "progress_updates", "update_verdicts"])
    _voices(forums)
    db.session.commit()
    _plans(forums, seats, first)
    return first


def _voices(forums) -> None:
    """Regions and channels on the proposals; a third of the workshop and paper ones recorded
    at the demo's workshop."""
    from forum.extensions import db
    from forum.proposals.models import Proposal
    from forum.voice.models import RecordedInput
    from forum.voice.regions import REGIONS
    codes = sorted(REGIONS)
    for k, code in enumerate(codes):
        db.session.execute(update(Proposal).where(Proposal.id >= 1000, Proposal.id % len(codes) == k)
                           .values(region=code))
    for k, channel in enumerate(("online", "online", "workshop", "paper", "email")):
        db.session.execute(update(Proposal).where(Proposal.id >= 1000, Proposal.id % 5 == k).values(channel=channel))
    sheet = db.session.execute(select(RecordedInput.workshop_id, RecordedInput.recorded_by_id,
                                      RecordedInput.sheet_sha256).limit(1)).first()
    if sheet is None:  # a world without the demo's workshop
        return
    taken = set(db.session.scalars(select(RecordedInput.proposal_id)))
    recorded = [p for p in db.session.scalars(select(Proposal.id).where(
        Proposal.id >= 1000, Proposal.channel.in_(("workshop", "paper")),
        Proposal.forum_id == forums[0].id)) if p % 3 == 0 and p not in taken]
    if recorded:
            db.session.execute(insert(RecordedInput), [dict(
            proposal_id=p, workshop_id=sheet[0], recorded_by_id=sheet[1], witness="Testigo local",
            sheet_sha256=sheet[2]) for p in recorded])


def _plans(forums, seats, first: int) -> None:
    """Each forum's plan signed as agreed, the official texts (kept, altered, omitted, added)
    matched and the comparison published, half answered, a third dissented from."""
    from forum.extensions import db
    from forum.plans import services as plans
    from forum.plans.models import AdoptedText, Instrument, Match
    from forum.plans.services import agreed

    instrument = db.session.scalars(select(Instrument).where(Instrument.cycle == CYCLE).order_by(Instrument.id)).first()
    assert instrument is not None, "the demo records the cycle's official plan"
    for forum in forums:
        state, civil = seats[forum.id]["state_chair"].user, seats[forum.id]["civil_chair"].user
        agreed.sign(state, forum)
        plan = agreed.sign(civil, forum)
        assert plan.agreed_at is not None
        db.session.commit()
        texts, pairs = [], []
        for item in plan.items:
            if item.commitment_id < first or item.commitment_id % 10 == 3:  # one in ten omitted
                continue
            v = item.version
            altered = item.commitment_id % 5 == 1
            texts.append(dict(instrument_id=instrument.id, forum_id=forum.id, title=v.title, problem=v.problem,
                              status_quo=v.status_quo,
                              description=v.description + (" cuando el ministerio lo considere oportuno"
                                                           if altered else ""),
                              contribution=v.contribution, ogp_relevance=v.ogp_relevance, values=v.values,
                              author_id=state.id))
            pairs.append(item.id)
        texts += [dict(instrument_id=instrument.id, forum_id=forum.id, title=f"Compromiso añadido {i}",
                       description="Un compromiso que el foro no acordó.", author_id=state.id) for i in range(5)]
        start = _next(AdoptedText.id)
        db.session.execute(insert(AdoptedText), [dict(id=start + i, **t) for i, t in enumerate(texts)])
        db.session.execute(insert(Match), [dict(forum_id=forum.id, agreed_item_id=item, adopted_text_id=start + i,
                                                user_id=state.id) for i, item in enumerate(pairs)])
        _resync(["adopted_texts", "plan_matches"])
        found = plans.publish(state, forum)
        for k, d in enumerate(found):
            if k % 2 == 0 and d.kind != "late":
                plans.answer(state, d, "El ministerio priorizó los compromisos con presupuesto asignado.")
            if k % 3 == 0:
                plans.dissent(civil, d, "La sociedad civil no acepta este cambio del plan que el foro acordó.")
        db.session.commit()


def statements(app, engine, paths: list[str], builds: int = 3) -> dict[str, tuple[int, float]]:
    """path -> (SQL statements with nothing remembered, median ms of a build) of each page
    built in-process: the time with the clock boundaries remembered, as between writes."""
    from forum import pagecache
    from forum.trail import cache
    counter, out = QueryCounter(engine), {}
    client = app.test_client(use_cookies=False)
    for path in paths:
        cache.clear()
        pagecache.clear()
        before = counter.n
        assert client.get(path).status_code == 200, path
        n, samples = counter.n - before, []
        for _ in range(builds):
            pagecache.clear()
            t = time.perf_counter()
            client.get(path)
            samples.append(time.perf_counter() - t)
        out[path] = (n, statistics.median(samples) * 1000)
    return out


def build(settings: dict, args) -> dict:
    """bench/http.py's data, then this bench's; returns the ids the pages use."""
    from forum import create_app
    from forum.extensions import db
    ids = seed(settings, args)
    app = create_app({"SQLALCHEMY_DATABASE_URI": settings["TRAZA_DATABASE_URL"], "SECRET_KEY": "bench",
                      "INSTANCE_PATH": settings["TRAZA_INSTANCE_PATH"], "TRAIL_CHECKPOINT_MINUTES": 0,
                      "RATELIMIT_ENABLED": False})
    t = time.perf_counter()
    with app.app_context():
        ids["commitment"] = grow(args.commitments, args.milestones, args.updates)
        if db.engine.dialect.name == "postgresql":
            db.session.execute(text("ANALYZE"))  # what autovacuum does to a live database's bulk loads
            db.session.commit()
    print(f"seeded {args.commitments} commitments × {args.milestones} milestones, {args.updates} updates each "
          f"({args.updates // args.milestones} per milestone), plans and discrepancies in "
          f"{time.perf_counter() - t:.0f} s", flush=True)
    with app.app_context():
        engine = db.engine
    # outside the app context: each request its own, as served (an outer one would share `g`)
    ids["statements"] = statements(app, engine, [p for _label, p in pages(ids)])
    return ids


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", choices=("postgresql", "sqlite"), default="postgresql")
    ap.add_argument("--apps", type=int, help="app processes (default: 1 on SQLite, 2 on PostgreSQL)")
    ap.add_argument("--clients", type=int, default=10)
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--runs", type=int, default=2)
    ap.add_argument("--only", help="measure only the pages whose label contains this")
    for name, default in (("proposals", 10_000), ("comments", 100_000), ("endorsements", 200_000),
                          ("trail", 200_000), ("commitments", 500), ("milestones", 5), ("updates", 20)):
        ap.add_argument(f"--{name}", type=int, default=default)
    args = ap.parse_args()
    if not shutil.which("wrk"):
        sys.exit("bench.implementation needs wrk: apt-get install wrk")
    apps = args.apps or (1 if args.db == "sqlite" else 2)
    stack, env, settings, base = up(args.db, {"TRAZA_STACK_APPS": str(apps)})
    try:
        ids = build(settings, args)
        with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as fh:
            fh.write(LUA)
        quiet = 3 * idle_latency(base + "/__floor/")
        for run in range(1, args.runs + 1):
            print(f"\n{args.db}, {apps} app process(es) behind nginx, run {run} of {args.runs}, wrk {args.seconds} s, "
                  f"{args.clients} clients, {os.cpu_count()} cores shared by all; load before: "
                  f"{os.getloadavg()[0]:.2f}")
            print("| page | clients | req/s | p50 ms | p95 ms | p99 ms | floor req/s | floor p95 ms | ×throughput | "
                  "×p95 | target | statements | built ms |\n|---|---|---|---|---|---|---|---|---|---|---|---|---|")
            for label, path in pages(ids):
                if args.only and args.only not in label:
                    continue
                wrk(base + path, 2, 1, fh.name)  # warm: templates compiled, caches filled
                drain(base + "/__floor/", quiet)
                floor = wrk(base + "/__floor/", args.clients, args.seconds, fh.name)
                page = wrk(base + path, args.clients, args.seconds, fh.name)
                drain(base + "/__floor/", quiet)
                n, ms = ids["statements"][path]
                print(f"{row(label, args.clients, page, floor)} {n} | {ms:.0f} |", flush=True)
            print(f"load after run {run}: {os.getloadavg()[0]:.2f}")
    finally:
        subprocess.run([*stack, "down"], env=env, stdout=subprocess.DEVNULL)


if __name__ == "__main__":
    main()
