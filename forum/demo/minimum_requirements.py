"""The demo's minimum requirement not met: the Education forum, which has not met yet,
publishes a calendar that leaves seven months between its first session and the next, so
the cycle's requirements page shows "a forum that meets at least every six months" as not
met, with both announcements as evidence. Both sessions start after the Environment forum's
upcoming one, which stays the first to come."""
from datetime import timedelta

from ..core import clock
from ..dashboards.requirements import add_months
from ..sessions import services as sessions


def seed_meeting_gap(people, forums, start) -> None:
    chair, forum = people["minedu"], forums["edu"]
    with clock.frozen_at(start + timedelta(days=119, hours=23, minutes=30)):
        first = (clock.utcnow() + timedelta(days=15)).replace(hour=15, minute=0, second=0, microsecond=0)
        for at, title in ((first, "Sesión de instalación del foro"),
                          (add_months(first, 7), "Segunda sesión ordinaria")):
            sessions.schedule(chair, forum, title=title, starts_at=at, ends_at=at + timedelta(hours=2),
                              place="Ministerio de Educación, Lima", agenda=[sessions.ItemInput("Plan de trabajo")])
