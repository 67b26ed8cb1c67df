"""Implementation-review sessions set up through the services, as standard 5 and the
Collaborate step count them (forum/dashboards/review_attendance.py)."""
from datetime import timedelta

from forum.core.clock import frozen_at
from forum.extensions import db
from forum.sessions import services as sessions
from forum.sessions.services import review
from tests.helpers.proposals import chairs

TITLE = "Revisión de la implementación"


def scheduled(forum, starts, title=TITLE):
    """A review the State co-chair announced twenty days ahead."""
    with frozen_at(starts - timedelta(days=20)):
        return review.schedule(chairs(forum)["state_chair"], forum, implementation_review=True, title=title,
                               starts_at=starts, ends_at=starts + timedelta(hours=2), place="Lima",
                               agenda=[sessions.ItemInput("Avances del plan")])


def held(forum, starts, civil_chair_present=True, title=TITLE):
    """A review held for two hours; the civil-society co-chair checks in unless told otherwise."""
    s = scheduled(forum, starts, title)
    with frozen_at(starts):
        sessions.start(chairs(forum)["state_chair"], s)
        if civil_chair_present:
            sessions.check_in(chairs(forum)["civil_chair"], s)
    with frozen_at(starts + timedelta(hours=2)):
        sessions.end(chairs(forum)["state_chair"], s)
    db.session.commit()
    return s
