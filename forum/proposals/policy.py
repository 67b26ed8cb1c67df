"""Who may do what with a proposal, and why not. Services require these answers; pages
ask them to show a control or to say why it is missing."""
from flask_babel import lazy_gettext as _l

from ..accounts.policy import must_be_confirmed, must_sign_in, signed_in
from ..core.policy import Decision, allow, deny, first_refusal, refuse
from ..forums import policy as forums
from ..organisations.queries import acting_organisations, approved_membership
from . import deadlines, public
from .models import Proposal, Status


def speaks_for(user, organisation, reason=None) -> Decision:
    """Acting in an organisation's name needs an approved tie to it, once it is verified."""
    if organisation is None or approved_membership(user, organisation) is not None:
        return allow()
    return deny(reason or _l("You can speak only for a verified organisation you belong to."), "organisation")


def may_submit(user, forum, organisation=None) -> Decision:
    """A member of a verified organisation, in that organisation's name, to an open forum."""
    if not signed_in(user):
        return deny(_l("Log in to submit a proposal."))
    if organisation is None and not acting_organisations(user):
        return deny(_l("To submit a proposal you must act for a verified organisation. Register yours or ask "
                       "to join it from your account page."), "organisation")
    if organisation is not None and approved_membership(user, organisation) is None:
        return deny(_l("You can submit only on behalf of a verified organisation you belong to."), "organisation")
    return forums.is_open(forum)


def _is_submitter(user, p: Proposal, reason) -> Decision:
    return allow() if signed_in(user) and user.id == p.submitter_id else deny(reason)


def may_edit(user, p: Proposal) -> Decision:
    return first_refusal(
        _is_submitter(user, p, _l("Only the submitter can edit this proposal.")),
        lambda: refuse(_l("A proposal can be edited only until it gets its first response."))
        if not deadlines.waiting(p) else allow(),
        lambda: forums.is_open(p.forum))


def may_withdraw(user, p: Proposal) -> Decision:
    return first_refusal(
        _is_submitter(user, p, _l("Only the submitter can withdraw this proposal.")),
        lambda: refuse(_l("Only a proposal still awaiting its first response can be withdrawn."))
        if p.answered or p.status != Status.AWAITING else allow())


def may_endorse(user, p: Proposal, organisation=None) -> Decision:
    return first_refusal(
        must_sign_in(user, _l("Log in to endorse this proposal.")),
        lambda: must_be_confirmed(user),
        lambda: speaks_for(user, organisation, _l("You can endorse only for a verified organisation you belong to.")),
        lambda: forums.is_open(p.forum),
        lambda: refuse(_l("This proposal can no longer be endorsed: it was withdrawn or hidden."))
        if p.status == Status.WITHDRAWN or not public.is_shown(p) else allow())


def may_discuss(user, p: Proposal, organisation=None) -> Decision:
    return first_refusal(
        must_sign_in(user, _l("Log in to comment.")),
        lambda: must_be_confirmed(user),
        lambda: speaks_for(user, organisation),
        lambda: forums.is_open(p.forum),
        lambda: refuse(_l("This proposal is hidden; it cannot be discussed.")) if not public.is_shown(p) else allow())


def may_respond(user, p: Proposal) -> Decision:
    return first_refusal(
        forums.is_chair(user, p.forum),
        lambda: refuse(_l("The submitter withdrew this proposal.")) if p.status == Status.WITHDRAWN else allow())


def may_moderate(user, forum) -> Decision:
    """Hiding abuse, in proposals, their discussion and consultations alike."""
    return forums.is_chair(user, forum)


TAKEN_UP = {Status.ACCEPTED, Status.PARTIAL}


def was_accepted(p: Proposal) -> Decision:
    """Whether the forum's official response took the proposal up: accepted, partially
    accepted, or merged into one that was. Only then can it truthfully shape a commitment."""
    seen: set[int] = set()
    current = p
    while current.status == Status.MERGED and current.merged_into is not None and current.id not in seen:
        seen.add(current.id)
        current = current.merged_into
    if current.status in TAKEN_UP:
        return allow()
    if deadlines.waiting(p):
        return refuse(_l("A proposal shapes a commitment once its reasoned response accepts it; this one is "
                         "still waiting for it."), "source")
    return refuse(_l("Only a proposal the forum accepted (fully, partly, or merged into an accepted one) can "
                     "shape a commitment."), "source")
