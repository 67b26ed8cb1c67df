"""The live session page rebuilt after each kind of live act, in one process (issue 29):
`python -m bench.builds --acts` (see bench/builds.py).

A session at a realistic size is made in the bench's data set, through the services: a forum
of 34 members of every kind, all present; a 15-item agenda; four motions voted by everyone
and closed, a fifth open; hands raised and lowered, the floor given — over 200 entries on the
session's trail. Then, for each kind of act in turn, the act is recorded and committed and a
visitor asks for the page (the act made it stale): the CPU time and the statements of that
rebuild, p50 of `--requests` rounds, and the templates it rendered or included.
"""
import cProfile
import gc
import pstats
import statistics
import time
from datetime import timedelta

from forum.extensions import db

MEMBERS = 32  # besides the two co-chairs
AGENDA = 15
KINDS = ("government", "civil_society", "academia", "private")
HIT, UNMOVED = "(served from memory)", "(nothing moved)"  # yardsticks: a hit; a miss (a new query string)


def room(app):
    """(the session's id, the open motion's, the members', the State co-chair's), made once per run."""
    from forum.core.clock import frozen_at, utcnow
    from forum.forums import services as forums
    from forum.sessions import services
    from forum.sessions.services import motions
    from tests.conftest import Factory
    from tests.helpers.proposals import chairs

    make = Factory(app, 90_000 + int(time.time()) % 10_000 * 100)
    forum = make.forum(open_=True, title="Foro de banco de pruebas en vivo")
    chair, civil = (chairs(forum)[k] for k in ("state_chair", "civil_chair"))
    members = []
    for i in range(MEMBERS):
        user, org = make.member_of(KINDS[i % len(KINDS)])
        forums.add_member(chair, forum, user, org)
        members.append(user)
    now = utcnow()
    with frozen_at(now - timedelta(days=15)):
        s = services.schedule(chair, forum, title="Sesión ordinaria de banco de pruebas",
                              starts_at=now + timedelta(minutes=10), ends_at=now + timedelta(hours=3),
                              place="Sala 1", agenda=[services.ItemInput(f"Punto {n} del orden del día")
                                                      for n in range(1, AGENDA + 1)])
    services.start(chair, s)
    for user in (chair, civil, *members):
        services.check_in(user, s)
    for n in range(5):
        m = motions.open_motion(civil, s, f"Moción {n + 1}: aprobar el punto {n + 1}")
        if n == 4:
            break
        for i, user in enumerate((chair, civil, *members)):
            motions.vote(user, s, m.id, ("yes", "no", "abstain")[i % 3])
        motions.close_motion(civil, s, m.id)
        services.advance(chair, s, n + 2)
        for user in members[4 * n:4 * n + 4]:  # each round's four hands: one given the floor, one lowered
            services.raise_hand(user, s)
        services.give_floor(chair, s)
        services.lower_hand(members[4 * n + 3], s)
    db.session.commit()
    return s.id, m.id, [u.id for u in members], chair.id


def _acts(sid: int, motion: int, members: list[int], chair: int) -> list:
    """(label, prepare, act), each run in an app context of its own (rows loaded there):
    `prepare` (not timed, its own rebuild done) sets the act up. The first two are yardsticks:
    the page served from memory, and built again when nothing moved (every part kept)."""
    from forum.accounts.models import User
    from forum.core.errors import DomainError
    from forum.sessions import services
    from forum.sessions.models import ForumSession
    from forum.sessions.services import motions

    def s():
        return db.session.get(ForumSession, sid)

    def user(i: int):
        return db.session.get(User, i)

    def nothing():
        return None

    def ensure(act):  # the state the act starts from, whatever the round before left
        def run():
            try:
                with db.session.begin_nested():
                    act()
            except DomainError:
                pass
        return run
    voter, goer, speaker = members[20], members[21], members[22]
    flip = {"vote": 0}

    def vote():
        flip["vote"] += 1
        motions.vote(user(voter), s(), motion, "yes" if flip["vote"] % 2 else "no")
    def present(yes: bool):
        return lambda: services.check_in(user(goer), s(), present=yes)

    def raised():
        services.raise_hand(user(speaker), s())

    def lowered():
        services.lower_hand(user(speaker), s())
    return [(HIT, nothing, nothing), (UNMOVED, nothing, nothing),
            ("motion.vote", nothing, vote), ("session.checked_out", ensure(present(True)), present(False)),
            ("session.checked_in", ensure(present(False)), present(True)),
            ("session.hand_raised", ensure(lowered), raised), ("session.hand_lowered", ensure(raised), lowered),
            ("session.floor", ensure(raised), lambda: services.give_floor(user(chair), s()))]


def rebuilds(app, counter, args) -> None:
    from forum.trail.models import TrailEntry
    app.config["PAGE_CACHE_SECONDS"] = 3600  # as served: the act makes the page stale, kept parts are used
    with app.app_context():
        sid, motion, members, chair = room(app)
        entries = db.session.query(TrailEntry).filter_by(subject_type="session", subject_id=sid).count()
    url = f"/sessions/{sid}"
    visitor = app.test_client(use_cookies=False)
    gc.collect()
    gc.freeze()  # the seeding's objects out of the collector's way: its pauses fell on random rebuilds
    rendered: list[str] = []

    loaded = app.jinja_env.get_template

    def seen(name, *args, **kw):  # every template rendered, included or imported from
        rendered.append(getattr(name, "name", name))
        return loaded(name, *args, **kw)
    app.jinja_env.get_template = seen  # type: ignore[method-assign]
    print(f"live session {sid}: {MEMBERS + 2} members present, {AGENDA} agenda items, 4 motions closed and one "
          f"open, {entries} entries on its trail")
    print(f"{'rebuild after':22} {'CPU ms p50':>10} {'wall ms':>8} {'statements':>10}  templates rendered or included")
    for label, prepare, act in _acts(sid, motion, members, chair):
        cpu, wall, statements = [], [], []
        for _ in range(args.requests):
            with app.app_context():
                prepare()
                db.session.commit()
            assert visitor.get(url).status_code == 200
            with app.app_context():
                act()
                db.session.commit()
            rendered.clear()
            asked = url + (f"?round={len(cpu)}" if label == UNMOVED else "")  # a page not remembered yet
            before, c, t = counter.n, time.process_time(), time.perf_counter()
            resp = visitor.get(asked)
            cpu.append(time.process_time() - c)
            wall.append(time.perf_counter() - t)
            statements.append(counter.n - before)
            assert resp.status_code == 200 and (resp.headers.get("X-Page-Cache") == "hit") == (label == HIT), label
        print(f"{label:22} {statistics.median(cpu) * 1000:10.1f} {statistics.median(wall) * 1000:8.1f} "
              f"{int(statistics.median(statements)):10d}  "
              f"{', '.join(sorted(set(rendered)))}", flush=True)
        if label == args.profile:
            with app.app_context():
                prepare()
                db.session.commit()
            visitor.get(url)
            with app.app_context():
                act()
                db.session.commit()
            prof = cProfile.Profile()
            prof.enable()
            visitor.get(url)
            prof.disable()
            pstats.Stats(prof).sort_stats("cumulative").print_stats(40)
