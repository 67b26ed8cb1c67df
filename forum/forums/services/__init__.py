"""Forums: creation by a platform admin, two co-chairs, members, and the open/close cycle."""
import re

from flask_babel import lazy_gettext as _l

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.text import clean
from ...extensions import db
from ...organisations.models import OrgKind
from ...organisations.queries import approved_membership
from .. import policy
from ..labels import status_labels
from ..models import Forum, ForumStatus, Influence, Seat, SeatRole
from ..queries import seat_of, seat_with_role

SECTOR_MAX, TITLE_MAX = 80, 160
TITLE_MIN = 3
SECTOR_MIN = 2
DESCRIPTION_MAX, TOR_MAX = 5000, 50000
REASON_MIN, REASON_MAX = 10, 2000

#: Which kind of organisation each co-chair must come from.
CHAIR_KIND: dict[str, str] = {SeatRole.STATE_CHAIR: OrgKind.GOVERNMENT, SeatRole.CIVIL_CHAIR: OrgKind.CIVIL_SOCIETY}

#: Allowed moves of a forum's status, and the trail action each writes.
TRANSITIONS: dict[tuple[str, str], str] = {
    (ForumStatus.DRAFT, ForumStatus.OPEN): "forum.opened",
    (ForumStatus.OPEN, ForumStatus.CLOSED): "forum.closed",
}


def parse_cycle(value: str | None) -> str:
    """Cycles are written 2019-2021 (an en dash is accepted) and run forwards."""
    text = (value or "").strip().replace("–", "-")
    m = re.fullmatch(r"(\d{4})-(\d{4})", text)
    if not m or not (2000 <= int(m[1]) < int(m[2]) <= int(m[1]) + 5):
        raise DomainError(_l("Write the cycle as two years, e.g. 2019-2021."), "cycle")
    return text


def create_forum(admin, *, sector, cycle, title, description, terms_of_reference,
                 influence_target) -> Forum:
    policy.may_create_forum(admin).require()
    if influence_target not in set(Influence):
        raise DomainError(_l("Choose a level on the IAP2 scale."), "influence_target")
    forum = Forum(
        sector=clean(sector, "sector", max_len=SECTOR_MAX, min_len=SECTOR_MIN),
        cycle=parse_cycle(cycle),
        title=clean(title, "title", max_len=TITLE_MAX, min_len=TITLE_MIN),
        description=clean(description, "description", max_len=DESCRIPTION_MAX, required=False),
        terms_of_reference=clean(terms_of_reference, "terms_of_reference", max_len=TOR_MAX,
                                 required=False),
        influence_target=influence_target,
        created_by_id=admin.id,
    )
    db.session.add(forum)
    db.session.flush()
    trail.record("forum.created", forum, actor=admin, forum=forum, payload={
        "sector": forum.sector, "cycle": forum.cycle, "title": forum.title,
        "influence_target": forum.influence_target})
    return forum


def appoint_chair(admin, forum: Forum, role: str, user, organisation) -> Seat:
    """The State chair must act for a verified government body, the civil-society chair for a
    verified CSO. A new appointment ends the previous chair's seat on that side."""
    policy.may_appoint_chair(admin, forum).require()
    if role not in CHAIR_KIND:
        raise DomainError(_l("Choose which co-chair to appoint."), "role")
    if organisation.kind != CHAIR_KIND[role]:
        message = (_l("The State co-chair must represent a government entity.")
                   if role == SeatRole.STATE_CHAIR else
                   _l("The civil-society co-chair must represent a civil-society organisation."))
        raise DomainError(message, "organisation")
    _require_can_represent(user, organisation)
    replaced = seat_with_role(forum, role)
    if replaced is not None:
        replaced.ended_at = utcnow()
    current = seat_of(forum, user.id)
    if current is not None:
        if current.is_chair:
            raise DomainError(_l("This person already co-chairs the forum."), "user")
        current.ended_at = utcnow()
    db.session.flush()
    seat = Seat(forum=forum, user_id=user.id, organisation_id=organisation.id, role=role)
    db.session.add(seat)
    trail.record("forum.chair_appointed", seat, actor=admin, forum=forum, payload={
        "role": role, "user": user.id, "organisation": organisation.id,
        "replaces_seat": replaced.id if replaced else None})
    return seat


def add_member(actor, forum: Forum, user, organisation) -> Seat:
    policy.may_add_member(actor, forum).require()
    chair = policy.acting_chair(actor, forum)
    _require_can_represent(user, organisation)
    if seat_of(forum, user.id) is not None:
        raise DomainError(_l("This person already sits in the forum."), "user")
    seat = Seat(forum=forum, user_id=user.id, organisation_id=organisation.id)
    db.session.add(seat)
    trail.record("forum.member_added", seat, actor=actor, actor_org=chair.organisation, forum=forum,
                 payload={"user": user.id, "organisation": organisation.id,
                          "group": organisation.kind})
    return seat


def remove_member(actor, forum: Forum, seat: Seat, reason: str) -> None:
    policy.may_remove_member(actor, forum).require()
    chair = policy.acting_chair(actor, forum)
    if seat.forum_id != forum.id or seat.ended_at is not None:
        raise DomainError(_l("This person does not sit in the forum."))
    policy.may_remove_seat(actor, seat).require()
    reason = clean(reason, "reason", max_len=REASON_MAX, min_len=REASON_MIN)
    seat.ended_at = utcnow()
    trail.record("forum.member_removed", seat, actor=actor, actor_org=chair.organisation, forum=forum,
                 payload={"user": seat.user_id, "organisation": seat.organisation_id,
                          "reason": reason})


def change_status(actor, forum: Forum, new_status: str, reason: str) -> None:
    """Only the forum's co-chairs move it; a forum opens only with both co-chairs in place."""
    policy.may_change_status(actor, forum).require()
    chair = policy.acting_chair(actor, forum)
    action = TRANSITIONS.get((forum.status, new_status))
    if action is None:
        labels = status_labels()
        raise DomainError(_l("A forum that is “%(old)s” cannot become “%(new)s”.",
                             old=labels.get(forum.status, forum.status),
                             new=labels.get(new_status, new_status)), "status")
    if new_status == ForumStatus.OPEN and not has_both_chairs(forum):
        raise DomainError(_l("A forum opens only once both co-chairs are appointed."), "status")
    reason = clean(reason, "reason", max_len=REASON_MAX, min_len=REASON_MIN)
    forum.status, forum.status_changed_at = new_status, utcnow()
    trail.record(action, forum, actor=actor, actor_org=chair.organisation, forum=forum,
                 payload={"reason": reason})


def set_response_deadline(actor, forum: Forum, days) -> None:
    """How long a proposal may wait for its reasoned response before the ledger flags it."""
    policy.may_change_settings(actor, forum).require()
    chair = policy.acting_chair(actor, forum)
    if not isinstance(days, int) or not 1 <= days <= 365:
        raise DomainError(_l("Give a number of days between 1 and 365."), "days")
    if days == forum.response_deadline_days:
        return
    old, forum.response_deadline_days = forum.response_deadline_days, days
    trail.record("forum.settings_changed", forum, actor=actor, actor_org=chair.organisation, forum=forum,
                 payload={"response_deadline_days": days, "was": old})


QUORUM_RULES = ("majority_both", "majority")  # stated in forum/sessions/vote_counting.py


def set_session_rules(actor, forum: Forum, notice_days, quorum_rule) -> None:
    """The notice sessions should get, and the quorum rule counted live in them."""
    policy.may_change_settings(actor, forum).require()
    chair = policy.acting_chair(actor, forum)
    if not isinstance(notice_days, int) or not 0 <= notice_days <= 60:
        raise DomainError(_l("Give a number of days between 0 and 60."), "notice_days")
    if quorum_rule not in QUORUM_RULES:
        raise DomainError(_l("Choose a quorum rule."), "quorum_rule")
    old = {"session_notice_days": forum.session_notice_days, "quorum_rule": forum.quorum_rule}
    new = {"session_notice_days": notice_days, "quorum_rule": quorum_rule}
    if new == old:
        return
    forum.session_notice_days, forum.quorum_rule = notice_days, quorum_rule
    trail.record("forum.settings_changed", forum, actor=actor, actor_org=chair.organisation, forum=forum,
                 payload={**new, "was": old})


def has_both_chairs(forum: Forum) -> bool:
    return all(seat_with_role(forum, role) is not None for role in CHAIR_KIND)


def _require_can_represent(user, organisation) -> None:
    if not organisation.is_verified:
        raise DomainError(_l("This organisation is not verified yet."), "organisation")
    if approved_membership(user, organisation) is None:
        raise DomainError(_l("This person is not an approved member of that organisation."), "user")
