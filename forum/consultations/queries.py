"""Reading a consultation: which comments a reader may see, counts per paragraph, and the
consultations of a forum. Plain data out."""
from collections import Counter

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from ..forums.queries import chair_seat
from .models import Consultation, ConsultationComment, Phase, Visibility


def for_forum(forum) -> list[Consultation]:
    return list(db.session.scalars(select(Consultation).where(Consultation.forum_id == forum.id)
                                   .order_by(Consultation.starts_at.desc())))


def published(c: Consultation, now) -> bool:
    """Whether comments are public yet."""
    return c.visibility == Visibility.ON_SUBMIT or c.phase(now) in (Phase.CLOSED, Phase.CONCLUDED)


def visible_comments(c: Consultation, viewer, now) -> list[ConsultationComment]:
    """Everyone sees published comments; before that, authors see their own and the
    co-chairs see all (they organise the consultation)."""
    query = (select(ConsultationComment).options(selectinload(ConsultationComment.author),
                                                 selectinload(ConsultationComment.organisation))
             .where(ConsultationComment.consultation_id == c.id).order_by(ConsultationComment.id))
    if not published(c, now) and chair_seat(viewer, c.forum) is None:
        if viewer is None:
            return []
        query = query.where(ConsultationComment.author_id == viewer.id)
    return list(db.session.scalars(query))


def counts_by_paragraph(c: Consultation) -> Counter:
    """Comment counts per paragraph number (None: on the whole document). Counts are public
    even before comments are: they show the consultation is alive without anchoring anyone."""
    rows = db.session.execute(select(ConsultationComment.paragraph, func.count())
                              .where(ConsultationComment.consultation_id == c.id)
                              .group_by(ConsultationComment.paragraph))
    return Counter(dict(rows.all()))


def comment_in(c: Consultation, comment_id) -> ConsultationComment | None:
    if not isinstance(comment_id, int):
        return None
    return db.session.scalar(select(ConsultationComment).where(
        ConsultationComment.id == comment_id, ConsultationComment.consultation_id == c.id))
