"""The one rule every deadline follows: "answered within D days".

Something started at `start` (a proposal submitted, a consultation's period ended) is due at
`start + D days`, exactly. It is late once a whole second past that: time is counted in whole
seconds, the resolution of the stored response time (`proposals.response_seconds`), so that
"waiting past the deadline" (read from the clock now) and "answered late" (read from the
stored seconds) change at the same instant, and the SQL counts agree with the Python answer
to the microsecond. An answer given at exactly D days is on time: that is what "within D
days" promises, and what a reader checking the dates by hand expects.

Days late are rounded up (a second late is "1 day late"): a page never says "0 days late"
of something it marks late. Days left are the whole days still to go (rounded down), so
"0 days left" is the last day.

The areas define their own clocks on this rule, and nothing else computes one:
`proposals/deadlines.py` (the reasoned response, and what "still waiting" means),
`consultations/deadlines.py` (answers to a consultation's comments) and `forums/notice_period.py`
(the notice before a session or a consultation, and a consultation's period).
`tests/core/test_deadlines.py` walks the code for any other.
"""
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

DAY = 86400  # seconds
SECOND = timedelta(seconds=1)


def elapsed(start: datetime, end: datetime) -> int:
    """Whole seconds from start to end (rounded down), exactly as `response_seconds` is stored."""
    return (end - start) // SECOND


def limit(days: int) -> int:
    """The seconds a deadline of `days` allows."""
    return days * DAY


def late_after(seconds: int, days: int) -> bool:
    """Past a deadline of `days`, after `seconds` of waiting."""
    return seconds > limit(days)


def days_late(seconds: int, days: int) -> int | None:
    """Whole days past the deadline, rounded up; None when within it."""
    if not late_after(seconds, days):
        return None
    return -(-(seconds - limit(days)) // DAY)


def days_left(seconds: int, days: int) -> int | None:
    """Whole days still to go, rounded down; None once late."""
    return None if late_after(seconds, days) else (limit(days) - seconds) // DAY


def short_of(seconds: int, days: int) -> bool:
    """Less than the whole period: a notice of `days` days not given in full."""
    return seconds < limit(days)


def late_sql(start_column, days: int, now: datetime):
    """The same as `Clock(start, days).late(now)`, as a condition on a column: late means
    start <= now − D days − 1 s (one bound parameter, so an index on the column serves it)."""
    return start_column <= now - timedelta(days=days) - SECOND


def late_seconds_sql(seconds_column, days: int):
    """The same as `late_after(seconds, days)`, on a column of stored seconds."""
    return seconds_column > limit(days)


@dataclass(frozen=True)
class Clock:
    """One running deadline: started at `start`, due `days` days later."""

    start: datetime
    days: int

    @property
    def due(self) -> datetime:
        return self.start + timedelta(days=self.days)

    @property
    def late_from(self) -> datetime:
        """The first instant it is late: where a page showing it changes by the clock alone."""
        return self.due + SECOND

    @property
    def steps(self) -> list[datetime]:
        """Every instant a page showing it changes by the clock alone while it runs: "N days
        left" drops a whole second past each whole day (so the first drop is one second after
        the start), and it turns late at `late_from`."""
        return [self.start + timedelta(days=j) + SECOND for j in range(self.days)] + [self.late_from]

    def late(self, at: datetime) -> bool:
        """Late at `at`: overdue if `at` is now, answered late if `at` is when it was answered."""
        return late_after(elapsed(self.start, at), self.days)

    def days_late(self, at: datetime) -> int | None:
        return days_late(elapsed(self.start, at), self.days)

    def days_left(self, now: datetime) -> int | None:
        return days_left(elapsed(self.start, now), self.days)


def upcoming(instants: Iterable[datetime], after: datetime | None) -> list[datetime]:
    """The instants later than `after` (all of them when it is None): the page cache needs
    only those still to come (forum/pagecache.boundaries)."""
    return list(instants) if after is None else [m for m in instants if m > after]
