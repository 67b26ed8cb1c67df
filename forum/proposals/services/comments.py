"""Discussion under a proposal: comments and one level of replies (hiding: moderation.py)."""
import hashlib

from flask_babel import lazy_gettext as _l

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.lookup import get_row
from ...core.text import clean
from ...extensions import db
from ...notifications.services import notify
from .. import notices, policy
from ..models import Comment, Proposal
from ..queries import followers

BODY_MAX = 5000
BODY_MIN = 2


def post(actor, p: Proposal, body: str, parent: Comment | None = None, organisation=None) -> Comment:
    policy.may_discuss(actor, p, organisation).require()
    body = clean(body, "body", max_len=BODY_MAX, min_len=BODY_MIN)
    if parent is not None:
        if parent.proposal_id != p.id:
            raise DomainError(_l("You can only reply to a comment on this proposal."), "parent")
        if parent.parent_id is not None:
            parent = get_row(Comment, parent.parent_id)  # one level: reply to the thread
    comment = Comment(proposal_id=p.id, parent_id=parent.id if parent else None, author_id=actor.id,
                      organisation_id=organisation.id if organisation else None, body=body,
                      created_at=utcnow())
    db.session.add(comment)
    db.session.flush()
    # The subject is the proposal: the comment lives on its page, and its trail is one lookup.
    trail.record("comment.posted", p, actor=actor, actor_org=organisation, forum=p.forum,
                 payload={"comment": comment.id, "reply_to": comment.parent_id,
                          "content_sha256": _sha(body)})
    notify(followers(p), "comment", p, {"comment": comment.id}, actor, describe=notices.describe)
    return comment


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
