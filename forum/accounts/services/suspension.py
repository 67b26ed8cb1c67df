"""Suspending an account a platform admin judges fake (a registration burst, a bot): the
person is logged out everywhere, cannot log in, and the reason is public on the trail;
reinstating is recorded the same way. Nothing they did is deleted: the record stays whole.
Bursts are found here too: many accounts registered within minutes of each other."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.text import clean
from ...extensions import db
from .. import policy
from ..models import User

REASON_MIN, REASON_MAX = 20, 2000
BURST_WINDOW = timedelta(minutes=10)
BURST_SIZE = 5  # this many registrations or more within the window is a burst
LOOK_BACK = timedelta(days=30)


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


@dataclass(frozen=True)
class Burst:
    start: datetime
    end: datetime
    users: list[User]

    @property
    def unconfirmed(self) -> int:
        return sum(u.email_confirmed_at is None for u in self.users)


def bursts(now: datetime | None = None) -> list[Burst]:
    """Runs of registrations where BURST_SIZE or more fall within BURST_WINDOW of the run's
    first, over the last LOOK_BACK; newest first. One query."""
    since = (now or utcnow()) - LOOK_BACK
    users = list(db.session.scalars(select(User).where(User.created_at >= since).order_by(User.created_at)))
    found: list[Burst] = []
    i = 0
    while i < len(users):
        j = i
        while j + 1 < len(users) and users[j + 1].created_at - users[i].created_at <= BURST_WINDOW:
            j += 1
        run = users[i:j + 1]
        if len(run) >= BURST_SIZE:
            # extend while each next one comes within the window of the previous: one burst, not several
            while j + 1 < len(users) and users[j + 1].created_at - users[j].created_at <= BURST_WINDOW:
                j += 1
            found.append(Burst(users[i].created_at, users[j].created_at, users[i:j + 1]))
            i = j + 1
        else:
            i += 1
    return list(reversed(found))
