"""Discussion under a proposal: comments and one level of replies (hiding: moderation.py)."""
import hashlib

from flask_babel import lazy_gettext as _l
from .. import trail
from ..core.clock import utcnow
from ..core.errors import DomainError
from ..core.permissions import approved_membership
from ..core.text import clean
from ..extensions import db
from ..forums.models import ForumStatus
from ..notifications.services import notify
from .models import Comment, Proposal
from .queries import followers

BODY_MAX = 5000


def post(actor, p: Proposal, body: str, parent: Comment | None = None, organisation=None) -> Comment:
    if p.forum.status != ForumStatus.OPEN:
        raise DomainError(_l("This forum is not open: the discussion is closed."))
    if p.hidden_reason:
        raise DomainError(_l("This proposal is hidden; it cannot be discussed."))
    body = clean(body, "body", max_len=BODY_MAX, min_len=2)
    if parent is not None:
        if parent.proposal_id != p.id:
            raise DomainError(_l("You can only reply to a comment on this proposal."), "parent")
        if parent.parent_id is not None:
            parent = db.session.get(Comment, parent.parent_id)  # one level: reply to the thread
    if organisation is not None and approved_membership(actor, organisation) is None:
        raise DomainError(_l("You can speak only for a verified organisation you belong to."), "organisation")
    comment = Comment(proposal_id=p.id, parent_id=parent.id if parent else None, author_id=actor.id,
                      organisation_id=organisation.id if organisation else None, body=body,
                      created_at=utcnow())
    db.session.add(comment)
    db.session.flush()
    # The subject is the proposal: the comment lives on its page, and its trail is one lookup.
    trail.record("comment.posted", p, actor=actor, actor_org=organisation, forum=p.forum,
                 payload={"comment": comment.id, "reply_to": comment.parent_id,
                          "content_sha256": _sha(body)})
    notify(followers(p), "comment", p, {"comment": comment.id}, actor)
    return comment


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
