"""Fixtures: a real database per test, CSRF left on, and a world of every role.

Every test that uses the database runs twice: on a SQLite file, and on a throwaway
PostgreSQL server the suite starts itself (or TRAZA_TEST_DATABASE_URL, if set).
Run one half with `-k sqlite` or `-k postgresql`.
"""
import os
import re
import sys

import pytest
from flask import has_app_context
from werkzeug.security import generate_password_hash

from forum.extensions import db

PASSWORD = "correct horse battery staple"
# The people the tests make log in hundreds of times: a cheap hash keeps each login at a
# millisecond. The app's own hashing (scrypt) is what registration stores and is tested there.
_HASH = generate_password_hash(PASSWORD, method="pbkdf2:sha256:1000")


@pytest.fixture(autouse=True)
def _no_client_outlives_its_test():
    """A Socket.IO client left reconnecting to a stopped server would keep a thread drawing
    from the global `random` through the rest of the worker's tests (tests/helpers/live_net.py)."""
    yield
    if "tests.helpers.live_net" in sys.modules:
        sys.modules["tests.helpers.live_net"].close_all()


@pytest.fixture(scope="session")
def postgres_url():
    from tests.servers import postgres
    with postgres() as url:
        yield url


@pytest.fixture(scope="session")
def snapshots(tmp_path_factory, request):
    from tests.snapshots import Snapshots
    snaps = Snapshots(str(tmp_path_factory.mktemp("snapshots")),
                      lambda: request.getfixturevalue("postgres_url"))
    yield snaps
    snaps.close()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_kind(request):
    return request.param


@pytest.fixture
def seed():
    """The world a test starts from: None (empty tables), or a function(make) -> dict of
    ids that a module overrides this fixture with. Built once per database kind and
    copied for every test (tests/snapshots.py)."""
    return None


@pytest.fixture
def app(database_kind, snapshots, seed, tmp_path):
    app, meta = snapshots.checkout(database_kind, seed)
    app.instance_path = str(tmp_path / "instance")  # the outbox and keys of this test alone
    os.makedirs(app.instance_path, exist_ok=True)
    app.extensions["traza_test_seed"] = meta
    from forum.ratelimits import limiter
    limiter.reset()  # each test starts with every allowance whole
    from forum import pagecache
    from forum.trail import cache
    cache.clear()  # apps are shared per snapshot, and a restored database has the same trail head
    pagecache.clear()
    yield app
    pagecache.settled(10)  # no rebuild of this test's pages reads the next test's database
    with app.app_context():
        db.session.remove()


@pytest.fixture
def database_url(app):
    return app.config["SQLALCHEMY_DATABASE_URI"]


@pytest.fixture
def seeded(ctx) -> dict:
    """What the module's `seed` returned for the world this test starts from (inside an
    app context, as the tests that build their own world are)."""
    return ctx.extensions["traza_test_seed"]


@pytest.fixture
def ctx(app):
    with app.app_context():
        yield app


class Client:
    """The Flask test client plus the CSRF token a real browser would have from the page.

    Each request runs in an app context of its own, as in production: otherwise it would
    share the test's `g` and database session with every other client.
    """

    def __init__(self, client, language="en"):
        self.raw = client
        self.app = client.application
        # Assertions read English text; the Spanish catalogue has tests of its own.
        client.environ_base["HTTP_ACCEPT_LANGUAGE"] = language

    def _request(self, method, url, **kw):
        with self.app.app_context():
            resp = getattr(self.raw, method)(url, **kw)
            resp.get_data()
        if has_app_context():
            db.session.expire_all()  # the test reads what the request committed
        return resp

    def token(self) -> str:
        html = self._request("get", "/account/forgot").get_data(as_text=True)
        return re.search(r'name="csrf-token" content="([^"]+)"', html).group(1)

    def get(self, url, **kw):
        return self._request("get", url, **kw)

    def post(self, url, data=None, csrf=True, **kw):
        data = dict(data or {})
        if csrf:
            data.setdefault("csrf_token", self.token())
        return self._request("post", url, data=data, **kw)

    def login(self, email, password=PASSWORD):
        resp = self.post("/account/login", {"email": email, "password": password})
        assert resp.status_code == 302, resp.get_data(as_text=True)[:2000]
        return resp


@pytest.fixture
def client(app):
    return Client(app.test_client())


@pytest.fixture
def new_client(app):
    return lambda: Client(app.test_client())


class Factory:
    """Builds users, organisations and forums through the real services."""

    def __init__(self, app, n=0):
        self.app = app
        self.n = n  # continues from the seed's count, so new e-mails stay unique

    def user(self, name=None, admin=False, email=None, confirmed=True):
        from forum import trail
        from forum.accounts.models import User

        self.n += 1
        user = User(email=email or f"user{self.n}@example.org", display_name=name or f"User {self.n}",
                    password_hash=_HASH, is_admin=admin)
        db.session.add(user)
        trail.record("account.registered", user, actor=user)
        if confirmed:  # as people are once they opened the link we mail them
            from forum.core.clock import utcnow
            user.email_confirmed_at = utcnow()
            trail.record("account.verified", user, actor=user)
        db.session.commit()
        return user

    def org(self, kind="civil_society", *, founder=None, verified=True, admin=None, name=None):
        from forum.organisations import services

        self.n += 1
        founder = founder or self.user()
        org = services.register_organisation(founder, name or f"Org {self.n} ({kind})", kind, None, "")
        if verified:
            services.verify_organisation(admin or self.admin(), org)
        db.session.commit()
        return org

    def join(self, user, org, approve=True):
        from forum.organisations import services

        m = services.request_membership(user, org)
        if approve:
            services.decide_membership(self.admin(), m, True)
        db.session.commit()
        return m

    def admin(self):
        from forum.accounts.models import User

        found = db.session.query(User).filter_by(is_admin=True).first()
        return found or self.user("Admin", admin=True, email="admin@example.org")

    def member_of(self, kind, verified=True):
        org = self.org(kind, verified=verified)
        return org.memberships[0].user, org

    def forum(self, *, chairs=True, open_=False, title=None):
        from forum.forums import services

        admin = self.admin()
        self.n += 1
        forum = services.create_forum(admin, sector="Ambiente", cycle="2019-2021",
                                      title=title or f"Forum {self.n}", description="",
                                      terms_of_reference="", influence_target="consult")
        if chairs:
            state_user, state_org = self.member_of("government")
            civil_user, civil_org = self.member_of("civil_society")
            services.appoint_chair(admin, forum, "state_chair", state_user, state_org)
            services.appoint_chair(admin, forum, "civil_chair", civil_user, civil_org)
            if open_:
                services.change_status(state_user, forum, "open", "Both co-chairs are in place.")
        db.session.commit()
        return forum


@pytest.fixture
def make(ctx):
    return Factory(ctx, ctx.extensions["traza_test_seed"].get("_factory_n", 0))


def trail_length() -> int:
    from sqlalchemy import func, select

    from forum.trail.models import TrailEntry
    return db.session.scalar(select(func.count()).select_from(TrailEntry))


def trail_actions_since(length: int) -> list[str]:
    """The actions the trail recorded after it had `length` entries, in order."""
    from sqlalchemy import select

    from forum.trail.models import TrailEntry
    return list(db.session.scalars(select(TrailEntry.action).where(TrailEntry.seq > length)
                                   .order_by(TrailEntry.seq)))


@pytest.fixture
def count_queries(app):
    """`with count_queries() as q: ...` then `q.n`: the SQL statements sent meanwhile, to show
    a page costs the same number of queries at any data size."""
    from contextlib import contextmanager
    from types import SimpleNamespace

    from sqlalchemy import event

    @contextmanager
    def counting():
        seen = SimpleNamespace(n=0, statements=[])

        def count(_conn, _cursor, statement, *_args):
            seen.n += 1
            seen.statements.append(statement)
        event.listen(db.engine, "before_cursor_execute", count)
        try:
            yield seen
        finally:
            event.remove(db.engine, "before_cursor_execute", count)
    return counting
