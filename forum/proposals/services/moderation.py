"""Hiding abuse: co-chairs of the forum hide a proposal or a comment with a public reason.
Consultation comments use the same rule (`hide`).
The text stays in the database; the page says it was hidden and why; the trail keeps it."""
from flask_babel import lazy_gettext as _l

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.lookup import get_row
from ...core.text import clean
from ...forums.policy import acting_chair
from .. import policy
from ..models import Comment, Proposal

REASON_MIN, REASON_MAX = 10, 2000


def hide_proposal(actor, p: Proposal, reason: str) -> None:
    hide(actor, p.forum, p, p, reason, "proposal.hidden", {})


def hide_comment(actor, comment: Comment, reason: str) -> None:
    p = get_row(Proposal, comment.proposal_id)
    hide(actor, p.forum, p, comment, reason, "comment.hidden", {"comment": comment.id})


def hide(actor, forum, subject, target, reason: str, action: str, payload: dict) -> None:
    """The one moderation rule, for anything with `hidden_reason`/`hidden_at` (proposals,
    their comments, consultation comments): a co-chair of `forum`, a public reason, once.
    The trail entry is about `subject`, where the hidden thing is shown."""
    policy.may_moderate(actor, forum).require()
    chair = acting_chair(actor, forum)
    if target.hidden_reason:
        raise DomainError(_l("This is already hidden."))
    reason = clean(reason, "reason", max_len=REASON_MAX, min_len=REASON_MIN)
    target.hidden_reason, target.hidden_at = reason, utcnow()
    trail.record(action, subject, actor=actor, actor_org=chair.organisation, forum=forum,
                 payload={**payload, "reason": reason})
