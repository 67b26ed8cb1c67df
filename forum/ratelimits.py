"""Every rate limit in one table, applied by Flask-Limiter (the maintained Flask extension over
the `limits` library): per address, per account and per person, counted in Redis when the
deployment has one (so the limits hold across app processes) and in memory otherwise.

A login counts only its failures, so a person who types the password right is never slowed;
a refusal is a 429 page (JSON for the API) that says when to try again, with Retry-After."""
import logging
from collections.abc import Callable
from dataclasses import dataclass

from flask import current_app, request
from flask_limiter import Limiter
from flask_login import current_user
from limits import parse

from .core.security_log import account_ref

log = logging.getLogger(__name__)

limiter = Limiter(key_func=lambda: address(), strategy="moving-window", headers_enabled=True)


def address() -> str:
    """The client's address (behind nginx, ProxyFix with TRAZA_PROXY_COUNT makes it the real one)."""
    return request.remote_addr or "unknown"


def person() -> str:
    return f"user:{current_user.get_id()}" if current_user.is_authenticated else f"addr:{address()}"


def _form_email() -> str:
    """The account a login or reset names, hashed: limits per target without storing addresses."""
    return "email:" + account_ref(request.form.get("email"))


def _failed(response) -> bool:
    return response.status_code >= 400


def _always(_response) -> bool:
    return True


@dataclass(frozen=True)
class Rule:
    limit: str  # a `limits` string, e.g. "10 per 15 minutes"
    key: Callable[[], str]
    counts: Callable = _always  # which answers use up the allowance


# endpoint -> the limits on its POSTs. Numbers are generous for people and tight for scripts.
POSTS: dict[str, tuple[Rule, ...]] = {
    "accounts.login": (Rule("10 per 15 minutes", _form_email, _failed), Rule("50 per 15 minutes", address, _failed)),
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
            view = limiter.limit(rule.limit, key_func=rule.key, methods=["POST"], deduct_when=rule.counts,
                                 scope=f"{endpoint}:{rule.limit}")(view)
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
