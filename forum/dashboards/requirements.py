"""The OGP minimum requirements (Participation and Co-Creation Standards, 2022), judged from
Traza's own records, per forum and per cycle.

OGP's Independent Reporting Mechanism checks them by reading websites and interviewing
people; Traza holds the records that prove them. Each requirement here has its wording, the
rule that judges it from the records (shown on the page word for word), the figures the rule
used, a verdict — met, not met, not yet due — and the evidence: records with their trail
entries, which the evidence pack proves against the latest checkpoint.

Everything is read in a fixed number of statements whatever the number of proposals,
sessions or trail entries (`evaluate` issues eight); the rules themselves are plain Python
over those rows, so a test can state the answer for a hand-built cycle."""
from calendar import monthrange
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import and_, case, func, or_, select

from ..consultations.models import Consultation
from ..core.clock import iso, utcnow
from ..core.deadlines import elapsed, short_of
from ..extensions import db
from ..forums.models import Forum, ForumStatus
from ..proposals import deadlines as proposal_deadlines
from ..proposals.models import Proposal
from ..sessions import public as sessions_public
from ..sessions.models import ForumSession, SessionStatus
from ..trail.models import TrailEntry
from . import review_attendance
from .thresholds import Thresholds

MET, NOT_MET, NOT_YET_DUE = "met", "not_met", "not_yet_due"
MEETING_MONTHS = 6  # OGP: the forum meets at least every six months
TIMELINE_DAYS = 14  # OGP: the timeline is published at least two weeks ahead
SOURCE = "https://www.opengovpartnership.org/ogp-participation-co-creation-standards/"

# The requirement's key, the standard it belongs to, its wording (after OGP's) and the rule.
WORDING = {
    "forum": ("1", _l("A multi-stakeholder forum with government and civil society meets regularly, at least every "
                      "six months, and its basic rules on participation are public.")),
    "repository": ("2", _l("A publicly available online repository of the OGP process is kept and updated at least "
                           "twice a year.")),
    "timeline": ("3", _l("A timeline and overview of the opportunities to take part in co-creation are published at "
                         "least two weeks before the process starts.")),
    "channels": ("3", _l("Stakeholders have an open, accessible period to submit their inputs, long enough to take "
                         "part.")),
    "response": ("4", _l("A reasoned response is documented and published on how the inputs were taken into "
                         "account.")),
    "reviews": ("5", _l("At least two meetings a year present the implementation results to civil society and "
                        "hear its views.")),
}


def rules(t: Thresholds) -> dict:
    """The rule each verdict follows, as the page prints it."""
    return {
        "forum": _l("Met when the forum's terms of reference are public and no more than six calendar months pass "
                    "between its creation and its first session, between one session and the next — held, or "
                    "announced in its calendar — or from the last held session to today (a gap of exactly six "
                    "months is met). Not yet due while the forum is a draft, or younger than six months with no "
                    "session held."),
        "repository": _l("Traza is the repository: every public trail entry of the forum updates it. Met when every "
                         "calendar half-year (January–June, July–December) from the forum's creation up to the last "
                         "one that has ended has at least one update. Not yet due until a half-year has ended."),
        "timeline": _l("The forum's published calendar — its sessions and consultations — is the timeline. Met when "
                       "the first of them was announced at least 14 days before it began (14 days minus one second "
                       "is not met). Not yet due until one is announced."),
        "channels": lazy_ngettext(
            "Met when every consultation that has opened stays open at least %(num)d day (set by the country: "
            "MINREQ_CHANNEL_DAYS). Not yet due until one opens.",
            "Met when every consultation that has opened stays open at least %(num)d days (set by the country: "
            "MINREQ_CHANNEL_DAYS). Not yet due until one opens.", t.channel_days),
        "response": _l("Met when no proposal is past its forum's response deadline without a reasoned answer. Not "
                       "yet due until a deadline passes or an answer is given."),
        "reviews": lazy_ngettext(
            "Implementation starts with the forum's first adopted commitment. A session marked as an "
            "implementation review counts once it has ended, and only when the civil-society co-chair (who held "
            "the seat when it started) checked in to it. Met when each full year since then counted at least "
            "%(num)d review (MINREQ_REVIEWS_PER_YEAR), or the running year already did. Not met when a full year "
            "counted fewer. Not yet due before.",
            "Implementation starts with the forum's first adopted commitment. A session marked as an "
            "implementation review counts once it has ended, and only when the civil-society co-chair (who held "
            "the seat when it started) checked in to it. Met when each full year since then counted at least "
            "%(num)d reviews (MINREQ_REVIEWS_PER_YEAR), or the running year already did. Not met when a full year "
            "counted fewer. Not yet due before.",
            t.reviews_per_year),
    }


@dataclass
class Evidence:
    """One record that supports a verdict, with the trail entry that put it on the record."""

    kind: str  # forum_rules, session, minutes, repository, timeline, consultation, response, review
    title: str
    at: datetime
    seq: int | None
    endpoint: str
    params: dict
    document: tuple[str, str] | None = None  # (table, id) whose text the evidence pack carries


@dataclass
class Requirement:
    key: str
    standard: str
    wording: Any
    rule: Any
    verdict: str
    figures: dict
    evidence: list[Evidence]
    forum: Forum


def add_months(t: datetime, months: int) -> datetime:
    """The same day and time `months` calendar months later (the month's last day when it is
    shorter): 31 August + 6 months is 28 or 29 February."""
    index = t.month - 1 + months
    year, month = t.year + index // 12, index % 12 + 1
    return t.replace(year=year, month=month, day=min(t.day, monthrange(year, month)[1]))


def half_year(t: datetime) -> tuple[int, int]:
    return t.year, 1 if t.month <= 6 else 2


def _half_years(first: tuple[int, int], last: tuple[int, int]) -> list[tuple[int, int]]:
    out, (y, h) = [], first
    while (y, h) <= last:
        out.append((y, h))
        y, h = _after((y, h))
    return out


def _after(half: tuple[int, int]) -> tuple[int, int]:
    y, h = half
    return (y, 2) if h == 1 else (y + 1, 1)


def _half_start(y: int, h: int) -> datetime:
    return datetime(y, 1 if h == 1 else 7, 1)


def combine(verdicts) -> str:
    """A cycle's verdict from its forums': not met if any forum fails it, met if any meets it."""
    verdicts = list(verdicts)
    return NOT_MET if NOT_MET in verdicts else MET if MET in verdicts else NOT_YET_DUE


@dataclass
class Records:
    """The rows the rules read, for a set of forums: eight statements in all."""

    sessions: dict = field(default_factory=lambda: defaultdict(list))
    consultations: dict = field(default_factory=lambda: defaultdict(list))
    halves: dict = field(default_factory=lambda: defaultdict(dict))  # forum -> (y, h) -> (count, first seq)
    entries: dict = field(default_factory=dict)  # (action, subject id) -> entry; first-of-half by seq
    owed: dict = field(default_factory=dict)  # forum -> (answered, overdue)
    implementation: dict = field(default_factory=dict)  # forum -> first adoption time
    reviews: dict = field(default_factory=lambda: defaultdict(list))  # forum -> review_attendance.held rows


EVIDENCE_ACTIONS = ("forum.created", "session.scheduled", "session.started", "session.minutes_published",
                    "session.review_marked", "consultation.opened")


def load(forums: list[Forum], now: datetime) -> Records:
    ids = [f.id for f in forums] or [0]
    r = Records()
    for s in db.session.scalars(select(ForumSession).where(ForumSession.forum_id.in_(ids))
                                .order_by(ForumSession.starts_at, ForumSession.id)):
        r.sessions[s.forum_id].append(s)
    for c in db.session.scalars(select(Consultation).where(Consultation.forum_id.in_(ids))
                                .order_by(Consultation.starts_at, Consultation.id)):
        r.consultations[c.forum_id].append(c)
    # Each entry's half-year by comparing its time with the half-years' bounds, not by
    # taking the date apart per row: at 200,000 entries that was 2.1 s of a 2.8 s page on SQLite.
    spans = _half_years(min((half_year(f.created_at) for f in forums), default=half_year(now)), half_year(now))
    starts = [_half_start(y, h) for y, h in [*spans, _after(spans[-1])]]
    bucket = case((TrailEntry.at < starts[0], -1), *((TrailEntry.at < end, i) for i, end in enumerate(starts[1:])),
                  else_=len(spans)).label("half")
    entries = select(TrailEntry.forum_id, bucket, TrailEntry.seq).where(TrailEntry.forum_id.in_(ids)).subquery()
    firsts = []
    for forum_id, i, n, first in db.session.execute(
            select(entries.c.forum_id, entries.c.half, func.count(), func.min(entries.c.seq))
            .group_by(entries.c.forum_id, entries.c.half)):
        if 0 <= i < len(spans):  # before the first forum or after now: no half-year any page shows
            r.halves[forum_id][spans[i]] = (n, first)
            firsts.append(first)
    for e in db.session.scalars(select(TrailEntry).where(
            or_(and_(TrailEntry.forum_id.in_(ids), TrailEntry.action.in_(EVIDENCE_ACTIONS)),
                TrailEntry.seq.in_(firsts or [0]))).order_by(TrailEntry.seq)):
        r.entries.setdefault((e.action, e.subject_id), e)  # the first one, for a subject marked twice
        r.entries[("seq", e.seq)] = e
    by_forum = {f.id: f for f in forums}
    overdue = or_(*(and_(Proposal.forum_id == f.id, proposal_deadlines.overdue_sql(f, now)) for f in forums)) \
        if forums else Proposal.id.is_(None)
    for forum_id, answered, late in db.session.execute(
            select(Proposal.forum_id, func.count(Proposal.first_response_at),
                   func.sum(case((overdue, 1), else_=0)))
            # Hidden proposals too: hiding takes back the words, never the duty to answer them.
            .where(Proposal.forum_id.in_(ids)).group_by(Proposal.forum_id)):
        if forum_id in by_forum:
            r.owed[forum_id] = (answered or 0, int(late or 0))
    r.implementation = dict(db.session.execute(
        select(TrailEntry.forum_id, func.min(TrailEntry.at))
        .where(TrailEntry.forum_id.in_(ids), TrailEntry.action == "commitment.adopted")
        .group_by(TrailEntry.forum_id)).all())
    for review in review_attendance.held(ids, now):
        r.reviews[review["forum"]].append(review)
    return r


def _seq(r: Records, action: str, subject_id) -> int | None:
    e = r.entries.get((action, str(subject_id)))
    return e.seq if e is not None else None


def held(s: ForumSession) -> bool:
    """Started on the platform (a live session is being held now)."""
    return s.status != SessionStatus.SCHEDULED and s.started_at is not None


def _held_evidence(r: Records, sessions: list[ForumSession], kind: str, action: str) -> list[Evidence]:
    """Each session held (proved by `action`'s entry) and its minutes, once published."""
    out = []
    for s in sessions:
        out.append(Evidence(kind, s.title, s.started_at or s.starts_at, _seq(r, action, s.id), "sessions.show",
                            {"session_id": s.id}))
        if published := sessions_public.published_at(s):
            out.append(Evidence("minutes", s.title, published, _seq(r, "session.minutes_published", s.id),
                                "sessions.minutes_page", {"session_id": s.id}, ("minutes", str(s.id))))
    return out


def judge_forum(f: Forum, r: Records, now: datetime) -> Requirement:
    sessions = [s for s in r.sessions[f.id] if held(s)]
    planned = [s for s in r.sessions[f.id] if s.status == SessionStatus.SCHEDULED and s.starts_at > now]
    end = f.status_changed_at if f.status == ForumStatus.CLOSED and f.status_changed_at else now
    # Held sessions, then the published calendar: a forum whose next session is announced for
    # more than six months after its last one has already said it will not meet in time.
    points = [f.created_at, *(s.started_at for s in sessions), *(s.starts_at for s in planned)]
    if not planned or f.status == ForumStatus.CLOSED:
        points.append(end)
    gaps = [(a, b) for a, b in zip(points, points[1:], strict=False)]
    too_long = [(a, b) for a, b in gaps if b > add_months(a, MEETING_MONTHS)]
    rules_public = bool((f.terms_of_reference or "").strip())
    if f.status == ForumStatus.DRAFT:
        verdict = NOT_YET_DUE
    elif too_long or (not rules_public and (sessions or end > add_months(f.created_at, MEETING_MONTHS))):
        verdict = NOT_MET
    elif sessions or end > add_months(f.created_at, MEETING_MONTHS):
        verdict = MET
    else:
        verdict = NOT_YET_DUE
    longest = max(((b - a) for a, b in gaps), default=timedelta(0))
    evidence = [Evidence("forum_rules", f.title, f.created_at, _seq(r, "forum.created", f.id), "forums.show",
                         {"forum_id": f.id}, ("forum_rules", str(f.id)) if rules_public else None)]
    evidence += _held_evidence(r, sessions, "session", "session.started")
    evidence += [Evidence("planned", s.title, s.starts_at, _seq(r, "session.scheduled", s.id), "sessions.show",
                          {"session_id": s.id}) for s in planned]
    return Requirement("forum", *WORDING["forum"], None, verdict, {
        "sessions_held": len(sessions), "sessions_planned": len(planned), "rules_public": rules_public,
        "longest_gap_days": longest.days, "gaps_over_six_months": len(too_long),
        "last_session": sessions[-1].started_at if sessions else None}, evidence, f)


def judge_repository(f: Forum, r: Records, now: datetime) -> Requirement:
    halves = _half_years(half_year(f.created_at), half_year(now))
    ended = halves[:-1]  # the running half-year is not over yet
    counts = {f"{y}-H{h}": r.halves[f.id].get((y, h), (0, None))[0] for y, h in halves}
    empty = [f"{y}-H{h}" for y, h in ended if not r.halves[f.id].get((y, h))]
    verdict = NOT_MET if empty else MET if ended else NOT_YET_DUE
    evidence = []
    for y, h in halves:
        if (found := r.halves[f.id].get((y, h))) and (e := r.entries.get(("seq", found[1]))) is not None:
            evidence.append(Evidence("repository", f"{y}-H{h}: {e.action}", e.at, e.seq, "trail.entry",
                                     {"seq": e.seq}))
    return Requirement("repository", *WORDING["repository"], None, verdict, {
        "updates_by_half_year": counts, "half_years_ended": len(ended), "half_years_without_update": empty},
        evidence, f)


def judge_timeline(f: Forum, r: Records, now: datetime) -> Requirement:
    chances = [(s.starts_at, s.created_at, "session", s) for s in r.sessions[f.id]] + \
              [(c.starts_at, c.created_at, "consultation", c) for c in r.consultations[f.id]]
    if not chances:
        return Requirement("timeline", *WORDING["timeline"], None, NOT_YET_DUE,
                           {"first_opportunity": None, "announced": None, "notice_seconds": None}, [], f)
    starts, announced, kind, row = min(chances, key=lambda x: (x[0], x[1]))
    notice = starts - announced
    verdict = NOT_MET if short_of(elapsed(announced, starts), TIMELINE_DAYS) else MET
    action, endpoint, key = (("session.scheduled", "sessions.show", "session_id") if kind == "session"
                             else ("consultation.opened", "consultations.show", "consultation_id"))
    evidence = [Evidence("timeline", row.title, announced, _seq(r, action, row.id), endpoint, {key: row.id})]
    return Requirement("timeline", *WORDING["timeline"], None, verdict, {
        "first_opportunity": starts, "announced": announced, "notice_seconds": int(notice.total_seconds()),
        "notice_days": round(notice.total_seconds() / 86400, 2)}, evidence, f)


def judge_channels(f: Forum, r: Records, now: datetime, t: Thresholds) -> Requirement:
    opened = [c for c in r.consultations[f.id] if c.starts_at <= now]
    short = [c for c in opened if short_of(elapsed(c.starts_at, c.ends_at), t.channel_days)]
    verdict = NOT_YET_DUE if not opened else NOT_MET if short else MET
    shortest = min((c.ends_at - c.starts_at for c in opened), default=None)
    evidence = [Evidence("consultation", c.title, c.starts_at, _seq(r, "consultation.opened", c.id),
                         "consultations.show", {"consultation_id": c.id}, ("consultation", str(c.id)))
                for c in opened]
    return Requirement("channels", *WORDING["channels"], None, verdict, {
        "consultations_opened": len(opened), "shorter_than_minimum": len(short), "minimum_days": t.channel_days,
        "shortest_days": round(shortest.total_seconds() / 86400, 2) if shortest is not None else None},
        evidence, f)


def judge_response(f: Forum, r: Records, now: datetime) -> Requirement:
    answered, overdue = r.owed.get(f.id, (0, 0))
    verdict = NOT_MET if overdue else MET if answered else NOT_YET_DUE
    evidence = [Evidence("ledger", f.title, now, None, "proposals.ledger", {"forum_id": f.id})]
    return Requirement("response", *WORDING["response"], None, verdict,
                       {"answered": answered, "overdue_without_answer": overdue,
                        "deadline_days": f.response_deadline_days}, evidence, f)


def judge_reviews(f: Forum, r: Records, now: datetime, t: Thresholds) -> Requirement:
    """Each year of implementation lists its reviews, each with whether it counted and why
    (review_attendance: the civil-society co-chair attended, did not check in, or nobody held
    the seat); the verdict reads only the counted ones."""
    reviews = r.reviews[f.id]
    start = r.implementation.get(f.id)
    years: list[dict] = []
    if start is not None:
        k = 0
        while (begin := add_months(start, 12 * k)) <= now:
            finish = add_months(start, 12 * (k + 1))
            its = [v for v in reviews if begin <= v["started_at"] < finish]
            years.append({"from": begin, "to": finish, "ended": finish <= now, "held": len(its),
                          "counted": sum(1 for v in its if v["attended"]), "reviews": its})
            k += 1
    short = [y for y in years if y["ended"] and y["counted"] < t.reviews_per_year]
    if short:
        verdict = NOT_MET
    elif any(y["ended"] for y in years) or (years and years[-1]["counted"] >= t.reviews_per_year):
        verdict = MET
    else:
        verdict = NOT_YET_DUE
    ids = {v["session"] for v in reviews}
    evidence = _held_evidence(r, [s for s in r.sessions[f.id] if s.id in ids], "review", "session.review_marked")
    return Requirement("reviews", *WORDING["reviews"], None, verdict, {
        "held": len(reviews), "counted": sum(1 for v in reviews if v["attended"]),
        "dates": [v["started_at"] for v in reviews], "implementation_started": start,
        "years": years, "per_year": t.reviews_per_year}, evidence, f)


def for_forum(f: Forum, r: Records, now: datetime, t: Thresholds) -> list[Requirement]:
    out = [judge_forum(f, r, now), judge_repository(f, r, now), judge_timeline(f, r, now),
           judge_channels(f, r, now, t), judge_response(f, r, now), judge_reviews(f, r, now, t)]
    written = rules(t)
    for req in out:
        req.rule = written[req.key]
    return out


@dataclass
class Report:
    """The requirements of a cycle (or one forum): the combined verdicts and each forum's."""

    forums: list[Forum]
    by_forum: dict  # forum id -> [Requirement]
    verdicts: dict  # requirement key -> combined verdict
    thresholds: Thresholds
    now: datetime

    def rows(self, key: str) -> list[Requirement]:
        return [reqs[i] for reqs in self.by_forum.values() for i, r in enumerate(reqs) if r.key == key]


def evaluate(forums: list[Forum], t: Thresholds, now: datetime | None = None) -> Report:
    now = now or utcnow()
    r = load(forums, now)
    by_forum = {f.id: for_forum(f, r, now, t) for f in forums}
    verdicts = {key: combine(req.verdict for reqs in by_forum.values() for req in reqs if req.key == key)
                for key in WORDING}
    return Report(forums, by_forum, verdicts, t, now)


def review_sessions(forums: list[Forum]) -> list[dict]:
    """Held implementation reviews, oldest first, each with whether it counted and why: the
    cycle page's and the forum dashboard's list (review_attendance.held), every one ended."""
    return review_attendance.held([f.id for f in forums])


def plain(value):
    """Figures as JSON can carry them: times as RFC 3339 strings, tuples as lists."""
    if isinstance(value, datetime):
        return iso(value)
    if isinstance(value, dict):
        return {k: plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value
