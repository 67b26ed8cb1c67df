"""Translated words for sessions, for the pages and for the live page's script."""
from functools import lru_cache

from flask_babel import get_locale, get_timezone, get_translations
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..i18n import zone_name
from ..organisations.labels import participant_labels
from .models import SessionStatus


def status_labels() -> dict:
    return {SessionStatus.SCHEDULED: _l("Scheduled"), SessionStatus.LIVE: _l("Live now"),
            SessionStatus.ENDED: _l("Ended")}


def client_strings() -> dict:
    """Every word static/live.js shows, in the reader's language (the script has none):
    translated once per language and zone in a process, not on every build of the live page
    (some sixty lookups, a tenth of its build). The same dict each time: read it, never change it."""
    return _client_strings(str(get_locale()), str(get_timezone()))


@lru_cache(maxsize=8)
def _client_strings(_locale: str, _zone: str) -> dict:
    """`plurals` holds each counted phrase as [one, other], untouched by formatting: the
    translated forms for 1 and for 2. Spanish and English both have exactly these two forms
    for whole numbers (CLDR "one" and "other"), and live.js picks by `n === 1`."""
    t = get_translations()
    return {
        "zone": str(get_timezone()), "zone_name": zone_name(),
        "plurals": {
            "votes_cast": [t.ngettext("%(num)s vote cast", "%(num)s votes cast", n) for n in (1, 2)],
            "quorum_detail": [t.ngettext(
                "%(present)s of %(num)s member present (%(needed)s needed); State %(state)s, civil society %(civil)s",
                "%(present)s of %(num)s members present (%(needed)s needed); State %(state)s, civil society "
                "%(civil)s", n) for n in (1, 2)],
            "withdrawn": [t.ngettext(
                "Withdrawn without a result (%(who)s): %(num)s ballot cast was discarded unread.",
                "Withdrawn without a result (%(who)s): %(num)s ballots cast were discarded unread.", n)
                for n in (1, 2)],
        },
        "status": {k: str(v) for k, v in status_labels().items()},
        "groups": {k: str(v) for k, v in participant_labels().items()},
        "options": {"yes": _("Yes"), "no": _("No"), "abstain": _("Abstain")},
        "rules": {"simple": _("simple majority of votes cast"),
                  "double": _("double majority: State and civil society")},
        "roles": {"state_chair": _("State co-chair"), "civil_chair": _("Civil-society co-chair"), "member": ""},
        "present": _("present"), "absent": _("absent"),
        "quorum_met": _("Quorum: yes"), "quorum_missing": _("Quorum: not yet"),
        "quorum_blocked": _("No vote opens and no result is declared while quorum is not met, unless both "
                            "co-chairs record a reason to decide without it."),
        "override_key": _("Key to decide without quorum —"),
        "override_done": _("Both co-chairs agreed to decide without quorum: their keys cover the votes opened "
                           "and closed until quorum is met again, and then lapse."),
        "override_waiting": _("Waiting for the other co-chair's key before deciding without quorum."),
        "started": _("Started %(when)s."), "reason": _("Reason:"),
        "minutes_empty": _("There is nothing to approve yet: the minutes are empty."),
        "quorum_held": _("Quorum held: %(present)s present, %(needed)s needed."),
        "without_quorum": _("Decided without quorum"),
        "quorum_at_open": _("at the opening"), "quorum_at_close": _("at the close"),
        "nobody_waiting": _("Nobody is waiting."), "speaking": _("Has the floor:"),
        "nobody_speaking": _("Nobody has the floor."),
        "no_motion": _("No motion is open."), "your_vote": _("Your vote:"),
        "carried": _("Carried"), "not_carried": _("Not carried"), "outcome": _("Result:"),
        "no_outcome": _("no majority"),
        "roll_call": _("Roll call"), "no_decisions": _("No motion was voted yet."),
        "approved_by": _("Approved by:"), "published": _("Published"),
        "saved": _("Saved"), "saving": _("Saving…"), "offline": _("Connection lost — reconnecting…"),
        "online": _("Connected: changes appear here by themselves"), "current": _("now"),
        "secret_ballot": _("Secret ballot: the counts are public, and each ballot's opening is on the trail "
                           "without a name."),
        "sealed": _("The count per option is sealed until the vote closes; ballots in, by group:"),
        "seat_ended": _("Your seat in this forum has ended: you can no longer vote or ask for the floor here. "
                        "You may keep following the session."),
    }


def subject_labels() -> dict:
    """What an agenda item may be about."""
    return {"": _l("—"), "proposal": _l("Proposal"), "commitment": _l("Commitment"),
            "consultation": _l("Consultation")}
