"""Defaults. ``instance/config.py`` and environment variables override them."""
import os
from typing import Any

LANGUAGES = ("es", "en")


class Config:
    SQLALCHEMY_DATABASE_URI = None  # set in create_app: sqlite file under instance/
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}
    SECRET_KEY = None  # create_app loads or creates instance/secret_key

    # Cookies: HttpOnly and SameSite always; Secure unless explicitly running plain-HTTP locally.
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    SESSION_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_SECURE = True
    PERMANENT_SESSION_LIFETIME = 60 * 60 * 24 * 14

    WTF_CSRF_TIME_LIMIT = None  # token lives as long as the session; forms left open stay usable

    BABEL_DEFAULT_LOCALE = "es"
    BABEL_DEFAULT_TIMEZONE = "America/Lima"

    # "outbox" writes .eml files to instance/outbox/; "smtp" sends through Flask-Mail.
    MAIL_BACKEND = "outbox"
    MAIL_DEFAULT_SENDER = "Traza <no-reply@traza.local>"
    PASSWORD_RESET_MAX_AGE = 60 * 60  # seconds
    UNSUBSCRIBE_MAX_AGE = 180 * 24 * 3600  # an unsubscribe link in an old mail still works for half a year
    EMAIL_CONFIRM_MAX_AGE = 60 * 60 * 24 * 3

    SOCKETIO_MESSAGE_QUEUE = None  # redis://... when several app processes run
    SOCKETIO_MAX_MESSAGE = 200_000  # bytes per Socket.IO message; bigger ones are dropped by Engine.IO

    PUBLIC_URL = "http://127.0.0.1:5000"  # for links in mail sent outside a request

    PAGE_SIZE = 25
    # Civil society in implementation (forum/monitoring): days the co-monitor has to confirm
    # or contest a progress update, days the State's side has to answer a contest, and days
    # without a civil-society act after which a commitment is flagged as neglected.
    MONITOR_WINDOW_DAYS = 15
    CONTEST_ANSWER_DAYS = 30
    NEGLECT_DAYS = 90

    # The largest request body accepted (forms, cosignatures): beyond it a 413 page says so.
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    # The largest document accepted (forum/uploads): views marked accepts_upload allow this much.
    UPLOAD_MAX_BYTES = 20 * 1024 * 1024

    # The log's name in its signed checkpoints (C2SP: a schema-less URL that is the log's own).
    # None: PUBLIC_URL without its scheme, + /trail (trail/checkpoints.origin). A log that
    # already signed checkpoints must keep its origin: set it explicitly before changing
    # PUBLIC_URL.
    TRAIL_ORIGIN: str | None = None
    # A checkpoint is signed with the first entry written this many minutes after the last
    # one (0: only `flask trail checkpoint`, e.g. from a timer).
    TRAIL_CHECKPOINT_MINUTES = 10

    # Open data: the licence of the published content (shown in every page footer, the
    # archives, the feeds and the API description) and how old an archive may grow while the
    # trail moves on before a download rebuilds it (`flask opendata build` does it on a timer).
    CONTENT_LICENSE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0 International",
                       "path": "https://creativecommons.org/licenses/by/4.0/"}
    OPENDATA_MAX_AGE_MINUTES = 60

    # Rate limits (forum/ratelimits.py): counted in Redis when SOCKETIO_MESSAGE_QUEUE is a
    # redis:// URL (or RATELIMIT_STORAGE_URI says where), in memory otherwise.
    RATELIMIT_STORAGE_URI = None
    # Named, not detected: Flask-SocketIO would switch to gevent or eventlet merely because
    # the package is installed, under a threaded server that never patched for it
    # (docs/deploy.md, "Async mode"). TRAZA_ASYNC_MODE=gevent with gunicorn -k gevent.
    SOCKETIO_ASYNC_MODE = "threading"
    API_RATE_LIMIT = "300 per minute"
    # How many proxies (nginx) stand in front of the app: their X-Forwarded-For is trusted
    # that many hops deep, so limits count the client's address, not the proxy's.
    PROXY_COUNT = 0

    # Pages for visitors without an account are remembered per process until the trail moves,
    # and for at most this many seconds (forum/pagecache.py says what it trades; 0: off). A
    # minute: what the clock changes is keyed on its boundaries, and a copy past its seconds is
    # rebuilt off the readers' path; only a day count's wording and SQL typed by hand lag.
    PAGE_CACHE_SECONDS = 60
    PAGE_CACHE_BYTES = 64 * 1024 * 1024
    PAGE_CACHE_BY_HEAD = False  # True: every page keyed on the trail head, as before forum/pagedeps.py (bench)

    # TRAZA_ENV=production: refuse to start without a real TRAZA_SECRET_KEY (create_app says
    # why), since a key made per host would log people out between app processes.
    PRODUCTION = False

    # OGP minimum requirements left to each country (dashboards/thresholds.py checks the range).
    MINREQ_CHANNEL_DAYS = 14
    MINREQ_REVIEWS_PER_YEAR = 2
    # The IAP2 level of the implementation phase, in percent (dashboards/implementation.py states
    # the rule and checks the ranges).
    IAP2_IMPL_ANSWERED_PCT = 80
    IAP2_IMPL_MONITORED_PCT = 50
    IAP2_IMPL_VERIFIED_PCT = 50
    IAP2_IMPL_ON_TIME_PCT = 80
    IAP2_IMPL_NEGLECTED_PCT = 10


def from_environ() -> dict[str, Any]:
    """Settings a deployment passes as TRAZA_* environment variables."""
    out: dict[str, Any] = {}
    if url := os.environ.get("TRAZA_DATABASE_URL"):
        out["SQLALCHEMY_DATABASE_URI"] = url
    if key := os.environ.get("TRAZA_SECRET_KEY"):
        out["SECRET_KEY"] = key
    if url := os.environ.get("TRAZA_PUBLIC_URL"):
        out["PUBLIC_URL"] = url
    if mq := os.environ.get("TRAZA_MESSAGE_QUEUE"):
        out["SOCKETIO_MESSAGE_QUEUE"] = mq
    if origin := os.environ.get("TRAZA_TRAIL_ORIGIN"):
        out["TRAIL_ORIGIN"] = origin
    if minutes := os.environ.get("TRAZA_TRAIL_CHECKPOINT_MINUTES"):
        out["TRAIL_CHECKPOINT_MINUTES"] = int(minutes)
    if storage := os.environ.get("TRAZA_RATELIMIT_STORAGE"):
        out["RATELIMIT_STORAGE_URI"] = storage
    if mode := os.environ.get("TRAZA_ASYNC_MODE"):
        out["SOCKETIO_ASYNC_MODE"] = mode
    if api_limit := os.environ.get("TRAZA_API_RATE_LIMIT"):  # a `limits` string, e.g. "300 per minute"
        out["API_RATE_LIMIT"] = api_limit
    if seconds := os.environ.get("TRAZA_PAGE_CACHE_SECONDS"):
        out["PAGE_CACHE_SECONDS"] = int(seconds)
    if os.environ.get("TRAZA_PAGE_CACHE_BY_HEAD"):
        out["PAGE_CACHE_BY_HEAD"] = True
    if proxies := os.environ.get("TRAZA_PROXY_COUNT"):
        out["PROXY_COUNT"] = int(proxies)
    if licence := os.environ.get("TRAZA_CONTENT_LICENSE"):  # "SPDX-id|title|url"
        name, _, rest = licence.partition("|")
        title, _, path = rest.partition("|")
        out["CONTENT_LICENSE"] = {"name": name, "title": title or name, "path": path}
    if os.environ.get("TRAZA_ENV") == "production":
        out["PRODUCTION"] = True
    if os.environ.get("TRAZA_INSECURE_COOKIES") == "1":
        out["SESSION_COOKIE_SECURE"] = out["REMEMBER_COOKIE_SECURE"] = False
    return out
