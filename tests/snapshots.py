"""Database states built once per run and restored for every test that starts from them.

Building a world of every role through the real services takes about half a second; a
permission matrix needs it hundreds of times. So each world is built once per database
kind and copied per test: a file copy on SQLite, `CREATE DATABASE … TEMPLATE` on
PostgreSQL. Every request in a test still commits for real; nothing is shared between
tests but the starting point.
"""
import os
import shutil
import sqlite3

from sqlalchemy import create_engine, text

from forum import create_app
from forum.extensions import db


def test_config(url: str, instance: str) -> dict:
    return {
        "TESTING": True,
        "INSTANCE_PATH": instance,
        "SQLALCHEMY_DATABASE_URI": url,
        "SECRET_KEY": "test-secret",
        "SERVER_NAME": None,
        "BABEL_DEFAULT_LOCALE": "en",  # messages read by assertions; Spanish is tested on its own
        "SESSION_COOKIE_SECURE": False,  # the test client speaks plain http
        "REMEMBER_COOKIE_SECURE": False,
        # Checkpoints only when a test asks (tests/trail/test_checkpoints.py): the others assert
        # exactly which entries an action writes.
        "TRAIL_CHECKPOINT_MINUTES": 0,
    }


class Snapshots:
    """One template and one app per (database kind, builder). `checkout` puts a fresh
    copy of the template under the app's database and hands the app out again: building
    an app compiles its templates anew, which would cost more than the test."""

    def __init__(self, root: str, postgres_url):
        self.root = root
        self._postgres_url = postgres_url  # a callable: the server starts only if asked for
        self._worlds: dict[tuple[str, str], tuple | Exception] = {}
        self._engine = None

    def checkout(self, kind: str, builder):
        """(app, what the builder returned), the app's database a fresh copy of the world."""
        key = (kind, _name(builder))
        if key not in self._worlds:
            try:
                self._worlds[key] = self._build(kind, builder, len(self._worlds))
            except Exception as err:  # every test of this world fails with the builder's own error
                self._worlds[key] = err
        built = self._worlds[key]
        if isinstance(built, Exception):
            raise RuntimeError(f"building the world {key[1]} on {kind} failed") from built
        app, template, work, meta, config = built
        app.config.clear()
        app.config.update(config)  # a test may have changed a setting
        with app.app_context():
            db.session.remove()
            db.engine.dispose()
        if kind == "sqlite":
            for suffix in ("-wal", "-shm"):
                if os.path.exists(work + suffix):
                    os.remove(work + suffix)
            shutil.copyfile(template, work)
        else:
            with self._admin() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{work}" WITH (FORCE)'))
                conn.execute(text(f'CREATE DATABASE "{work}" TEMPLATE "{template}"'))
        return app, meta

    def _build(self, kind: str, builder, n: int):
        label = f"{kind}_{n}"
        if kind == "sqlite":
            template = os.path.join(self.root, f"{label}.template.db")
            work = os.path.join(self.root, f"{label}.db")
            url = f"sqlite:///{template}"
        else:
            template, work = f"tpl{os.getpid()}_{label}", f"work{os.getpid()}_{label}"
            with self._admin() as conn:
                conn.execute(text(f'CREATE DATABASE "{template}"'))
            url = self._url(template)
        app = create_app(test_config(url, os.path.join(self.root, label)))
        meta: dict = {}
        with app.app_context():
            db.create_all()
            if builder is not None:
                from tests.conftest import Factory
                make = Factory(app)
                meta = dict(builder(make) or {})
                meta["_factory_n"] = make.n
            db.session.remove()
            db.engine.dispose()
        if kind == "sqlite":  # fold the write-ahead log into the file so one copy is whole
            with sqlite3.connect(template) as conn:
                conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            conn.close()
        work_url = f"sqlite:///{work}" if kind == "sqlite" else self._url(work)
        app = create_app(test_config(work_url, os.path.join(self.root, label)))
        return app, template, work, meta, dict(app.config)

    def _url(self, name: str) -> str:
        return self._postgres_url().rsplit("/", 1)[0] + "/" + name

    def _admin(self):
        if self._engine is None:
            self._engine = create_engine(self._postgres_url(), isolation_level="AUTOCOMMIT")
        return self._engine.connect()

    def close(self) -> None:
        if self._engine is not None:
            self._engine.dispose()


def _name(builder) -> str:
    return "empty" if builder is None else f"{builder.__module__}.{builder.__qualname__}"
