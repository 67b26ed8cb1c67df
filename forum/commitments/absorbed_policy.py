"""Who may decide what the detector of absorbed contributions found, and who may claim a
passage of a commitment: the co-chairs decide; an organisation claims from its own
proposals; the other side decides a claim."""
from flask_babel import lazy_gettext as _l

from ..accounts.policy import signed_in
from ..core.lookup import get_row
from ..core.policy import Decision, allow, deny, first_refusal, refuse
from ..forums import policy as forums
from ..forums.queries import chair_seat
from ..organisations.queries import approved_membership
from .absorbed_models import State
from .models import Commitment

NOT_YOURS = _l("You may claim only for an organisation you belong to, from its own proposals.")


def _pending(row) -> Decision:
    return allow() if row.state == State.PENDING else refuse(_l("This was already decided."))


def may_decide_suggestion(user, suggestion) -> Decision:
    """Linking or dismissing a suggestion: a co-chair of its forum, once."""
    commitment = get_row(Commitment, suggestion.commitment_id)
    return first_refusal(forums.is_chair(user, commitment.forum), lambda: _pending(suggestion))


def may_claim(user, commitment, organisation, proposal) -> Decision:
    """A member of a verified organisation, for that organisation, from one of its own
    proposals given in the commitment's forum."""
    if not signed_in(user):
        return deny(_l("Sign in to claim a passage."))
    if organisation is None or approved_membership(user, organisation) is None:
        return deny(NOT_YOURS, "organisation")
    if proposal is None or proposal.organisation_id != organisation.id:
        return deny(NOT_YOURS, "proposal")
    if proposal.forum_id != commitment.forum_id:
        return refuse(_l("Only a proposal given in this commitment's forum can be claimed."), "proposal")
    return allow()


def may_decide_claim(user, claim) -> Decision:
    """Confirming or rejecting a claim: a co-chair of the forum who does not speak for the
    claiming organisation (the other side), once."""
    commitment = get_row(Commitment, claim.commitment_id)
    seat = chair_seat(user, commitment.forum)
    if seat is None:
        return forums.is_chair(user, commitment.forum)
    if seat.organisation_id == claim.organisation_id or user.id == claim.user_id:
        return deny(_l("The claiming organisation cannot decide its own claim: the other side decides."))
    return _pending(claim)
