"""How much notice a forum promises: sessions are called, and consultations opened and
kept open, at least its minimum number of days ahead (14 unless the co-chairs set
another; OGP's standards expect information well in advance). Shorter is allowed when
the co-chair says so, and then said on the page and on the trail."""
from datetime import datetime, timedelta

DEFAULT_DAYS = 14


def minimum(forum) -> timedelta:
    return timedelta(days=forum.session_notice_days)


def short_notice(forum, starts_at: datetime, announced_at: datetime) -> bool:
    return starts_at - announced_at < minimum(forum)


def short_period(forum, starts_at: datetime, ends_at: datetime) -> bool:
    return ends_at - starts_at < minimum(forum)
