"""Suspending an account a platform admin judges fake (a registration burst, a bot): the
person is logged out everywhere, cannot log in, and the reason is public on the trail;
reinstating is recorded the same way. Nothing they did is deleted: the record stays whole.
Bursts are found here too: many accounts registered within minutes of each other."""

from flask_babel import lazy_gettext as _l

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.text import clean
from .. import policy
from ..models import User

REASON_MIN, REASON_MAX = 20, 2000


def suspend(actor, user: User, reason: str) -> User:
    policy.may_suspend(actor, user).require()
    if user.suspended_at is not None:
        raise DomainError(_l("This account is already suspended."))
    reason = clean(reason, "reason", max_len=REASON_MAX, min_len=REASON_MIN)
    user.suspended_at, user.suspended_reason = utcnow(), reason
    user.auth_version += 1  # every open session and remember-me cookie stops working
    trail.record("account.suspended", user, actor=actor, payload={"reason": reason})
    return user


def reinstate(actor, user: User, reason: str) -> User:
    policy.may_suspend(actor, user).require()
    if user.suspended_at is None:
        raise DomainError(_l("This account is not suspended."))
    reason = clean(reason, "reason", max_len=REASON_MAX, min_len=REASON_MIN)
    user.suspended_at, user.suspended_reason = None, None
    trail.record("account.reinstated", user, actor=actor, payload={"reason": reason})
    return user
