"""The archive's table of the IAP2 level of each forum's implementation phase (issue 27,
item 7): the level, the rule's step that decided it and the figures the rule read, as the
forum's dashboard and the API show them (forum/dashboards/implementation.py)."""
from flask_babel import lazy_gettext as _l

from ..core.clock import utcnow
from ..dashboards import implementation
from ..monitoring import queries
from .tables import FORUM, C, Table


def _rows(ids):
    now = utcnow()
    for forum_id in ids:
        im = implementation.for_glance([forum_id], vars(queries.figures([forum_id], now)))
        f = {k: v for s in im["steps"] for k, v in s["figures"].items()}
        yield {"forum_id": forum_id, "level": im["level"], "decided_by": im["decided_by"],
               "updates": f["updates"], "verified": f["verified"], "lapsed": f["lapsed"],
               "contests_due": f["contests_due"], "answered": f["answered"],
               "answered_on_time": f["answered_on_time"], "overdue": f["overdue"], "adopted": f["adopted"],
               "monitored": f["monitored"], "neglected": f["neglected"], "reviews_last_year": f["reviews"],
               "reviews_attended_by_civil_chair": f["reviews_attended"]}


INFLUENCE_TABLES: tuple[Table, ...] = (
    Table("implementation_influence", _l("Level of public influence in the implementation phase (IAP2), by forum"), (
        FORUM, C("level", "string", _l("inform, consult, involve, collaborate or empower"), True),
        C("decided_by", "string", _l("The first step of the rule the figures do not meet"), True),
        C("updates", "integer", _l("Progress updates reported")),
        C("verified", "integer", _l("Updates confirmed or contested by civil society")),
        C("lapsed", "integer", _l("Updates not verified by civil society within the window")),
        C("contests_due", "integer", _l("Contests whose answer is due: answered, or overdue")),
        C("answered", "integer", _l("Contests answered")),
        C("answered_on_time", "integer", _l("Contests answered on time")),
        C("overdue", "integer", _l("Contests overdue without an answer")),
        C("adopted", "integer", _l("Adopted commitments")),
        C("monitored", "integer", _l("Adopted commitments with a civil-society co-monitor")),
        C("neglected", "integer", _l("Adopted commitments without civil-society attention")),
        C("reviews_last_year", "integer", _l("Implementation-review sessions held in the last twelve months")),
        C("reviews_attended_by_civil_chair", "integer", _l("Of those, the sessions the civil-society co-chair "
                                                           "checked in to")),
    ), _rows, primary_key=("forum_id",), foreign_keys=(("forum_id", "forums", "id"),)),
)
