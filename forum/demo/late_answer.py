"""Demo: the State's late answer (issue 27, item 4). The 2019-2021 comparison is published on
the story's last day, so no answer there can run past its 30 days; the previous plan's
Education forum (2017-2019, forum/demo/monitoring.py) agreed its plan early in the story. Its
Resolución Ministerial, published days later, leaves the scholarships register out; the
Ministry of Education answers for the omission 41 days after the comparison opened, 11 days
past the deadline, and the ledger shows it late.

Called after the monitoring story, whose forum it uses, so no earlier row changes number and
the 2019-2021 figures stay as their tests count them."""
from datetime import timedelta

from sqlalchemy import select

from ..core import clock
from ..extensions import db
from ..forums.models import Forum
from ..plans import services
from ..plans.services import agreed, official

ANSWER = ("El registro de becas quedó fuera porque su presupuesto pasó a otro pliego; el ministerio lo incluirá "
          "en la modificación del plan y lo informará al foro.")


def seed_late_answer(people, start) -> None:
    earlier = db.session.scalar(select(Forum).where(Forum.title == "Foro Multiactor de Educación (III Plan)"))
    assert earlier is not None
    carmen, sofia = people["minedu"], people["educa"]

    def at(day):
        return clock.frozen_at(start + timedelta(days=day, hours=11))

    with at(8):
        agreed.sign(carmen, earlier)
        agreed.sign(sofia, earlier)
    with at(12):
        published = (start + timedelta(days=12)).date()
        official.record(people["admin"], earlier.cycle, official.Official(
            "rm", "112-2017-MINEDU", "Ministerio de Educación", published, published, published + timedelta(days=700),
            "https://www.gob.pe/institucion/minedu/normas-legales/rm-112-2017-minedu"))
        omitted = next(d for d in services.publish(carmen, earlier) if d.kind == "omitted")
    with at(53):
        services.answer(carmen, omitted, ANSWER)
