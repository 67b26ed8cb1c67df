"""Reading notifications, never writing them: the news a transaction gathered for the e-mails
(`told`), each line's sentence and link, and a person's unread count for the header. The
writers (`notify`, `mark_all_read`) are in `services/__init__.py`."""
from sqlalchemy import func, select

from ..core.urls import external_url
from ..extensions import db
from .models import Notification

TOLD = "traza_notifications_told"


def told(session) -> dict[int, list]:
    """Take this transaction's news, per recipient, as (sentence-maker, link) lines."""
    return session.info.pop(TOLD, {})


def line_for(describe, kind: str, title: str, params: dict, link: str):
    """(sentence-maker, link): the sentence is made later, in the recipient's locale."""
    return (lambda: describe(kind, title, params), link)


def link_for(n: Notification) -> str:
    if n.proposal_id:
        return external_url("proposals.show", proposal_id=n.proposal_id)
    if n.forum_id:
        return external_url("forums.show", forum_id=n.forum_id)
    return external_url("consultations.show", consultation_id=n.consultation_id)


def notes_key(user_id: int) -> str:
    """The version of a person's unread notifications (trail/versions.py's counters): moved in
    the transaction that adds one (`notify`) or marks them read (`mark_all_read`, not on the
    trail), so the header's count is remembered under it (forum/pagenav.py) and read with the
    page's versions, in the round trip a view makes anyway."""
    return f"notes:{user_id}"


def unread_count(user) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0
