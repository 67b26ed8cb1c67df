"""Telling people what happened to a proposal they submitted or follow: in the app, and by
e-mail in their own language once the change is committed."""
import json

from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import func, select, update

from ..accounts.models import User
from ..core.aftercommit import on_commit
from ..core.clock import utcnow
from ..core.mail import send
from ..core.urls import external_url
from ..extensions import db
from .models import Notification


def notify(user_ids, kind: str, subject, params: dict | None = None, actor=None, *, describe) -> None:
    """One notification per recipient (never the person who acted), mailed after commit.
    The subject is the proposal or consultation the news is about; `describe(kind, title,
    params)` is the sending area's sentence for it (its `notices.describe`), said in each
    recipient's language when the mail leaves."""
    recipients = sorted(set(user_ids) - {actor.id if actor is not None else None})
    column, endpoint = _about(subject)
    for uid in recipients:
        note = Notification(user_id=uid, kind=kind, **{column: subject.id},
                            params=json.dumps(params or {}), created_at=utcnow())
        db.session.add(note)
    if recipients:
        db.session.flush()
        # Read addresses now: no SQL may run once the transaction has committed.
        people = db.session.execute(select(User.email, User.display_name, User.locale)
                                    .where(User.id.in_(recipients))).all()
        link = external_url(endpoint, **{column: subject.id})
        on_commit(_mail, [tuple(p) for p in people], kind, link, subject.title, params or {}, describe)


def _about(subject) -> tuple[str, str]:
    """The notification column and the page for a subject."""
    if subject.__trail_type__ == "consultation":
        return "consultation_id", "consultations.show"
    return "proposal_id", "proposals.show"


def _mail(people, kind, link, title, params, describe) -> None:
    for email, name, locale in people:
        with force_locale(locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
            text = describe(kind, title, params)
            send(email, _("Traza: %(what)s", what=text),
                 _("Hello %(name)s,\n\n%(what)s\n\n%(link)s\n\nYou get this because you submitted or "
                   "follow it, or took part in it.\n", name=name, what=text, link=link))


def unread_count(user) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def mark_all_read(user) -> None:
    db.session.execute(update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)).values(read_at=utcnow()))
