"""The IAP2 level of public influence in the *implementation* phase (issue 27, item 7): how far
civil society shaped what the State did with the plan once adopted, read from the monitoring
figures by a rule the page prints with the figures it used. The IRM rates "level of public
influence" on the same spectrum; co-creation has its own level (figures.iap2), this one asks
what happened after adoption, where Peru's 2017–2019 plan stayed at *Inform*.

Each step needs the one before it:
  inform       the State reports progress on the trail (always, here);
  consult      civil society confirmed or contested at least one update, and the State answered
               at least ANSWERED% of the contests whose answer is due (none due counts as met);
  involve      at least MONITORED% of the adopted commitments have a co-monitor, and civil
               society confirmed or contested at least VERIFIED% of the updates whose window
               has closed (the rest lapsed unverified);
  collaborate  at least MINREQ_REVIEWS_PER_YEAR implementation reviews counted in the last twelve
               months — by review_attendance, the rule standard 5 of the minimum requirements
               asks too: ended, with the civil-society co-chair checked in — at least ON_TIME%
               of the contests due answered on time, and no more than NEGLECTED% of the adopted
               commitments without civil-society attention;
  empower      not derivable from records: it needs terms that hand decisions on the plan's
               implementation to the public.
The percentages are settings, checked when the app starts as the OGP thresholds are."""
from dataclasses import asdict, dataclass
from datetime import datetime

from flask import current_app
from sqlalchemy import distinct, func, select

from ..commitments.models import Commitment
from ..core.clock import utcnow
from ..extensions import db
from ..forums.models import Influence
from ..monitoring import deadlines
from ..monitoring.models import CoMonitor, ContestAnswer, UpdateVerdict, Verdict
from . import review_attendance, spectrum, thresholds

# name: (default, lowest, highest, what it is)
SETTINGS = {
    "IAP2_IMPL_ANSWERED_PCT": (80, 50, 100, "percent of the contests due an answer the State must have answered "
                                            "for Consult"),
    "IAP2_IMPL_MONITORED_PCT": (50, 1, 100, "percent of the adopted commitments that need a co-monitor for Involve"),
    "IAP2_IMPL_VERIFIED_PCT": (50, 1, 100, "percent of the updates past their window civil society must have "
                                           "confirmed or contested for Involve"),
    "IAP2_IMPL_ON_TIME_PCT": (80, 50, 100, "percent of the contests due that must be answered on time for "
                                           "Collaborate"),
    "IAP2_IMPL_NEGLECTED_PCT": (10, 0, 50, "highest percent of the adopted commitments left without civil-society "
                                           "attention for Collaborate"),
}


def check(config) -> dict:
    return thresholds.read(config, SETTINGS)


@dataclass
class Level:
    level: str
    decided_by: str  # the first step not met: the one that stopped the climb
    steps: list


def share(n: int, of: int) -> float | None:
    return n / of if of else None


def facts(forum_ids: list[int], now: datetime) -> dict:
    """What the monitoring figures do not count already, in one statement: adopted commitments,
    how many have a co-monitor and contests overdue without answer (the reviews are
    review_attendance's, the one rule that counts them)."""
    ids = list(forum_ids) or [0]
    adopted = (Commitment.forum_id.in_(ids), Commitment.adopted.is_not(None))
    row = db.session.execute(select(
        select(func.count()).select_from(Commitment).where(*adopted).scalar_subquery(),
        select(func.count(distinct(CoMonitor.commitment_id))).join(Commitment, Commitment.id == CoMonitor.commitment_id)
        .where(*adopted).scalar_subquery(),
        select(func.count()).select_from(UpdateVerdict).join(Commitment, Commitment.id == UpdateVerdict.commitment_id)
        .outerjoin(ContestAnswer, ContestAnswer.verdict_id == UpdateVerdict.id)
        .where(Commitment.forum_id.in_(ids), UpdateVerdict.verdict == Verdict.CONTESTED, ContestAnswer.id.is_(None),
               deadlines.overdue_sql(now)).scalar_subquery())).one()
    return dict(zip(("adopted", "monitored", "overdue"), (int(n or 0) for n in row), strict=True))


def level(forum_ids: list[int], monitoring: dict, now: datetime, config) -> Level:
    """The level, the step that decided it and each step with the figures it used;
    `monitoring` is monitoring.queries.figures as a dict."""
    t, per_year = check(config), thresholds.check(config).reviews_per_year
    f = facts(forum_ids, now)
    reviews = review_attendance.last_year(forum_ids, now)
    attended = sum(1 for r in reviews if r["attended"])
    m = monitoring
    verified = m["confirmed"] + m["contested"]
    closed = verified + m["lapsed"]
    answered = m["answered_on_time"] + m["answered_late"]
    due = answered + f["overdue"]
    tests = [
        (Influence.INFORM, True, {"updates": closed + m["awaiting"]}),
        (Influence.CONSULT, verified > 0 and (not due or answered / due * 100 >= t["IAP2_IMPL_ANSWERED_PCT"]),
         {"verified": verified, "contests_due": due, "answered": answered, "overdue": f["overdue"],
          "share_answered": share(answered, due), "threshold": t["IAP2_IMPL_ANSWERED_PCT"] / 100}),
        (Influence.INVOLVE, bool(f["adopted"]) and f["monitored"] / f["adopted"] * 100 >= t["IAP2_IMPL_MONITORED_PCT"]
         and bool(closed) and verified / closed * 100 >= t["IAP2_IMPL_VERIFIED_PCT"],
         {"adopted": f["adopted"], "monitored": f["monitored"], "share_monitored": share(f["monitored"], f["adopted"]),
          "monitored_threshold": t["IAP2_IMPL_MONITORED_PCT"] / 100, "verified": verified, "closed": closed,
          "lapsed": m["lapsed"], "share_verified": share(verified, closed),
          "verified_threshold": t["IAP2_IMPL_VERIFIED_PCT"] / 100}),
        (Influence.COLLABORATE, attended >= per_year
         and (not due or m["answered_on_time"] / due * 100 >= t["IAP2_IMPL_ON_TIME_PCT"])
         and bool(f["adopted"]) and m["neglected"] / f["adopted"] * 100 <= t["IAP2_IMPL_NEGLECTED_PCT"],
         {"reviews": len(reviews), "reviews_attended": attended, "review_sessions": reviews,
          "reviews_threshold": per_year, "contests_due": due,
          "answered_on_time": m["answered_on_time"], "share_on_time": share(m["answered_on_time"], due),
          "on_time_threshold": t["IAP2_IMPL_ON_TIME_PCT"] / 100, "neglected": m["neglected"], "adopted": f["adopted"],
          "share_neglected": share(m["neglected"], f["adopted"]),
          "neglected_threshold": t["IAP2_IMPL_NEGLECTED_PCT"] / 100}),
        (Influence.EMPOWER, False, {}),
    ]
    return Level(*spectrum.climb(tests))


def for_glance(forum_ids: list[int], monitoring: dict) -> dict:
    """`level` as the glance, the API and the archive carry it: plain data."""
    return asdict(level(forum_ids, monitoring, utcnow(), current_app.config))
