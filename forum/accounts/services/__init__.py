"""Account operations. Each takes its actor explicitly, flushes, and never commits."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.mail import send_after_commit
from ...core.text import clean
from ...core.urls import external_url
from ...extensions import db
from ...i18n import their_language
from .. import tokens
from ..models import User
from ..passwords import check_policy, hash_password, password_matches, spend_a_check

NAME_MAX = 80
NAME_MIN = 2
EMAIL_MAX = 254


def normalise_email(email: str | None) -> str:
    return (email or "").strip().lower()


def find_by_email(email: str) -> User | None:
    return db.session.scalar(select(User).where(User.email == normalise_email(email)))


def register(email: str, display_name: str, password: str) -> User | None:
    """Create an account and mail a confirmation link. Emails are unique ignoring case.

    An address that already has an account gets a notice instead, and the caller answers
    exactly as for a new one, after the same password hashing: nobody learns from the form
    (or its timing) whether an address is registered. Returns None in that case."""
    email = normalise_email(clean(email, "email", max_len=EMAIL_MAX))
    name = clean(display_name, "display_name", max_len=NAME_MAX, min_len=NAME_MIN)
    check_policy(password, email=email)
    existing = db.session.scalar(select(User).where(User.email == email))
    if existing is not None:
        hash_password(password)  # the work a new account costs
        link = external_url("accounts.forgot")
        with their_language(existing):
            send_after_commit(existing.email, _("Someone tried to register with your address"),
                 _("Hello %(name)s,\n\nsomeone (perhaps you) tried to create a Traza account with this address, "
                   "which already has one. If it was you, log in, or choose a new password here:\n%(link)s\n\n"
                   "If it was not you, ignore this message: nothing was changed.\n",
                   name=existing.display_name, link=link))
        return None
    user = User(email=email, display_name=name, password_hash=hash_password(password))
    db.session.add(user)
    trail.record("account.registered", user, actor=user)
    send_confirmation(user)
    return user


def send_confirmation(user: User) -> None:
    link = external_url("accounts.confirm", token=tokens.make_confirm_token(user))
    send_after_commit(user.email, _("Confirm your Traza account"),
         _("Hello %(name)s,\n\nconfirm your email address by opening this link:\n%(link)s\n",
           name=user.display_name, link=link))


def confirm_email(token: str) -> User:
    user = tokens.read_confirm_token(token)
    if user is None:
        raise DomainError(_l("This confirmation link is invalid or has expired."))
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
        trail.record("account.verified", user, actor=user)
    return user


def authenticate(email: str, password: str) -> User:
    """One message for unknown email and wrong password: no account enumeration."""
    user = find_by_email(email)
    if user is None:
        spend_a_check(password or "")  # the same work as a wrong password
    if user is None or not password_matches(user.password_hash, password or ""):
        raise DomainError(_l("Wrong email or password."), "password")
    if user.suspended_at is not None:  # said only to whoever knows the password
        raise DomainError(_l("This account is suspended by the platform: %(reason)s", reason=user.suspended_reason),
                          "email")
    return user


def check_password(user: User, password: str) -> User:
    if not password_matches(user.password_hash, password or ""):
        raise DomainError(_l("That is not your password."), "password")
    return user


def change_password(user: User, current: str, new: str) -> None:
    """Ends every other session. Not on the public trail: it is private account security."""
    if not password_matches(user.password_hash, current or ""):
        raise DomainError(_l("Your current password is not correct."), "current")
    check_policy(new, email=user.email, field="new")
    _set_password(user, new)


def request_password_reset(email: str) -> None:
    """Mails a link if the account exists; says nothing either way to the requester."""
    user = find_by_email(email)
    if user is None:
        return
    link = external_url("accounts.reset", token=tokens.make_reset_token(user))
    with their_language(user):
        send_after_commit(user.email, _("Reset your Traza password"),
             _("Hello %(name)s,\n\nto choose a new password open this link within one hour:\n%(link)s\n\n"
               "If you did not ask for it, ignore this message.\n", name=user.display_name, link=link))


def reset_password(token: str, new: str) -> User:
    user = tokens.read_reset_token(token)
    if user is None:
        raise DomainError(_l("This reset link is invalid, expired or already used."))
    check_policy(new, email=user.email, field="password")
    _set_password(user, new)
    return user


def _set_password(user: User, new: str) -> None:
    user.password_hash = hash_password(new)
    end_sessions(user)


def end_sessions(user: User) -> None:
    """Every session and remember-me cookie of this user stops working, copies included:
    they carry the version they were issued under (web._load_user checks it)."""
    user.auth_version += 1
    db.session.flush()


def choose_language(user: User, code: str) -> None:
    """Remember the language a person chose on their account, so mail reaches them in it.

    Deliberately not on the trail: the trail is public and forever, and which language a
    person reads is a private preference that decides nothing in any forum; writing it there
    would publish a fact about a person for no one's accountability. The caller checks the
    code against the languages offered (`config.LANGUAGES`)."""
    if user.locale != code:
        user.locale = code


def create_admin(email: str, password: str, display_name: str | None = None) -> User:
    """For the CLI: create a platform admin, or promote an existing account.

    The operator running the command vouches for the address, so it counts as confirmed.
    """
    user = find_by_email(email) or register(email, display_name or email.split("@")[0], password)
    if user is None:  # registered meanwhile by someone else: look again
        raise DomainError(_l("An account with this email already exists."), "email")
    if user.email_confirmed_at is None:
        user.email_confirmed_at = utcnow()
        trail.record("account.verified", user)
    if not user.is_admin:
        user.is_admin = True
        trail.record("account.admin_granted", user)
    return user
