"""E-mail for what lands in someone's inbox, as each person chose (inbox/preferences.py):
at once, in a daily digest, or not at all; in their own language; with a one-click
unsubscribe link.

Nothing here is called by the services: the trail entries a transaction writes are noted
at flush (`_collect`) and, before the commit, turned into news for the people concerned
(inbox/news.py), together with the news of their own inputs (notifications.queries.told).
Mail leaves only after the commit (core.aftercommit), so nobody is told of a rolled-back
change."""
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..core.aftercommit import on_commit
from ..core.clock import utcnow
from ..core.mail import send
from ..core.urls import external_url
from ..extensions import db
from ..notifications.queries import told
from ..trail.models import TrailEntry
from .labels import KINDS
from .news import NEWS, News, describe
from .preferences import unsubscribe_token
from .services import digest_sent

DIGEST_EVERY = timedelta(hours=20)  # a daily run that starts a little early still sends
_PENDING = "traza_inbox_news"


# -- collecting at flush, dispatching at commit -----------------------------------------

@event.listens_for(Session, "after_flush")
def _collect(session, flush_context):
    """Note this transaction's new trail entries (after_flush still lists what was new)."""
    fresh = [obj for obj in session.new if isinstance(obj, TrailEntry) and obj.action in NEWS]
    if fresh:
        session.info.setdefault(_PENDING, []).extend(fresh)


@event.listens_for(Session, "before_commit")
def _dispatch(session):
    """One mail per person per transaction, with everything new for them."""
    entries, news_of_inputs = session.info.pop(_PENDING, []), told(session)
    if not entries and not news_of_inputs:
        return
    by_user: dict[int, list] = defaultdict(list, news_of_inputs)
    for e in entries:
        for user_ids, news in NEWS[e.action](e):
            for uid in user_ids:
                if uid is not None and uid != e.actor_user_id and news not in by_user[uid]:
                    by_user[uid].append(news)
    letters = [_letter(u, by_user[u.id]) for u in _recipients(list(by_user), "immediate")]
    if letters:
        on_commit(_send_all, letters)


@event.listens_for(Session, "after_soft_rollback")
def _drop(session, previous_transaction):
    session.info.pop(_PENDING, None)
    told(session)


def _recipients(user_ids: list[int], frequency: str) -> list[User]:
    if not user_ids:
        return []
    return list(db.session.scalars(select(User).where(
        User.id.in_(user_ids), User.mail_frequency == frequency, User.email_confirmed_at.is_not(None),
        User.suspended_at.is_(None)).order_by(User.id)))


@dataclass(frozen=True)
class Letter:
    """What to send, read while the transaction is open: no SQL may run after the commit."""
    email: str
    name: str
    locale: str | None
    items: tuple
    token: str
    digest: bool = False


def _letter(user: User, items, digest: bool = False) -> Letter:
    return Letter(user.email, user.display_name, user.locale, tuple(items), unsubscribe_token(user), digest)


def _line(item) -> tuple[str, str]:
    if isinstance(item, News):
        return describe(item), external_url(item.endpoint, **item.args)
    sentence, link = item
    return sentence(), link


def _send_all(letters: list[Letter]) -> None:
    for letter in letters:
        with force_locale(letter.locale or current_app.config["BABEL_DEFAULT_LOCALE"]):
            lines = [_line(i) for i in letter.items]
            stop = external_url("inbox.unsubscribe", token=letter.token)
            if letter.digest:
                subject = ngettext("Traza: your daily digest (%(num)d item)",
                                   "Traza: your daily digest (%(num)d items)", len(lines))
            else:
                subject = _("Traza: %(what)s", what=lines[0][0]) if len(lines) == 1 else \
                    ngettext("Traza: %(num)d thing for you", "Traza: %(num)d things for you", len(lines))
            body = "\n\n".join([_("Hello %(name)s,", name=letter.name)] + [f"{s}\n{link}" for s, link in lines] + [
                _("Your inbox: %(link)s", link=external_url("inbox.index")),
                _("You get this e-mail because of your roles in Traza. Choose how often we write: %(prefs)s\n"
                  "Stop all these e-mails with one click: %(stop)s",
                  prefs=external_url("inbox.email"), stop=stop)])
            send(letter.email, subject, body + "\n", headers={
                "List-Unsubscribe": f"<{stop}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"})


# -- the daily digest ---------------------------------------------------------------------

def digest(now: datetime | None = None) -> int:
    """Queue the digest of everyone who chose it and was not sent one in the last day: what
    waits for them now (read from the inbox, so done things are gone) and the news about
    their own inputs since their last digest. Returns how many digests will leave."""
    from .notices import unread_since
    from .queries import for_user

    now = now or utcnow()
    people = [u for u in _recipients(list(db.session.scalars(select(User.id).where(
        User.mail_frequency == "daily"))), "daily")
        if u.digest_sent_at is None or u.digest_sent_at <= now - DIGEST_EVERY]
    letters = []
    for user in people:
        inbox = for_user(user, now)
        items = [News(i.kind, i.endpoint, i.args, {"title": i.title}) for i in inbox.to_do]
        items += unread_since(user, user.digest_sent_at or now - timedelta(days=1))
        digest_sent(user, now)
        if items:
            letters.append(_letter(user, [_digest_line(i) for i in items], digest=True))
    if letters:
        on_commit(_send_all, letters)
    return len(letters)


def _digest_line(item):
    """Inbox items are named by their kind's label and title; notifications come ready."""
    if isinstance(item, News):
        label, title, link = KINDS[item.kind], item.params["title"], external_url(item.endpoint, **item.args)
        return (lambda: f"{label}: {title}", link)
    return item
