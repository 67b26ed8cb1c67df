"""Who may draft, revise, sign off, link and report on commitments."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..accounts.policy import must_be_admin, signed_in
from ..core.lookup import get_row
from ..core.policy import Decision, allow, deny, first_refusal, refuse
from ..extensions import db
from ..forums import policy as forums
from ..forums.queries import chair_seat
from ..organisations.models import Organisation
from ..organisations.queries import approved_membership
from . import verifiability
from .models import Assessment, AssessmentConfirmation, Assessor, CheckOverride, Commitment, Reviewer, SignOff


def may_draft(user, forum) -> Decision:
    return first_refusal(
        forums.is_chair(user, forum),
        lambda: allow() if forums.is_open(forum) else refuse(_l("Commitments are drafted while the forum is open.")))


def may_revise(user, commitment) -> Decision:
    """Saving a new version, signing off or refusing one, and recording influence."""
    return forums.is_chair(user, commitment.forum)


def may_sign(user, version) -> Decision:
    """Turning one of the two keys (signing or refusing): the latest version, not yet
    adopted, once per side, and never both keys by one person."""
    return _one_key(user, version, SignOff, _l("Your side has already decided on this version."))


def _one_key(user, version, model, decided, also=None) -> Decision:
    """The rules every two-key decision on a version shares; `also(commitment)` adds one."""
    commitment = get_row(Commitment, version.commitment_id)
    seat = chair_seat(user, commitment.forum)
    if seat is None:
        return forums.is_chair(user, commitment.forum)  # the refusal, with its reason
    if version.number != commitment.latest:
        return refuse(_l("Only the latest version can be signed off; a newer one exists."))
    if commitment.adopted == version.number:
        return refuse(_l("This version is already adopted."))
    if also is not None and not (extra := also(commitment)):
        return extra
    turned = db.session.execute(select(model.side, model.user_id).where(model.version_id == version.id)).all()
    if any(side == seat.role for side, _who in turned):
        return refuse(decided)
    if any(who == user.id for _side, who in turned):
        return refuse(_l("One person cannot turn both keys: the other co-chair must decide."))
    return allow()


def may_sign_off(user, version) -> Decision:
    """Signing (not refusing): a key as for `may_sign`, on milestones that pass the
    verifiability check, or whose failure both co-chairs overrode with a reason."""
    return first_refusal(may_sign(user, version), lambda: check_passed_or_overridden(version))


def check_passed_or_overridden(version) -> Decision:
    commitment = get_row(Commitment, version.commitment_id)
    if verifiability.passes(version.milestones, commitment.forum.cycle):
        return allow()
    if forums.both_keys(overridden_sides(version)):
        return allow()
    return refuse(_l("Some milestones cannot be verified as drafted: save a version that fixes them, or both "
                     "co-chairs must record an override with a public reason."))


def overridden_sides(version) -> set[str]:
    return set(db.session.scalars(select(CheckOverride.side).where(CheckOverride.version_id == version.id)))


def may_override_check(user, version) -> Decision:
    """One key of the override: the same conditions as a sign-off key, on a version whose
    milestones fail the check."""
    def fails(commitment):
        if verifiability.passes(version.milestones, commitment.forum.cycle):
            return refuse(_l("The milestones pass the verifiability check: no override is needed."))
        return allow()
    return _one_key(user, version, CheckOverride,
                    _l("Your side has already recorded its override on this version."), also=fails)


def may_revise_any(user, forum) -> Decision:
    """Linking an input of `forum` to one of its commitments, from the input's page."""
    return forums.is_chair(user, forum)


def reporter_org(user, commitment, adopted) -> Organisation | None:
    """Who may report progress, and for whom: members of the lead agency act for it; a
    co-chair acts for their seat's organisation; anyone else gets None."""
    if adopted is None:
        return None
    lead = get_row(Organisation, adopted.lead_agency_id)
    if approved_membership(user, lead) is not None:
        return lead
    seat = chair_seat(user, commitment.forum)
    return seat.organisation if seat is not None else None


def may_report_progress(user, commitment, adopted) -> Decision:
    if reporter_org(user, commitment, adopted) is not None:
        return allow()
    if adopted is None:
        return refuse(_l("Progress is reported once the commitment is adopted."))
    return deny(_l("Only the lead agency's members or the forum's co-chairs report progress."))


def is_reviewer(user, cycle: str) -> bool:
    return signed_in(user) and db.session.scalar(select(Reviewer.id).where(
        Reviewer.user_id == user.id, Reviewer.cycle == cycle)) is not None


def may_assess(user, commitment) -> Decision:
    """The IRM's fields are recorded by the co-chairs jointly (one records, the other side
    confirms) or by an independent reviewer a platform admin appointed for the cycle."""
    if not (is_reviewer(user, commitment.forum.cycle) or chair_seat(user, commitment.forum) is not None):
        return deny(_l("Only the forum's co-chairs, jointly, or an independent reviewer appointed by the "
                       "platform may assess a commitment."))
    if not commitment.adopted:
        return refuse(_l("Only an adopted commitment is assessed: both co-chairs must sign a version first."))
    return allow()


def may_confirm(user, assessment: Assessment) -> Decision:
    """The second key on a co-chairs' assessment: the other side's co-chair, once."""
    commitment = get_row(Commitment, assessment.commitment_id)
    seat = chair_seat(user, commitment.forum)
    if seat is None:
        return forums.is_chair(user, commitment.forum)
    if assessment.assessor != Assessor.CO_CHAIRS:
        return refuse(_l("An independent reviewer's assessment needs no confirmation."))
    if db.session.scalar(select(AssessmentConfirmation.id).where(
            AssessmentConfirmation.assessment_id == assessment.id)) is not None:
        return refuse(_l("This assessment is already confirmed."))
    if seat.role == assessment.side or user.id == assessment.author_id:
        return deny(_l("The co-chair of the other side must confirm it: one person cannot turn both keys."))
    return allow()


def may_appoint_reviewer(user) -> Decision:
    return must_be_admin(user)


def may_create_cluster(user, cycle: str) -> Decision:
    """Clusters are formed by a platform admin or by a co-chair of a forum of the cycle (who
    may then group only commitments of the forums they co-chair: clusters.create says so
    beside the field)."""
    from ..accounts.policy import is_admin
    from ..forums.models import Forum, Seat, SeatRole
    if is_admin(user):
        return allow()
    if signed_in(user) and db.session.scalar(select(Seat.id).join(Forum, Forum.id == Seat.forum_id).where(
            Forum.cycle == cycle, Seat.user_id == user.id, Seat.role != SeatRole.MEMBER,
            Seat.ended_at.is_(None)).limit(1)):
        return allow()
    return deny(_l("Only a co-chair of a forum of this cycle or a platform administrator groups commitments "
                   "in clusters."))


def may_assess_cluster(user, cluster) -> Decision:
    """The IRM assesses clusters: an independent reviewer appointed for the cluster's cycle,
    once every member commitment is adopted."""
    if not is_reviewer(user, cluster.cycle):
        return deny(_l("Only an independent reviewer appointed for this cycle assesses a cluster."))
    if db.session.scalar(select(Commitment.id).where(Commitment.id.in_(cluster.commitment_ids),
                                                     Commitment.adopted.is_(None)).limit(1)) is not None:
        return refuse(_l("Every commitment of the cluster must be adopted before the cluster is assessed."))
    return allow()
