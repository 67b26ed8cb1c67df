"""What a reader without a seat may see of a consultation's comments, in one place.

A comment's words are public when its consultation publishes them (at once, or at the close
when sealed: `published`) and the co-chairs have not hidden it (`proposals.public`, the one
home of hiding). Before publication its author and the co-chairs see it (`queries._visible`);
nobody else does — not search, the archive, the API, the feeds or a remembered page.

Each rule is written as a Python predicate and a SQL condition that agree at every moment
(tests/consultations/test_public.py checks both on every comment of the demo, either side of
the close)."""
from sqlalchemy import ColumnElement, and_, or_

from ..proposals import public as moderated
from .models import Consultation, ConsultationComment, Phase, Visibility


def published(c: Consultation, now) -> bool:
    """Whether the consultation's comments are public yet."""
    return c.visibility == Visibility.ON_SUBMIT or c.phase(now) in (Phase.CLOSED, Phase.CONCLUDED)


def published_sql(now) -> ColumnElement[bool]:
    """`published` as a condition on Consultation (join it)."""
    return or_(Consultation.visibility == Visibility.ON_SUBMIT, Consultation.ends_at <= now,
               Consultation.concluded_at.is_not(None))


def comment_shown(c: Consultation, comment: ConsultationComment, now) -> bool:
    """A reader without a seat may read this comment's words."""
    return published(c, now) and moderated.is_shown(comment)


def comment_shown_sql(now) -> ColumnElement[bool]:
    """`comment_shown` as a condition on ConsultationComment joined to its Consultation."""
    return and_(published_sql(now), moderated.shown(ConsultationComment))
