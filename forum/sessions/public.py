"""What a reader may see of a session's minutes: nothing until both co-chairs approved the
same text and it was published (`minutes.approve` is the one writer). Until then the draft
reaches its writers only (`state.draft`), never a page, a feed, the API or the archive.

`published(s)` and `published_sql()` are the one rule, in Python and SQL."""
from datetime import datetime

from sqlalchemy import ColumnElement

from .models import ForumSession


def published_at(s: ForumSession) -> datetime | None:
    """When the approved minutes were published, or None: not yet."""
    return s.minutes_published_at


def published(s: ForumSession) -> bool:
    return published_at(s) is not None


def published_sql() -> ColumnElement[bool]:
    return ForumSession.minutes_published_at.is_not(None)


def text(s: ForumSession) -> str | None:
    """The minutes as a reader sees them: the approved text, or None before."""
    return s.minutes if published(s) else None
