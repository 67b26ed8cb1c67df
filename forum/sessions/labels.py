"""Translated words for sessions, for the pages and for the live page's script."""
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..organisations.labels import participant_labels
from .models import SessionStatus


def status_labels() -> dict:
    return {SessionStatus.SCHEDULED: _l("Scheduled"), SessionStatus.LIVE: _l("Live now"),
            SessionStatus.ENDED: _l("Ended")}


def client_strings() -> dict:
    """Every word static/live.js shows, in the reader's language (the script has none)."""
    return {
        "status": {k: str(v) for k, v in status_labels().items()},
        "groups": {k: str(v) for k, v in participant_labels().items()},
        "options": {"yes": _("Yes"), "no": _("No"), "abstain": _("Abstain")},
        "rules": {"simple": _("simple majority of votes cast"),
                  "double": _("double majority: State and civil society")},
        "roles": {"state_chair": _("State co-chair"), "civil_chair": _("Civil-society co-chair"), "member": ""},
        "present": _("present"), "absent": _("absent"),
        "quorum_met": _("Quorum: yes"), "quorum_missing": _("Quorum: not yet"),
        "quorum_detail": _("%(present)s of %(members)s members present (%(needed)s needed); State %(state)s, "
                           "civil society %(civil)s"),
        "nobody_waiting": _("Nobody is waiting."), "speaking": _("Has the floor:"),
        "nobody_speaking": _("Nobody has the floor."),
        "no_motion": _("No motion is open."), "votes_cast": _("votes cast"), "your_vote": _("Your vote:"),
        "carried": _("Carried"), "not_carried": _("Not carried"), "outcome": _("Result:"),
        "no_outcome": _("no majority"),
        "roll_call": _("Roll call"), "no_decisions": _("No motion was voted yet."),
        "approved_by": _("Approved by:"), "published": _("Published"),
        "saved": _("Saved"), "saving": _("Saving…"), "offline": _("Connection lost — reconnecting…"),
        "online": _("Connected: changes appear here by themselves"), "current": _("now"),
        "secret_ballot": _("Secret ballot: the counts are public, and each ballot's opening is on the trail "
                           "without a name."),
        "sealed": _("The count per option is sealed until the vote closes; ballots in, by group:"),
    }


def subject_labels() -> dict:
    """What an agenda item may be about."""
    return {"": _l("—"), "proposal": _l("Proposal"), "commitment": _l("Commitment"),
            "consultation": _l("Consultation")}
