"""Implementation-review sessions: the meetings where the State presents the plan's
implementation results to civil society, which the OGP standards ask for at least twice a
year (minimum requirement 5.1). A co-chair marks a session so when scheduling it or before
it starts; the mark is on the trail so the count the requirement page shows is provable."""
from ... import trail
from ...forums.policy import acting_chair
from .. import policy, services
from ..models import ForumSession


def mark(actor, s: ForumSession, review: bool) -> ForumSession:
    policy.may_mark_review(actor, s).require()
    seat = acting_chair(actor, s.forum)
    if s.implementation_review != bool(review):
        s.implementation_review = bool(review)
        trail.record("session.review_marked", s, actor=actor, actor_org=seat.organisation, forum=s.forum,
                     payload={"implementation_review": bool(review)})
    return s


def schedule(actor, forum, *, implementation_review: bool = False, **details) -> ForumSession:
    """`services.schedule`, marked at once when the co-chair ticked the box: both entries are
    written in the same transaction, so a refused schedule leaves no mark either."""
    s = services.schedule(actor, forum, **details)
    return mark(actor, s, True) if implementation_review else s
