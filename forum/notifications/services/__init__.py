"""Telling people what happened to something they submitted, follow or took part in: in the
app, and by e-mail as each chose (inbox/mail.py), in their own language, once committed."""
import json

from sqlalchemy import insert, update

from ...core.clock import utcnow
from ...core.urls import external_url
from ...extensions import db
from ...trail import versions
from ..models import Notification
from ..queries import TOLD, line_for, notes_key


def notify(user_ids, kind: str, subject, params: dict | None = None, actor=None, *, describe) -> None:
    """One notification per recipient (never the person who acted). The subject is the
    proposal or consultation the news is about; `describe(kind, title, params)` is its
    area's sentence (`notices.describe`), said in each recipient's language when the mail
    is written. The mail itself is the inbox's business (inbox/mail.py takes `told`)."""
    recipients = sorted(set(user_ids) - {actor.id if actor is not None else None})
    column, endpoint = _about(subject)
    if recipients:
        # One INSERT of every row (up to versions.ROWS) and one bump of every count, not two
        # statements per recipient: a forum-wide act tells every member.
        db.session.flush()
        row = {"kind": kind, column: subject.id, "params": json.dumps(params or {}), "created_at": utcnow()}
        for start in range(0, len(recipients), versions.ROWS):
            db.session.execute(insert(Notification).values(
                [{"user_id": uid, **row} for uid in recipients[start:start + versions.ROWS]]))
        versions.bump({notes_key(uid) for uid in recipients})  # the header's count (pagenav)
        line = line_for(describe, kind, subject.title, params or {}, external_url(endpoint, **{column: subject.id}))
        told = db.session().info.setdefault(TOLD, {})
        for uid in recipients:
            told.setdefault(uid, []).append(line)


def _about(subject) -> tuple[str, str]:
    """The notification column and the page for a subject."""
    if subject.__trail_type__ == "consultation":
        return "consultation_id", "consultations.show"
    if subject.__trail_type__ == "forum":
        return "forum_id", "forums.show"
    return "proposal_id", "proposals.show"


def mark_all_read(user) -> None:
    db.session.execute(update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)).values(read_at=utcnow()))
    versions.bump({notes_key(user.id)})  # the header's count (pagenav): not on the trail, moved here
