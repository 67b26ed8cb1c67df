"""Every revision of the reasoned responses to consultation comments, newest first, for the
consultation page and its report. The writer is in `services/responses.py`."""
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..extensions import db
from .models import CommentResponse


def history(comment_ids) -> dict[int, list[CommentResponse]]:
    """Every revision per comment, newest first, in one query."""
    out: dict[int, list[CommentResponse]] = {}
    if not comment_ids:
        return out
    for r in db.session.scalars(select(CommentResponse)
                                .options(selectinload(CommentResponse.responder),
                                         selectinload(CommentResponse.organisation))
                                .where(CommentResponse.comment_id.in_(list(comment_ids)))
                                .order_by(CommentResponse.revision.desc())):
        out.setdefault(r.comment_id, []).append(r)
    return out
