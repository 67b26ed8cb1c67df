"""Signed, time-limited links for e-mail confirmation and password reset.

A reset token embeds a fingerprint of the current password hash: once the password
changes the fingerprint no longer matches, so each link works exactly once.
"""
import hashlib

from flask import current_app
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer

from ..extensions import db
from .models import User


def _serializer(purpose: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt=f"traza.{purpose}")


def _fingerprint(user: User) -> str:
    return hashlib.sha256(user.password_hash.encode()).hexdigest()[:16]


def make_reset_token(user: User) -> str:
    return _serializer("reset").dumps({"u": user.id, "f": _fingerprint(user)})


def make_confirm_token(user: User) -> str:
    return _serializer("confirm").dumps({"u": user.id, "e": user.email})


def read_reset_token(token: str) -> User | None:
    data = _load("reset", token, current_app.config["PASSWORD_RESET_MAX_AGE"])
    if not data:
        return None
    user = db.session.get(User, data.get("u"))
    return user if user is not None and data.get("f") == _fingerprint(user) else None


def read_confirm_token(token: str) -> User | None:
    data = _load("confirm", token, current_app.config["EMAIL_CONFIRM_MAX_AGE"])
    if not data:
        return None
    user = db.session.get(User, data.get("u"))
    return user if user is not None and data.get("e") == user.email else None


def _load(purpose: str, token: str, max_age: int) -> dict | None:
    try:
        data = _serializer(purpose).loads(token, max_age=max_age)
    except (SignatureExpired, BadSignature):
        return None
    return data if isinstance(data, dict) else None
