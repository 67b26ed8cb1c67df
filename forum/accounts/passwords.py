"""Password policy and hashing (werkzeug's scrypt: memory-hard, no extra dependency)."""
from functools import cache
from importlib.resources import files

from flask_babel import lazy_gettext as _l
from werkzeug.security import check_password_hash, generate_password_hash

from ..core.errors import DomainError

MIN_LENGTH = 10
MAX_LENGTH = 200


@cache
def _common() -> frozenset[str]:
    text = files("forum.accounts").joinpath("common_passwords.txt").read_text("utf-8")
    return frozenset(line.strip().lower() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def check_policy(password: str, *, email: str = "", field: str = "password") -> None:
    if len(password) < MIN_LENGTH:
        raise DomainError(_l("Use at least %(n)d characters.", n=MIN_LENGTH), field)
    if len(password) > MAX_LENGTH:
        raise DomainError(_l("Use at most %(n)d characters.", n=MAX_LENGTH), field)
    lowered = password.lower()
    if lowered in _common() or len(set(lowered)) < 4:
        raise DomainError(_l("This password is too common; choose another."), field)
    if email and lowered == email.lower():
        raise DomainError(_l("Do not use your email address as password."), field)


def hash_password(password: str) -> str:
    return generate_password_hash(password, method="scrypt")


def password_matches(hashed: str, password: str) -> bool:
    return check_password_hash(hashed, password)


_DUMMY: dict[str, str] = {}


def spend_a_check(password: str) -> None:
    """Check a password against a throwaway hash of the same kind, so answering "no such
    account" takes as long as "wrong password" and timing does not tell which addresses
    have accounts. The hash is made once per process, with the same method and cost as
    real ones (tests that lower the cost lower this one too)."""
    if "hash" not in _DUMMY:
        _DUMMY["hash"] = hash_password("not a real password: timing only")
    password_matches(_DUMMY["hash"], password)
