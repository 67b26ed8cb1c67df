"""Registration bursts, for the administrator's accounts page: many accounts registered within
minutes of each other, with how many never confirmed their address. Read only; the
suspension itself is in `services/suspension.py`."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import select

from ..core.clock import utcnow
from ..extensions import db
from .models import User

BURST_WINDOW = timedelta(minutes=10)
BURST_SIZE = 5  # this many registrations or more within the window is a burst
LOOK_BACK = timedelta(days=30)


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
