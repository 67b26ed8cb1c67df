"""Who may ask for a seat, decide a request, appoint facilitators, record a workshop, set
a region or a participation target — and why not."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..accounts.policy import signed_in
from ..consultations.models import Consultation, ConsultationComment
from ..core.policy import Decision, allow, deny, first_refusal, refuse
from ..extensions import db
from ..forums import policy as forums
from ..forums.models import Forum
from ..forums.queries import active_seat
from ..organisations.models import MemberStatus, OrgMembership
from ..organisations.queries import acting_organisations, approved_membership
from .models import Facilitator, RecordedComment, RecordedInput, RequestStatus, SeatRequest, Workshop


def may_request_seat(user, forum: Forum, organisation=None) -> Decision:
    """A person acting for a verified organisation, not yet sitting in the forum, once at a time."""
    if not signed_in(user):
        return deny(_l("Log in to ask for a seat."))
    if organisation is None and not acting_organisations(user):
        return deny(_l("To ask for a seat you must act for a verified organisation."), "organisation")
    if organisation is not None and (not organisation.is_verified or approved_membership(user, organisation) is None):
        return deny(_l("You can ask only on behalf of a verified organisation you belong to."), "organisation")
    if active_seat(user, forum) is not None:
        return deny(_l("You already sit in this forum."))
    if pending_request(user, forum) is not None:
        return deny(_l("Your request for a seat is already waiting for the co-chairs."))
    return forums.not_closed(forum)


def may_decide_request(user, request: SeatRequest) -> Decision:
    return first_refusal(forums.is_chair(user, request.forum),
                         lambda: allow() if request.status == RequestStatus.PENDING else
                         refuse(_l("This request was already decided.")),
                         lambda: forums.not_closed(request.forum))


def may_appoint_facilitator(user, forum: Forum) -> Decision:
    return first_refusal(forums.is_chair(user, forum), lambda: forums.not_closed(forum))


def may_end_facilitator(user, forum: Forum) -> Decision:
    return forums.is_chair(user, forum)


NOT_FACILITATOR = _l("Only the facilitators the co-chairs appointed for this forum can record its workshops.")


def may_record_workshop(user, forum: Forum) -> Decision:
    """A facilitator of this forum (not of another one), while it takes inputs."""
    if not signed_in(user) or facilitator_of(user, forum) is None:
        return deny(NOT_FACILITATOR)
    return forums.is_open(forum)


SHEET_PRIVATE = _l("The scan of a workshop's sheet shows the attendees' names and signatures: only the forum's "
                   "co-chairs, its facilitators and the platform's administrators may open it.")


def may_read_sheet(user, document) -> Decision:
    """A workshop's scanned sheet (a stored document with the purpose `workshop_sheet`,
    registered with the uploads by voice/sheets.py): the co-chairs and the facilitators of a
    forum whose recorded input or recorded consultation comment it is, and platform
    administrators. Everyone else, co-chairs
    and facilitators of other forums too, sees only its hash, size and type."""
    if signed_in(user) and user.is_admin:
        return allow()
    if signed_in(user):
        of_inputs = select(Workshop.forum_id).join(RecordedInput, RecordedInput.workshop_id == Workshop.id).where(
            RecordedInput.sheet_sha256 == document.sha256)
        of_comments = select(Consultation.forum_id).join(
            ConsultationComment, ConsultationComment.consultation_id == Consultation.id).join(
            RecordedComment, RecordedComment.comment_id == ConsultationComment.id).where(
            RecordedComment.sheet_sha256 == document.sha256)
        forums_of = db.session.scalars(select(Forum).where(Forum.id.in_(of_inputs.union(of_comments))))
        if any(forums.is_chair(user, f) or facilitator_of(user, f) is not None for f in forums_of):
            return allow()
    return deny(SHEET_PRIVATE)


NOT_FACILITATOR_COMMENT = _l("Only the facilitators the co-chairs appointed for this consultation's forum can "
                             "record comments made at a workshop or on paper.")


def may_record_comment(user, consultation) -> Decision:
    """A facilitator of the consultation's own forum (not of another one), while it receives comments."""
    from ..consultations.policy import in_period
    if not signed_in(user) or facilitator_of(user, consultation.forum) is None:
        return deny(NOT_FACILITATOR_COMMENT)
    return in_period(consultation)


def may_set_target(user, forum: Forum) -> Decision:
    return forums.is_chair(user, forum)


def may_set_org_region(user, organisation) -> Decision:
    """The organisation's own administrators, or a platform administrator."""
    if signed_in(user) and (user.is_admin or db.session.scalar(select(OrgMembership.id).where(
            OrgMembership.organisation_id == organisation.id, OrgMembership.user_id == user.id,
            OrgMembership.is_admin.is_(True), OrgMembership.status == MemberStatus.APPROVED)) is not None):
        return allow()
    return deny(_l("Only this organisation's administrators can say where it is."))


def facilitator_of(user, forum: Forum) -> Facilitator | None:
    return db.session.scalar(select(Facilitator).where(
        Facilitator.forum_id == forum.id, Facilitator.user_id == user.id, Facilitator.ended_at.is_(None)))


def pending_request(user, forum: Forum) -> SeatRequest | None:
    return db.session.scalar(select(SeatRequest).where(
        SeatRequest.forum_id == forum.id, SeatRequest.user_id == user.id,
        SeatRequest.status == RequestStatus.PENDING))
