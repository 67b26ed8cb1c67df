"""How often a person wants to hear of what waits for them, and the one-click link that
stops it. Preferences are private settings, not decisions, so they are not on the trail.
A link names the choice it was mailed under (`mail_generation`): once the choice changes
— the link was used, or the person chose again — the old link does nothing, and says so."""
from flask import current_app
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..accounts.models import User
from ..core.errors import DomainError
from ..extensions import db

FREQUENCIES = {"immediate": _l("At once, one e-mail per change"),
               "daily": _l("One daily digest"),
               "none": _l("No e-mail (the inbox still shows everything)")}


def set_frequency(user: User, value) -> None:
    if value not in FREQUENCIES:
        raise DomainError(_l("Choose one of the options shown."), "frequency")
    if value != user.mail_frequency:
        user.mail_frequency = value
        user.mail_generation += 1  # links mailed before this change no longer act


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="traza.unsubscribe")


def unsubscribe_token(user: User) -> str:
    return _serializer().dumps({"u": user.id, "g": user.mail_generation})


def read_unsubscribe(token: str) -> tuple[str, User | None]:
    """("ok", user), or why not: "forged" (not ours or altered), "expired", or "used" (the
    choice changed since the link was mailed: it was used, or the person chose again)."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["UNSUBSCRIBE_MAX_AGE"])
    except SignatureExpired:
        return "expired", None
    except BadSignature:
        return "forged", None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return "forged", None
    user = db.session.get(User, data["u"])
    if user is None:
        return "forged", None
    return ("ok" if data.get("g") == user.mail_generation else "used"), user


def unsubscribe(token: str) -> User:
    status, user = read_unsubscribe(token)
    if status != "ok" or user is None:
        raise DomainError(REFUSED[status])
    set_frequency(user, "none")
    return user


REFUSED = {
    "forged": _l("This link is not valid: it was altered or did not come from us. "
                 "Sign in to choose which e-mail you get."),
    "expired": _l("This link has expired. Sign in to choose which e-mail you get."),
    "used": _l("This link was already used, or your choice changed since it was sent. "
               "Nothing was changed. Sign in to see or change your choice."),
}
