"""What the states of civil society's verification are called."""
from flask_babel import lazy_gettext as _l

from . import queries


def statuses() -> dict:
    """An update's state, and a commitment's completion as civil society sees it."""
    return {
        queries.CONFIRMED: _l("confirmed by civil society"),
        queries.CONTESTED: _l("contested"),
        queries.LAPSED: _l("not verified by civil society"),
        queries.AWAITING: _l("awaiting civil society"),
        queries.REPORTED: _l("reported"),
        queries.ON_TIME: _l("answered on time"),
        queries.LATE: _l("answered late"),
        queries.UNANSWERED: _l("awaiting the State's answer"),
    }


def shows() -> dict:
    """The title of each figure's list."""
    return {
        queries.CONFIRMED: _l("Updates confirmed by civil society"),
        queries.CONTESTED: _l("Contested updates"),
        queries.LAPSED: _l("Updates not verified by civil society (window over)"),
        queries.AWAITING: _l("Updates awaiting the co-monitor"),
        queries.ON_TIME: _l("Contests answered on time"),
        queries.LATE: _l("Contests answered late"),
        queries.UNANSWERED: _l("Contests awaiting the State's answer"),
        "neglected": _l("Commitments without civil-society attention"),
    }
