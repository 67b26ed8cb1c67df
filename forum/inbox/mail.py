"""E-mail for what lands in someone's inbox, as each person chose: at once, in a daily
digest, or not at all; in their own language; with a one-click unsubscribe link.

Nothing here is called by the services: whatever a transaction writes to the trail is
read at commit time (`_collect`, `_dispatch`), and `NEWS` says, per trail action, who has
something new waiting and what. So a new rule of "who must act" is written in the inbox
(queries.py, for the page) and here (for the mail), never inside the areas that act.
Mail leaves only after the commit (core.aftercommit), so nobody is told of a rolled-back
change. Preferences are private settings, not decisions, so they are not on the trail."""
import json
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from ..accounts.models import User
from ..commitments.models import Commitment, CommitmentVersion
from ..core.aftercommit import on_commit
from ..core.clock import utcnow
from ..core.errors import DomainError
from ..core.lookup import get_row
from ..core.mail import send
from ..core.urls import external_url
from ..extensions import db
from ..forums.models import Seat, SeatRole
from ..i18n import when
from ..notifications.services import told
from ..organisations.models import MemberStatus, Organisation, OrgMembership
from ..proposals.models import Proposal
from ..sessions.models import ForumSession
from ..trail.models import TrailEntry
from .labels import KINDS

FREQUENCIES = {"immediate": _l("At once, one e-mail per change"),
               "daily": _l("One daily digest"),
               "none": _l("No e-mail (the inbox still shows everything)")}
DIGEST_EVERY = timedelta(hours=20)  # a daily run that starts a little early still sends
_PENDING = "traza_inbox_news"


@dataclass(frozen=True)
class News:
    kind: str
    endpoint: str
    args: dict
    params: dict = field(default_factory=dict)


# -- preferences and the unsubscribe link ---------------------------------------------

def set_frequency(user: User, value) -> None:
    if value not in FREQUENCIES:
        raise DomainError(_l("Choose one of the options shown."), "frequency")
    if value != user.mail_frequency:
        user.mail_frequency = value
        user.mail_generation += 1  # links mailed before this change no longer act


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="traza.unsubscribe")


def unsubscribe_token(user: User) -> str:
    return _serializer().dumps({"u": user.id, "g": user.mail_generation})


def read_unsubscribe(token: str) -> tuple[str, User | None]:
    """("ok", user), or why not: "forged" (not ours or altered), "expired", or "used" (the
    choice changed since the link was mailed: it was used, or the person chose again)."""
    try:
        data = _serializer().loads(token, max_age=current_app.config["UNSUBSCRIBE_MAX_AGE"])
    except SignatureExpired:
        return "expired", None
    except BadSignature:
        return "forged", None
    if not isinstance(data, dict) or not isinstance(data.get("u"), int):
        return "forged", None
    user = db.session.get(User, data["u"])
    if user is None:
        return "forged", None
    return ("ok" if data.get("g") == user.mail_generation else "used"), user


def unsubscribe(token: str) -> User:
    status, user = read_unsubscribe(token)
    if status != "ok" or user is None:
        raise DomainError(REFUSED[status])
    set_frequency(user, "none")
    return user


REFUSED = {
    "forged": _l("This link is not valid: it was altered or did not come from us. "
                 "Sign in to choose which e-mail you get."),
    "expired": _l("This link has expired. Sign in to choose which e-mail you get."),
    "used": _l("This link was already used, or your choice changed since it was sent. "
               "Nothing was changed. Sign in to see or change your choice."),
}


# -- who has something new, per trail action ------------------------------------------

def _chairs(forum_id, sides=(SeatRole.STATE_CHAIR, SeatRole.CIVIL_CHAIR)) -> list[int]:
    return list(db.session.scalars(select(Seat.user_id).where(
        Seat.forum_id == forum_id, Seat.ended_at.is_(None), Seat.role.in_(list(sides)))))


def _proposal_submitted(e: TrailEntry):
    p = get_row(Proposal, int(e.subject_id))
    return [(_chairs(e.forum_id), News("answer_proposal", "proposals.show", {"proposal_id": p.id},
                                       {"title": p.title, "forum": p.forum.title}))]


def _version_saved(e: TrailEntry):
    c = get_row(Commitment, int(e.subject_id))
    title = db.session.scalar(select(CommitmentVersion.title).where(
        CommitmentVersion.commitment_id == c.id, CommitmentVersion.number == c.latest))
    return [(_chairs(e.forum_id), News("sign_version", "commitments.show", {"commitment_id": c.id},
                                       {"title": title, "n": c.latest}))]


def _minutes_approved(e: TrailEntry):
    s = get_row(ForumSession, int(e.subject_id))
    if s.minutes_published_at is not None:
        return []
    side = db.session.scalar(select(Seat.role).where(Seat.forum_id == e.forum_id, Seat.user_id == e.actor_user_id,
                                                     Seat.ended_at.is_(None)))
    others = [r for r in (SeatRole.STATE_CHAIR, SeatRole.CIVIL_CHAIR) if r != side]
    return [(_chairs(e.forum_id, others), News("approve_minutes", "sessions.show", {"session_id": s.id},
                                               {"title": s.title}))]


def _session_scheduled(e: TrailEntry):
    s = get_row(ForumSession, int(e.subject_id))
    members = list(db.session.scalars(select(Seat.user_id).where(Seat.forum_id == e.forum_id,
                                                                 Seat.ended_at.is_(None))))
    return [(members, News("session", "sessions.show", {"session_id": s.id},
                           {"title": s.title, "forum": s.forum.title, "at": s.starts_at.isoformat()}))]


def _org_registered(e: TrailEntry):
    o = get_row(Organisation, int(e.subject_id))
    admins = list(db.session.scalars(select(User.id).where(User.is_admin.is_(True))))
    return [(admins, News("verify_org", "admin.index", {}, {"title": o.name}))]


def _join_requested(e: TrailEntry):
    o = get_row(Organisation, int(e.subject_id))
    admins = list(db.session.scalars(select(OrgMembership.user_id).where(
        OrgMembership.organisation_id == o.id, OrgMembership.is_admin.is_(True),
        OrgMembership.status == MemberStatus.APPROVED)))
    who = db.session.get(User, e.actor_user_id)
    return [(admins, News("join_request", "organisations.show", {"org_id": o.id},
                          {"title": o.name, "name": who.display_name if who else ""}))]


def _org_decided(e: TrailEntry):
    o = get_row(Organisation, int(e.subject_id))
    kind = "org_verified" if e.action == "organisation.verified" else "org_rejected"
    return [([o.created_by_id], News(kind, "organisations.show", {"org_id": o.id},
                                     {"title": o.name, "reason": o.status_reason or ""}))]


def _member_decided(e: TrailEntry):
    o = get_row(Organisation, int(e.subject_id))
    user_id = _payload(e).get("user")
    if e.action == "organisation.member_approved" and user_id == o.created_by_id:
        return []  # the founder, approved with the organisation: "verified" says it
    kind = "member_approved" if e.action == "organisation.member_approved" else "member_rejected"
    return [([user_id], News(kind, "organisations.show", {"org_id": o.id}, {"title": o.name}))]


def _payload(e: TrailEntry) -> dict:
    return json.loads(e.payload or "{}")


NEWS = {
    "proposal.submitted": _proposal_submitted,
    "commitment.drafted": _version_saved,
    "commitment.version_saved": _version_saved,
    "session.minutes_approved": _minutes_approved,
    "session.scheduled": _session_scheduled,
    "organisation.registered": _org_registered,
    "organisation.join_requested": _join_requested,
    "organisation.verified": _org_decided,
    "organisation.rejected": _org_decided,
    "organisation.member_approved": _member_decided,
    "organisation.member_rejected": _member_decided,
}


def describe(news: News) -> str:
    """The sentence for one item, in the current locale (mail is written under force_locale)."""
    p = news.params
    if news.kind == "answer_proposal":
        return _("A new proposal in %(forum)s awaits the forum's reasoned response: “%(title)s”.",
                 forum=p["forum"], title=p["title"])
    if news.kind == "sign_version":
        return _("Version %(n)s of the commitment “%(title)s” awaits your side's signature.", n=p["n"],
                 title=p["title"])
    if news.kind == "approve_minutes":
        return _("The minutes of “%(title)s” await your side's approval.", title=p["title"])
    if news.kind == "session":
        return _("%(forum)s meets: “%(title)s”, %(when)s.", forum=p["forum"], title=p["title"],
                 when=when(datetime.fromisoformat(p["at"])))
    if news.kind == "verify_org":
        return _("The organisation “%(title)s” awaits verification.", title=p["title"])
    if news.kind == "join_request":
        return _("%(name)s asks to join “%(title)s”.", name=p["name"], title=p["title"])
    if news.kind == "org_verified":
        return _("Your organisation “%(title)s” was verified: its members can now act for it in the forums.",
                 title=p["title"])
    if news.kind == "org_rejected":
        return _("Your organisation “%(title)s” was not verified. The reason given: %(reason)s",
                 title=p["title"], reason=p["reason"])
    if news.kind == "member_approved":
        return _("You are now a member of “%(title)s”.", title=p["title"])
    return _("Your request to join “%(title)s” was declined.", title=p["title"])


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
        user.digest_sent_at = now
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
