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


def notify(user_ids, kind: str, subject, params: dict | None = None, actor=None) -> None:
    """One notification per recipient (never the person who acted), mailed after commit.
    The subject is the proposal or consultation the news is about."""
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
        on_commit(_mail, [tuple(p) for p in people], kind, link, subject.title, params or {})


def _about(subject) -> tuple[str, str]:
    """The notification column and the page for a subject."""
    if subject.__trail_type__ == "consultation":
        return "consultation_id", "consultations.show"
    return "proposal_id", "proposals.show"


def _mail(people, kind, link, title, params) -> None:
    for email, name, locale in people:
        with force_locale(locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
            text = describe(kind, title, params)
            send(email, _("Traza: %(what)s", what=text),
                 _("Hello %(name)s,\n\n%(what)s\n\n%(link)s\n\nYou get this because you submitted or "
                   "follow it, or took part in it.\n", name=name, what=text, link=link))


def describe(kind: str, title: str, params: dict) -> str:
    """The sentence for a notification, in the current locale."""
    from ..proposals.labels import outcome_labels
    if kind == "response":
        outcome = str(outcome_labels().get(params.get("outcome"), params.get("outcome")))
        if params.get("revision", 1) > 1:
            return _("The response to “%(title)s” was revised: %(outcome)s.", title=title, outcome=outcome)
        return _("“%(title)s” received a response: %(outcome)s.", title=title, outcome=outcome)
    if kind == "merged":
        return _("“%(title)s” was merged into “%(into)s”.", title=title, into=params.get("into_title", ""))
    if kind == "comment":
        return _("“%(title)s” received a new comment.", title=title)
    if kind == "progress":
        from ..commitments.labels import level_labels
        level = str(level_labels().get(params.get("level"), params.get("level")))
        return _("A commitment shaped by “%(title)s” reports progress on milestone %(n)s: %(level)s.",
                 title=title, n=params.get("milestone"), level=level)
    if kind == "consultation_answer":
        from ..consultations.labels import answer_labels
        outcome = str(answer_labels().get(params.get("outcome"), params.get("outcome")))
        return _("Your comment on the consultation “%(title)s” was answered: %(outcome)s.",
                 title=title, outcome=outcome)
    if kind == "consultation_report":
        return _("The consultation “%(title)s” is concluded: its report shows how every comment was answered.",
                 title=title)
    return title


def unread_count(user) -> int:
    return db.session.scalar(select(func.count()).select_from(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None))) or 0


def mark_all_read(user) -> None:
    db.session.execute(update(Notification).where(
        Notification.user_id == user.id, Notification.read_at.is_(None)).values(read_at=utcnow()))
