"""Language choice: an explicit switch (remembered in a cookie and on the account), else
the browser's Accept-Language, else BABEL_DEFAULT_LOCALE: Spanish, as Traza's users are in Peru.
The switch itself is a page like any other, in accounts/language_routes.py."""
from contextlib import nullcontext
from datetime import UTC
from functools import lru_cache

from babel import dates
from flask import current_app, has_request_context, request
from flask_babel import force_locale, format_date, format_decimal, format_percent, get_locale, get_timezone
from flask_login import current_user

from .config import LANGUAGES
from .extensions import babel

COOKIE = "traza_lang"


def select_locale() -> str:
    default = current_app.config["BABEL_DEFAULT_LOCALE"]
    if not has_request_context():
        return default  # CLI and seeding: mail text in the users' main language
    chosen = request.cookies.get(COOKIE)
    if chosen in LANGUAGES:
        return chosen
    if current_user.is_authenticated and current_user.locale in LANGUAGES:
        return current_user.locale
    return request.accept_languages.best_match(LANGUAGES) or default


def when(value) -> str:
    """The one way a moment is written: in the platform's time zone (America/Lima), medium
    date, short time, and the zone named — "3 dic 2026, 10:00 (hora de Perú)". Exports
    and the API keep UTC (RFC 3339)."""
    if not value:
        return ""
    # Babel directly, with the locale and zone asked once: a report of 3,000 answered comments
    # writes 6,000 moments, and Flask-Babel's per-call lookups were most of its time.
    locale, zone = get_locale(), get_timezone()
    local = (value if value.tzinfo else value.replace(tzinfo=UTC)).astimezone(zone)
    return (f"{dates.format_date(local, 'medium', locale=locale)}, "
            f"{dates.format_time(local, 'short', locale=locale)} ({_zone_name(zone, locale)})")


def zone_name() -> str:
    """The zone as `when` names it ("hora de Perú"), for a script that writes moments itself."""
    return _zone_name(get_timezone(), get_locale())


@lru_cache(maxsize=32)
def _zone_name(zone, locale) -> str:
    return dates.get_timezone_location(zone, locale=locale)


def resolve(labels: dict) -> dict:
    """A table of lazy labels translated once, for a page that shows them thousands of times
    (each use of a lazy string asks Flask-Babel for the catalogue again)."""
    return {key: str(label) for key, label in labels.items()}


def day(value) -> str:
    """A calendar date (a milestone's deadline): no time, so no zone."""
    return format_date(value, "medium") if value else ""


def their_language(user):
    """Mail to an existing account is written in the language its owner chose, whoever
    caused it (another person's request, a timer); without a choice, the current one."""
    return force_locale(user.locale) if user.locale in LANGUAGES else nullcontext()


def init_app(app) -> None:
    babel.init_app(app, locale_selector=select_locale)
    app.jinja_env.globals["get_locale"] = get_locale
    app.jinja_env.filters["datetime"] = when
    app.jinja_env.filters["day"] = day
    app.jinja_env.filters["number"] = lambda v: format_decimal(v)
    app.jinja_env.filters["percent"] = lambda v: format_percent(v, "#,##0.#%")
