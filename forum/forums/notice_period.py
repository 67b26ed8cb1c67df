"""How much notice a forum promises: sessions are called, and consultations opened and
kept open, at least its minimum number of days ahead (14 unless the co-chairs set
another; OGP's standards expect information well in advance). Shorter is allowed when
the co-chair says so, and then said on the page and on the trail.

The one home of the notice clock (the other deadlines: `core/deadlines.py`): a notice of
D days given at t reaches t + D days, exactly; a session or period starting any earlier,
by a second, is short."""
from datetime import datetime, timedelta

from ..core.deadlines import elapsed, short_of

DEFAULT_DAYS = 14


def short_notice(forum, starts_at: datetime, announced_at: datetime) -> bool:
    """Announced less than the forum's minimum before it starts."""
    return short_of(elapsed(announced_at, starts_at), forum.session_notice_days)


def full_notice_from(forum, announced_at: datetime) -> datetime:
    """The earliest start announced at `announced_at` with the forum's full notice."""
    return announced_at + timedelta(days=forum.session_notice_days)


def short_period(forum, starts_at: datetime, ends_at: datetime) -> bool:
    """A consultation's period shorter than the same minimum."""
    return short_of(elapsed(starts_at, ends_at), forum.session_notice_days)
