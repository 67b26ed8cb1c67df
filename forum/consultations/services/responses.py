"""The reasoned response to each consultation comment, given by a co-chair once the period
is over; every revision is kept, and the comment can be linked to the commitment it shaped."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.lookup import get_row
from ...core.text import reasoned
from ...extensions import db
from ...forums.policy import acting_chair
from ...notifications.services import notify
from .. import notices, policy
from ..models import Answer, CommentResponse, Consultation, ConsultationComment
from . import publish_comments


def answer(actor, comment: ConsultationComment, outcome: str, reason: str) -> CommentResponse:
    c = get_row(Consultation, comment.consultation_id)
    policy.may_answer(actor, c).require()
    chair = acting_chair(actor, c.forum)
    publish_comments(c)  # the trail unseals the comments before the first answer to one
    if outcome not in set(Answer):
        raise DomainError(_l("Choose an outcome."), "outcome")
    reason = reasoned(reason)
    revision = (db.session.scalar(select(func.max(CommentResponse.revision))
                                  .where(CommentResponse.comment_id == comment.id)) or 0) + 1
    row = CommentResponse(comment_id=comment.id, revision=revision, outcome=outcome, reason=reason,
                          responder_id=actor.id, organisation_id=chair.organisation_id, created_at=utcnow())
    db.session.add(row)
    comment.answer = outcome
    if comment.answered_at is None:
        comment.answered_at = row.created_at
    trail.record("consultation.answered" if revision == 1 else "consultation.answer_revised", c, actor=actor,
                 actor_org=chair.organisation, forum=c.forum,
                 payload={"comment": comment.id, "outcome": outcome, "reason": reason, "revision": revision})
    notify([comment.author_id], "consultation_answer", c, {"comment": comment.id, "outcome": outcome}, actor,
           describe=notices.describe)
    return row
