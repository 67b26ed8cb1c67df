"""The reasoned response: only a co-chair of the proposal's forum gives it, always with a
public reason, and every revision is kept."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.text import reasoned
from ...extensions import db
from ...forums.policy import acting_chair
from ...notifications.services import notify
from .. import deadlines, notices, policy
from ..models import Outcome, Proposal, Response, Status
from ..queries import followers


def respond(actor, p: Proposal, outcome: str, reason: str, merged_into: Proposal | None = None) -> Response:
    policy.may_respond(actor, p).require()
    chair = acting_chair(actor, p.forum)
    if outcome not in set(Outcome):
        raise DomainError(_l("Choose an outcome."), "outcome")
    reason = reasoned(reason)
    if outcome == Outcome.MERGED:
        _check_merge(p, merged_into)
    else:
        merged_into = None
    revision = (db.session.scalar(select(func.max(Response.revision)).where(Response.proposal_id == p.id)) or 0) + 1
    response = Response(proposal_id=p.id, revision=revision, outcome=outcome, reason=reason,
                        merged_into_id=merged_into.id if merged_into else None, responder_id=actor.id,
                        organisation_id=chair.organisation_id, created_at=utcnow())
    db.session.add(response)
    p.status = outcome
    p.merged_into_id = response.merged_into_id
    if p.first_response_at is None and outcome != Outcome.NEEDS_INFO:  # asking for more is not answering
        p.first_response_at = response.created_at
        p.response_seconds = deadlines.response_seconds(p, p.first_response_at)
    trail.record("proposal.responded" if revision == 1 else "proposal.response_revised", p,
                 actor=actor, actor_org=chair.organisation, forum=p.forum,
                 payload={"outcome": outcome, "reason": reason, "revision": revision,
                          "merged_into": response.merged_into_id})
    people = followers(p)
    if merged_into is not None:
        trail.record("proposal.merged", p, actor=actor, actor_org=chair.organisation, forum=p.forum,
                     payload={"into": merged_into.id})
        notify(people, "merged", p, {"into": merged_into.id, "into_title": merged_into.title}, actor,
               describe=notices.describe)
    else:
        notify(people, "response", p, {"outcome": outcome, "revision": revision}, actor, describe=notices.describe)
    return response


def _check_merge(p: Proposal, into: Proposal | None) -> None:
    if into is None:
        raise DomainError(_l("Choose the proposal this one is merged into."), "merged_into")
    if into.id == p.id:
        raise DomainError(_l("A proposal cannot be merged into itself."), "merged_into")
    if into.forum_id != p.forum_id:
        raise DomainError(_l("A proposal can be merged only into another proposal of the same forum."),
                          "merged_into")
    if into.status in (Status.MERGED, Status.WITHDRAWN):
        raise DomainError(_l("That proposal was itself merged or withdrawn; choose the one that remains."),
                          "merged_into")
