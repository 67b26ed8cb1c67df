"""What the commitment page shows of civil society's part in implementation, read in a
fixed number of statements: the co-monitor and their appointments, each update's state, the
completion as civil society sees it, and the neglect flag."""
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ..accounts.models import User
from ..extensions import db
from ..forums.models import Seat
from ..organisations.models import MemberStatus, Organisation, OrgKind, OrgMembership
from . import deadlines, queries
from .models import CoMonitor


@dataclass(frozen=True)
class View:
    appointments: list[CoMonitor]
    states: dict[int, queries.UpdateState]
    standing: str | None
    neglected_since: datetime | None
    window_days: int
    neglect_days: int
    is_monitor: bool  # the person reading is the current co-monitor: may confirm or contest
    answers: bool  # the person reading is on the State's side: may answer contests

    @property
    def monitor(self) -> CoMonitor | None:
        return self.appointments[-1] if self.appointments else None


def build(commitment, latest: dict, history: list, now: datetime, *, is_me: Callable[[int], bool],
          answers: Callable[[], bool]) -> View:
    """The buttons it offers are the services' own rules read once for the page (who the
    person is), not per update; each act still asks its predicate. What it asks about its
    reader — are they the co-monitor (`is_me(user_id)`), do they answer for the State
    (`answers()`) — the page asks through forum/pageasks.py, so one build is shared between
    readers who answer the same."""
    states = queries.states(history, now)
    judged = {uid: s.verdict.verdict for uid, s in states.items() if s.verdict is not None}
    appointments = queries.monitors(commitment.id)
    return View(appointments, states,
                queries.standing(latest, judged) if commitment.adopted else None,
                queries.neglected([commitment.forum_id], now, commitment.id).get(commitment.id),
                deadlines.window_days(), deadlines.neglect_days(),
                is_monitor=bool(appointments) and is_me(appointments[-1].user_id),
                answers=commitment.adopted is not None and answers())


def candidates(forum) -> list[tuple[str, str]]:
    """("user:organisation", label) of everyone who may be appointed: approved members of the
    civil-society organisations seated in the forum, in one statement."""
    seated = select(Seat.organisation_id).where(Seat.forum_id == forum.id, Seat.ended_at.is_(None))
    rows = db.session.execute(select(User.id, User.display_name, Organisation.id, Organisation.name)
                              .join(OrgMembership, OrgMembership.user_id == User.id)
                              .join(Organisation, Organisation.id == OrgMembership.organisation_id)
                              .where(Organisation.kind == OrgKind.CIVIL_SOCIETY,
                                     OrgMembership.status == MemberStatus.APPROVED,
                                     Organisation.id.in_(seated))
                              .order_by(Organisation.name, User.display_name))
    return [(f"{uid}:{oid}", f"{name} ({org})") for uid, name, oid, org in rows]
