"""Translated names of the requirement verdicts and of the kinds of evidence."""
from flask_babel import lazy_gettext as _l


def verdict_labels() -> dict:
    return {"met": _l("Met"), "not_met": _l("Not met"), "not_yet_due": _l("Not yet due")}


def evidence_labels() -> dict:
    return {"forum_rules": _l("Terms of reference"), "session": _l("Session held"),
            "planned": _l("Session announced"), "minutes": _l("Minutes"),
            "repository": _l("Repository update"), "timeline": _l("Published timeline"),
            "consultation": _l("Consultation period"), "ledger": _l("Response ledger"),
            "review": _l("Implementation-review session"), "response": _l("Reasoned response")}


def requirement_titles() -> dict:
    return {"forum": _l("A forum that meets at least every six months, with public rules"),
            "repository": _l("An online repository updated at least twice a year"),
            "timeline": _l("A co-creation timeline published at least two weeks ahead"),
            "channels": _l("Channels open long enough"),
            "response": _l("A reasoned response on how inputs were taken into account"),
            "reviews": _l("At least two meetings a year presenting implementation results")}


def figure_labels() -> dict:
    return {"sessions_held": _l("Sessions held"),
            "sessions_planned": _l("Sessions announced"), "rules_public": _l("Terms of reference public"),
            "longest_gap_days": _l("Longest gap without a session (days)"),
            "gaps_over_six_months": _l("Gaps longer than six months"), "last_session": _l("Last session held"),
            "updates_by_half_year": _l("Updates by half-year"), "half_years_ended": _l("Half-years ended"),
            "half_years_without_update": _l("Half-years without an update"),
            "first_opportunity": _l("First opportunity to take part"), "announced": _l("Announced"),
            "notice_seconds": _l("Notice (seconds)"), "notice_days": _l("Notice (days)"),
            "consultations_opened": _l("Consultations opened"), "shorter_than_minimum": _l("Shorter than the minimum"),
            "minimum_days": _l("Minimum (days)"), "shortest_days": _l("Shortest period (days)"),
            "answered": _l("Proposals answered"), "overdue_without_answer": _l("Past the deadline without an answer"),
            "deadline_days": _l("Response deadline (days)"), "held": _l("Implementation reviews held"),
            "counted": _l("Reviews counted (the civil-society co-chair attended)"),
            "dates": _l("When"), "implementation_started": _l("Implementation started"),
            "years": _l("Reviews by year of implementation"), "per_year": _l("Required a year")}
