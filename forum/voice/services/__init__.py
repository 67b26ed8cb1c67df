"""Seat requests, facilitators, regions and participation targets: the only code that
changes them. Each calls its predicate first, writes the trail in the same transaction and
never commits (core.views.run does, at the edge)."""
from flask_babel import lazy_gettext as _l

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.text import clean
from ...extensions import db
from ...forums import policy as forums_policy
from ...forums.models import Forum, Seat
from ...forums.queries import seat_of
from ...notifications.services import notify
from .. import notices, policy
from ..figures import groups_of
from ..models import Admission, Dimension, Facilitator, RequestStatus, SeatRequest, VoiceTarget
from ..regions import is_region

MOTIVATION_MAX = 2000
REASON_MIN, REASON_MAX = 10, 2000


def require_region(code, field: str = "region") -> str:
    if not is_region(code):
        raise DomainError(_l("Choose one of Peru's regions."), field)
    return code


def set_org_region(actor, organisation, code) -> None:
    """Where an organisation works from: the region its inputs carry unless they say otherwise."""
    policy.may_set_org_region(actor, organisation).require()
    code = require_region(code)
    if organisation.region == code:
        return
    old, organisation.region = organisation.region, code
    trail.record("organisation.region_set", organisation, actor=actor, actor_org=organisation,
                 payload={"region": code, "was": old})


def request_seat(actor, forum: Forum, organisation, motivation: str) -> SeatRequest:
    if organisation is None:
        raise DomainError(_l("You can ask only on behalf of a verified organisation you belong to."), "organisation")
    policy.may_request_seat(actor, forum, organisation).require()
    motivation = clean(motivation, "motivation", max_len=MOTIVATION_MAX, required=False)
    req = SeatRequest(forum_id=forum.id, user_id=actor.id, organisation_id=organisation.id, motivation=motivation,
                      created_at=utcnow())
    db.session.add(req)
    trail.record("forum.seat_requested", req, actor=actor, actor_org=organisation, forum=forum,
                 payload={"organisation": organisation.id, "motivation": motivation})
    return req


def grant_seat(actor, req: SeatRequest) -> Seat:
    """The person takes a member seat, marked as joined on request."""
    policy.may_decide_request(actor, req).require()
    chair = forums_policy.acting_chair(actor, req.forum)
    if seat_of(req.forum, req.user_id) is not None:
        raise DomainError(_l("This person already sits in the forum."))
    seat = Seat(forum_id=req.forum_id, user_id=req.user_id, organisation_id=req.organisation_id,
                admission=Admission.REQUESTED)
    db.session.add(seat)
    db.session.flush()
    req.status, req.decided_at, req.decided_by_id, req.seat_id = RequestStatus.GRANTED, utcnow(), actor.id, seat.id
    trail.record("forum.seat_granted", req, actor=actor, actor_org=chair.organisation, forum=req.forum,
                 payload={"organisation": req.organisation_id, "user": req.user_id, "seat": seat.id})
    _tell(actor, req, "seat_granted", {})
    return seat


def refuse_seat(actor, req: SeatRequest, reason: str) -> None:
    """A refusal is public and says why."""
    policy.may_decide_request(actor, req).require()
    chair = forums_policy.acting_chair(actor, req.forum)
    reason = clean(reason, "reason", max_len=REASON_MAX, min_len=REASON_MIN)
    req.status, req.decided_at, req.decided_by_id, req.reason = RequestStatus.REFUSED, utcnow(), actor.id, reason
    trail.record("forum.seat_refused", req, actor=actor, actor_org=chair.organisation, forum=req.forum,
                 payload={"organisation": req.organisation_id, "user": req.user_id, "reason": reason})
    _tell(actor, req, "seat_refused", {"reason": reason})


def _tell(actor, req: SeatRequest, kind: str, params: dict) -> None:
    """The person who asked, and the organisation's administrators, hear the decision."""
    from ...organisations.models import MemberStatus, OrgMembership
    admins = db.session.scalars(db.select(OrgMembership.user_id).where(
        OrgMembership.organisation_id == req.organisation_id, OrgMembership.is_admin.is_(True),
        OrgMembership.status == MemberStatus.APPROVED))
    notify({req.user_id, *admins}, kind, req.forum, {"forum_title": req.forum.title, **params}, actor,
           describe=notices.describe)


def appoint_facilitator(actor, forum: Forum, user) -> Facilitator:
    policy.may_appoint_facilitator(actor, forum).require()
    chair = forums_policy.acting_chair(actor, forum)
    if user is None:
        raise DomainError(_l("Choose a person."), "user")
    if policy.facilitator_of(user, forum) is not None:
        raise DomainError(_l("This person is already a facilitator of this forum."), "user")
    f = Facilitator(forum_id=forum.id, user_id=user.id, appointed_by_id=actor.id, created_at=utcnow())
    db.session.add(f)
    trail.record("forum.facilitator_appointed", f, actor=actor, actor_org=chair.organisation, forum=forum,
                 payload={"user": user.id})
    return f


def end_facilitator(actor, forum: Forum, f: Facilitator) -> None:
    policy.may_end_facilitator(actor, forum).require()
    chair = forums_policy.acting_chair(actor, forum)
    if f.forum_id != forum.id or f.ended_at is not None:
        raise DomainError(_l("This person is not a facilitator of this forum."))
    f.ended_at = utcnow()
    trail.record("forum.facilitator_ended", f, actor=actor, actor_org=chair.organisation, forum=forum,
                 payload={"user": f.user_id})


def set_target(actor, forum: Forum, *, dimension, group, outside, percent) -> VoiceTarget:
    """"At least `percent` % of the inputs from `group` (or from outside it)". A new target on
    the same group replaces the old one; the old one stays, ended, on the record."""
    policy.may_set_target(actor, forum).require()
    chair = forums_policy.acting_chair(actor, forum)
    if dimension not in set(Dimension):
        raise DomainError(_l("Choose what the target counts."), "dimension")
    if group not in groups_of(dimension):
        raise DomainError(_l("Choose one of the groups listed."), "group")
    if not isinstance(percent, int) or isinstance(percent, bool) or not 0 <= percent <= 100:
        raise DomainError(_l("Give a percentage between 0 and 100."), "percent")
    now = utcnow()
    for old in db.session.scalars(db.select(VoiceTarget).where(
            VoiceTarget.forum_id == forum.id, VoiceTarget.dimension == dimension, VoiceTarget.group == group,
            VoiceTarget.outside.is_(bool(outside)), VoiceTarget.ended_at.is_(None))):
        old.ended_at = now
    t = VoiceTarget(forum_id=forum.id, dimension=dimension, group=group, outside=bool(outside), percent=percent,
                    set_by_id=actor.id, created_at=now)
    db.session.add(t)
    trail.record("forum.voice_target_set", t, actor=actor, actor_org=chair.organisation, forum=forum,
                 payload={"dimension": dimension, "group": group, "outside": bool(outside), "percent": percent})
    return t
