"""Every rate limit in one table, applied by Flask-Limiter (the maintained Flask extension over
the `limits` library): per address, per account and per person, counted in Redis when the
deployment has one (so the limits hold across app processes) and in memory otherwise.

A login counts only its failures, so a person who types the password right is never slowed;
a refusal is a 429 page (JSON for the API) that says when to try again, with Retry-After.

Every other place a password is typed (re-authentication before a sensitive act, the password
change) shares one allowance per signed-in account, and only wrong passwords count: else a
stolen session cookie could guess the password there without meeting the login's limit."""
import logging
from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app, g, request
from flask_limiter import Limiter
from flask_login import current_user, logout_user
from limits import parse

from .core import security_log

log = logging.getLogger(__name__)

limiter = Limiter(key_func=lambda: address(), strategy="moving-window", headers_enabled=True)


def address() -> str:
    """The client's address (behind nginx, ProxyFix with TRAZA_PROXY_COUNT makes it the real one)."""
    return request.remote_addr or "unknown"


def person() -> str:
    return f"user:{current_user.get_id()}" if current_user.is_authenticated else f"addr:{address()}"


def _form_email() -> str:
    """The account a login or reset names, hashed: limits per target without storing addresses."""
    return "email:" + security_log.account_ref(request.form.get("email"))


def _failed(response) -> bool:
    return response.status_code >= 400


def _always(_response) -> bool:
    return True


def _signed_in_account() -> str:
    """The account and its sessions' version (User.get_id): when the sessions end, so does this
    allowance, and only someone who can log in again (knows the password) gets a new one."""
    return f"account:{current_user.get_id()}" if current_user.is_authenticated else f"addr:{address()}"


def password_refused() -> None:
    """Called by a view whose password check just failed: that answer uses up the allowance."""
    g.password_refused = True


def _password_refused(_response) -> bool:
    return g.get("password_refused", False)


def _end_sessions(_limit) -> None:
    """Over the limit of wrong passwords inside a signed-in session: whoever holds that session
    does not know its password, which is what a stolen cookie looks like. Every session of the
    account ends (copies of the cookie included), so guessing stops there; the owner logs in
    again — or resets a forgotten password — and loses only the other devices' sessions."""
    if not current_user.is_authenticated:
        return
    from .accounts.services import end_sessions
    from .core.views import run
    run(None, end_sessions, current_user._get_current_object())
    logout_user()
    security_log.event("sessions_ended", reason="too many wrong passwords")
    g.sessions_ended = True


@dataclass(frozen=True)
class Rule:
    limit: str  # a `limits` string, e.g. "10 per 15 minutes"
    key: Callable[[], str]
    counts: Callable = _always  # which answers use up the allowance
    shared: str | None = None  # one allowance for every endpoint with this scope
    on_breach: Callable | None = None


# Wrong passwords typed by a signed-in person, wherever they type one.
PASSWORD_TYPED = Rule("10 per 15 minutes", _signed_in_account, _password_refused, shared="password",
                      on_breach=_end_sessions)


# endpoint -> the limits on its POSTs. Numbers are generous for people and tight for scripts.
POSTS: dict[str, tuple[Rule, ...]] = {
    "accounts.login": (Rule("10 per 15 minutes", _form_email, _failed), Rule("50 per 15 minutes", address, _failed)),
    "accounts.reauth": (PASSWORD_TYPED,),
    "accounts.profile": (PASSWORD_TYPED,),
    "accounts.register": (Rule("10 per hour", address),),
    "accounts.forgot": (Rule("10 per hour", address), Rule("3 per hour", _form_email)),
    "accounts.resend_confirmation": (Rule("5 per hour", person),),
    "proposals.new": (Rule("10 per hour", person),),
    "proposals.comment": (Rule("30 per hour", person),),
    "proposals.respond": (Rule("120 per hour", person),),
    "proposals.endorse": (Rule("60 per hour", person),),
    "consultations.comment": (Rule("30 per hour", person),),
    "consultations.answer": (Rule("240 per hour", person),),
}
LIVE_EVENTS = parse("20 per 10 seconds")  # per person and session: more than a thumb can press


def api_limit() -> str:
    return current_app.config["API_RATE_LIMIT"]


def init_app(app) -> None:
    # When Redis goes away the counting falls back to each process's memory instead of
    # failing the request: a vote or a page must not depend on the rate limiter's store.
    app.config.setdefault("RATELIMIT_SWALLOW_ERRORS", True)
    app.config.setdefault("RATELIMIT_IN_MEMORY_FALLBACK_ENABLED", True)
    if not app.config.get("RATELIMIT_STORAGE_URI"):
        queue = app.config.get("SOCKETIO_MESSAGE_QUEUE") or ""
        app.config["RATELIMIT_STORAGE_URI"] = queue if queue.startswith("redis") else "memory://"
    limiter.init_app(app)
    for endpoint, rules in POSTS.items():
        view = app.view_functions.get(endpoint)
        if view is None:
            raise LookupError(f"rate limit for a missing endpoint: {endpoint}")
        for rule in rules:
            limit = limiter.shared_limit if rule.shared else limiter.limit
            view = limit(rule.limit, scope=rule.shared or f"{endpoint}:{rule.limit}", key_func=rule.key,
                         methods=["POST"], deduct_when=rule.counts, on_breach=rule.on_breach)(view)
        app.view_functions[endpoint] = view
    limiter.limit(api_limit, key_func=address)(app.blueprints["api"])


def allow_live_event(who: str, session_id: int) -> bool:
    """One live action more for this person in this session, or False when over the limit.
    If the counter store (Redis) is unreachable the action is allowed and the outage logged:
    the vote is recorded in the database either way."""
    try:
        return limiter.limiter.hit(LIVE_EVENTS, "live", who, str(session_id))
    except Exception:  # the storage's own errors (redis.ConnectionError…), whatever the backend
        log.warning("rate-limit store unreachable: live action allowed uncounted", exc_info=True)
        return True
