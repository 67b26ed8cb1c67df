"""Reading a consultation: which comments a reader may see, counts per paragraph, and the
consultations of a forum. Plain data out."""
from collections import Counter

from sqlalchemy import func, or_, select
from sqlalchemy.orm import selectinload

from ..core.clock import utcnow
from ..core.lookup import whole_number
from ..extensions import db
from ..forums.queries import chair_seat
from .models import Consultation, ConsultationComment
from .public import published


def for_forum(forum) -> list[Consultation]:
    return list(db.session.scalars(select(Consultation).where(Consultation.forum_id == forum.id)
                                   .order_by(Consultation.starts_at.desc())))


def _visible(c: Consultation, viewer, now) -> list | None:
    """Everyone sees published comments; before that, authors see their own and the
    co-chairs see all (they organise the consultation). The conditions, or None: nothing."""
    where = [ConsultationComment.consultation_id == c.id]
    seen = comments_seen(viewer, c, now)
    if seen is None:
        return None
    if seen != "all":
        where.append(ConsultationComment.author_id == seen)
    return where


def comments_seen(viewer, c: Consultation, now=None) -> str | int | None:
    """Whose comments the viewer is shown: "all", only their own (their id), or None. The
    one thing the comment list asks of its reader (a question a shared page keeps)."""
    if published(c, now or utcnow()) or chair_seat(viewer, c.forum) is not None:
        return "all"
    return viewer.id if viewer is not None else None


def visible_comments(c: Consultation, viewer, now) -> list[ConsultationComment]:
    where = _visible(c, viewer, now)
    if where is None:
        return []
    return list(db.session.scalars(select(ConsultationComment).options(*_people()).where(*where)
                                   .order_by(ConsultationComment.id)))


def _people():
    return selectinload(ConsultationComment.author), selectinload(ConsultationComment.organisation)


def shown_comments(c: Consultation, viewer, now, *, limit: int, wanted=None, unanswered=False) -> tuple[dict, dict]:
    """The comments a consultation's page shows, by paragraph (None: the whole document):
    at most `limit` each, unless the reader asked for all of one (`wanted`: its number, or
    "doc"); and how many each leaves out. The database picks them (ROW_NUMBER per
    paragraph), so a consultation of 3,000 comments loads the few hundred shown, not all."""
    where = _visible(c, viewer, now)
    if where is None:
        return {}, {}
    if unanswered:
        where.append(ConsultationComment.answered_at.is_(None))
    rank = func.row_number().over(partition_by=ConsultationComment.paragraph,
                                  order_by=ConsultationComment.id).label("rank")
    ranked = select(ConsultationComment.id, rank).where(*where).subquery()
    keep = ranked.c.rank <= limit
    if wanted == "doc":
        keep = or_(keep, ConsultationComment.paragraph.is_(None))
    elif isinstance(wanted, str) and (number := whole_number(wanted, high=10**9 - 1)) is not None:
        keep = or_(keep, ConsultationComment.paragraph == number)
    by_paragraph: dict = {}
    for x in db.session.scalars(select(ConsultationComment).join(ranked, ranked.c.id == ConsultationComment.id)
                                .where(keep).options(*_people()).order_by(ConsultationComment.id)):
        by_paragraph.setdefault(x.paragraph, []).append(x)
    totals = db.session.execute(select(ConsultationComment.paragraph, func.count()).where(*where)
                                .group_by(ConsultationComment.paragraph)).all()
    more = {p: n - len(by_paragraph.get(p, ())) for p, n in totals if n > len(by_paragraph.get(p, ()))}
    return by_paragraph, more


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
