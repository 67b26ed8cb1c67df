"""Traza: traceable, co-chaired multi-stakeholder forums."""
import os
import secrets
from pathlib import Path

from flask import Flask
from sqlalchemy import event
from sqlalchemy.engine import Engine

from . import config
from .extensions import csrf, db, login_manager, mail, migrate, socketio

HERE = Path(__file__).resolve().parent
MIGRATIONS = str(HERE / "migrations")


def _assets(name: str) -> str:
    """templates/ and static/ live at the top of a checkout and inside the package once
    installed from a wheel (setup.py maps them there)."""
    packaged = HERE / name
    return str(packaged if packaged.is_dir() else HERE.parent / name)


def create_app(test_config: dict | None = None) -> Flask:
    """Defaults, then instance/config.py, then TRAZA_* environment, then the caller's overrides."""
    app = Flask(__name__, instance_relative_config=True,
                instance_path=(test_config or {}).get("INSTANCE_PATH") or os.environ.get("TRAZA_INSTANCE_PATH"),
                template_folder=_assets("templates"), static_folder=_assets("static"))
    app.config.from_object(config.Config)
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    app.config.update(config.from_environ())
    if test_config:
        app.config.update(test_config)
    os.makedirs(app.instance_path, exist_ok=True)
    if not app.config["SQLALCHEMY_DATABASE_URI"]:
        app.config["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{os.path.join(app.instance_path, 'traza.db')}"
    from .dashboards import thresholds
    thresholds.check(app.config)  # refuse to start with an OGP threshold out of range
    from .dashboards import implementation
    implementation.check(app.config)  # and with an implementation-influence threshold out of range
    if app.config["PRODUCTION"]:
        _require_real_secret(app.config["SECRET_KEY"])
    if not app.config["SECRET_KEY"]:
        app.config["SECRET_KEY"] = _instance_secret(app.instance_path)
    _engine_options(app)

    db.init_app(app)
    migrate.init_app(app, db, directory=MIGRATIONS)
    csrf.init_app(app)
    mail.init_app(app)
    login_manager.init_app(app)
    from .sessions import sockets as _live  # noqa: F401  (handlers must exist before init_app)
    socketio.init_app(app, message_queue=app.config["SOCKETIO_MESSAGE_QUEUE"],
                      max_http_buffer_size=app.config["SOCKETIO_MAX_MESSAGE"],
                      async_mode=app.config["SOCKETIO_ASYNC_MODE"])

    from . import cli, i18n, pagecache, ratelimits, web
    from .core import assets
    assets.init_app(app)
    i18n.init_app(app)
    web.init_app(app)
    ratelimits.init_app(app)
    pagecache.init_app(app)  # after the limits: a remembered page is still counted
    cli.init_app(app)
    from .uploads import limits as upload_limits
    upload_limits.init_app(app)  # after web: its 413 page for uploads overrides web's
    from .voice import sheets
    sheets.init_app(app)  # who may read a workshop's sheet (a private document), handed to the uploads
    if app.config["PROXY_COUNT"]:
        from werkzeug.middleware.proxy_fix import ProxyFix
        n = app.config["PROXY_COUNT"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=n, x_proto=n, x_host=n)  # type: ignore[method-assign]
    _import_models()
    return app


def _import_models() -> None:
    from .accounts import models as _a  # noqa: F401
    from .commitments import models as _c  # noqa: F401
    from .consultations import models as _cn  # noqa: F401
    from .core import aftercommit as _ac  # noqa: F401  (session hooks)
    from .forums import models as _f  # noqa: F401
    from .inbox import mail as _im  # noqa: F401  (session hooks: mail what lands in inboxes)
    from .monitoring import models as _mo  # noqa: F401
    from .notifications import models as _n  # noqa: F401
    from .organisations import models as _o  # noqa: F401
    from .plans import models as _pl  # noqa: F401
    from .proposals import models as _p  # noqa: F401
    from .proposals import search as _s  # noqa: F401  (full-text index DDL)
    from .sessions import models as _se  # noqa: F401
    from .trail import models as _t  # noqa: F401
    from .uploads import models as _up  # noqa: F401
    from .voice import models as _v  # noqa: F401


WEAK_SECRETS = {"", "dev", "secret", "changeme", "change-me", "change me", "traza", "development", "test"}


def _require_real_secret(key) -> None:
    """In production every app process must sign sessions, CSRF tokens and unsubscribe links
    with one long, secret key, given in TRAZA_SECRET_KEY: say so and stop otherwise."""
    if not key:
        raise RuntimeError("TRAZA_ENV=production but TRAZA_SECRET_KEY is not set: every app process must share one "
                           "secret key (generate one with: python -c 'import secrets; print(secrets.token_hex(32))'). "
                           "Without it each process would make its own, and people would be logged out between them.")
    if str(key).strip().lower() in WEAK_SECRETS or len(str(key)) < 32:
        raise RuntimeError("TRAZA_SECRET_KEY is a default or too short (fewer than 32 characters): anyone could forge "
                           "sessions and links signed with it. Generate one with: "
                           "python -c 'import secrets; print(secrets.token_hex(32))'")


def _instance_secret(instance_path: str) -> str:
    """A per-installation key kept in instance/ (git-ignored), made on first start."""
    path = os.path.join(instance_path, "secret_key")
    if not os.path.exists(path):
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as fh:
            fh.write(secrets.token_hex(32))
    with open(path) as fh:
        return fh.read().strip()


def _engine_options(app: Flask) -> None:
    """SQLite: wait up to 30 s for the write lock instead of failing at once; PostgreSQL:
    survive a server restart between requests."""
    opts = dict(app.config.get("SQLALCHEMY_ENGINE_OPTIONS") or {})  # never mutate the class default
    if app.config["SQLALCHEMY_DATABASE_URI"].startswith("sqlite"):
        opts["connect_args"] = {"timeout": 30, **opts.get("connect_args", {})}
    else:
        opts.setdefault("pool_pre_ping", True)
    app.config["SQLALCHEMY_ENGINE_OPTIONS"] = opts


@event.listens_for(Engine, "connect")
def _sqlite_pragmas(dbapi_conn, _record):
    """WAL lets readers run beside the one writer; SQLite enforces foreign keys only if asked."""
    if type(dbapi_conn).__module__.startswith("sqlite3"):
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.close()
