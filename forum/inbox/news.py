"""Who has something new in their inbox after a change, read from the trail entry the change
wrote (`NEWS`, per action), and the sentence that says it in the reader's language. The
areas that act know nothing of this: a new rule of "who must act" is written here and in
inbox/queries.py, never in the services."""
import json
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import select

from ..accounts.models import User
from ..commitments.models import Commitment, CommitmentVersion
from ..core.lookup import get_row
from ..extensions import db
from ..forums.models import Seat, SeatRole
from ..i18n import when
from ..organisations.models import MemberStatus, Organisation, OrgMembership
from ..proposals.models import Proposal
from ..sessions import public as sessions_public
from ..sessions.models import ForumSession
from ..trail.models import TrailEntry


@dataclass(frozen=True)
class News:
    kind: str
    endpoint: str
    args: dict
    params: dict = field(default_factory=dict)


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
    if sessions_public.published(s):
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
