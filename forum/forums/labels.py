"""Translated names for forum states, IAP2 levels and seats (used by pages and messages)."""
from flask_babel import lazy_gettext as _l

from .models import ForumStatus, Influence, SeatRole


def influence_labels() -> dict:
    return {
        Influence.INFORM: _l("Inform"),
        Influence.CONSULT: _l("Consult"),
        Influence.INVOLVE: _l("Involve"),
        Influence.COLLABORATE: _l("Collaborate"),
        Influence.EMPOWER: _l("Empower"),
    }


def role_labels() -> dict:
    return {SeatRole.STATE_CHAIR: _l("State co-chair"), SeatRole.CIVIL_CHAIR: _l("Civil-society co-chair"),
            SeatRole.MEMBER: _l("Member")}


def status_labels() -> dict:
    return {ForumStatus.DRAFT: _l("Draft"), ForumStatus.OPEN: _l("Open"), ForumStatus.CLOSED: _l("Closed")}
