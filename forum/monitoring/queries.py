"""What civil society's part in implementation looks like, read in a fixed number of
statements whatever the number of commitments, milestones or updates: each update's state,
each commitment's completion as civil society sees it, the neglect flag, the figures and
their lists."""
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import and_, case, func, select, union_all

from ..commitments.models import Commitment, CommitmentVersion, ProgressUpdate, SignOff
from ..consultations.models import Consultation, ConsultationComment
from ..core import deadlines as clock_rule
from ..core.deadlines import Clock
from ..extensions import db
from ..organisations.models import Organisation, OrgKind
from . import deadlines
from .models import CoMonitor, ContestAnswer, UpdateVerdict, Verdict

# An update's state as civil society's verification leaves it.
CONFIRMED, CONTESTED, LAPSED, AWAITING = "confirmed", "contested", "lapsed", "awaiting"
# A commitment's completion as civil society sees it.
REPORTED = "reported"
# A contest's answer, on the proposals' clock.
ON_TIME, LATE, UNANSWERED = "on_time", "late", "waiting"


@dataclass(frozen=True)
class UpdateState:
    status: str  # CONFIRMED, CONTESTED, LAPSED or AWAITING
    window: Clock
    verdict: UpdateVerdict | None
    answer: ContestAnswer | None

    @property
    def pending(self) -> bool:
        """Still open to the co-monitor's verdict."""
        return self.status == AWAITING

    @property
    def answer_clock(self) -> Clock | None:
        return deadlines.answer_clock(self.verdict) if self.status == CONTESTED and self.verdict else None

    @property
    def answer_status(self) -> str | None:
        if self.status != CONTESTED:
            return None
        if self.answer is None:
            return UNANSWERED
        return LATE if deadlines.answer_days_late(self.answer) is not None else ON_TIME

    @property
    def answer_days_late(self) -> int | None:
        return deadlines.answer_days_late(self.answer) if self.answer is not None else None


def states(updates: list[ProgressUpdate], now: datetime) -> dict[int, UpdateState]:
    """update id -> its state, in one statement."""
    ids = [u.id for u in updates]
    found: dict[int, tuple[UpdateVerdict | None, ContestAnswer | None]] = {}
    if ids:
        for row in db.session.execute(select(UpdateVerdict, ContestAnswer)
                                      .outerjoin(ContestAnswer, ContestAnswer.verdict_id == UpdateVerdict.id)
                                      .where(UpdateVerdict.update_id.in_(ids))):
            found[row[0].update_id] = (row[0], row[1])
    out = {}
    for u in updates:
        verdict, answer = found.get(u.id, (None, None))
        window = deadlines.window(u)
        status = verdict.verdict if verdict is not None else (
            LAPSED if deadlines.lapsed(u, verdict, now) else AWAITING)
        out[u.id] = UpdateState(status, window, verdict, answer)
    return out


def standing(latest: dict[int, ProgressUpdate], judged: dict[int, str]) -> str | None:
    """The completion as civil society sees it, by a rule the page states: none reported → None;
    any milestone's latest update contested → contested; every one confirmed → confirmed by
    civil society; otherwise reported (the State's word)."""
    if not latest:
        return None
    said = [judged.get(u.id) for u in latest.values()]
    if Verdict.CONTESTED in said:
        return CONTESTED
    return CONFIRMED if all(s == Verdict.CONFIRMED for s in said) else REPORTED


def verdicts(update_ids: list[int]) -> dict[int, str]:
    """update id -> confirmed or contested, in one statement (for completion across a plan)."""
    if not update_ids:
        return {}
    return dict(db.session.execute(select(UpdateVerdict.update_id, UpdateVerdict.verdict)
                                   .where(UpdateVerdict.update_id.in_(update_ids))).all())


def standings(latest_by_commitment: dict[int, dict[int, ProgressUpdate]]) -> dict[int, str | None]:
    judged = verdicts([u.id for latest in latest_by_commitment.values() for u in latest.values()])
    return {cid: standing(latest, judged) for cid, latest in latest_by_commitment.items()}


def monitors(commitment_id: int) -> list[CoMonitor]:
    """Every appointment, oldest first: the last is the current co-monitor."""
    return list(db.session.scalars(select(CoMonitor).where(CoMonitor.commitment_id == commitment_id)
                                   .order_by(CoMonitor.id)))


def _acts():
    """(commitment id, when) of every civil-society act on an adopted commitment, with its
    adoption's keys as the start: a verdict, progress reported by a civil-society
    organisation, a civil-society comment in a consultation on it."""
    cso = select(Organisation.id).where(Organisation.kind == OrgKind.CIVIL_SOCIETY)
    return union_all(
        select(UpdateVerdict.commitment_id.label("cid"), UpdateVerdict.created_at.label("at")),
        select(ProgressUpdate.commitment_id, ProgressUpdate.created_at)
        .where(ProgressUpdate.organisation_id.in_(cso)),
        select(Consultation.commitment_id, ConsultationComment.created_at)
        .join(Consultation, Consultation.id == ConsultationComment.consultation_id)
        .where(Consultation.commitment_id.is_not(None), ConsultationComment.group == OrgKind.CIVIL_SOCIETY),
        select(CommitmentVersion.commitment_id, SignOff.created_at)
        .join(CommitmentVersion, CommitmentVersion.id == SignOff.version_id),
    ).subquery()


def neglected(forum_ids: list[int], now: datetime, commitment_id: int | None = None) -> dict[int, datetime]:
    """Adopted commitments with no civil-society act for `NEGLECT_DAYS` (since adoption when
    there was none) -> the last act, in one statement for a whole plan."""
    acts = _acts()
    last = func.max(acts.c.at)
    q = (select(Commitment.id, last).join(acts, acts.c.cid == Commitment.id)
         .where(Commitment.forum_id.in_(forum_ids), Commitment.adopted.is_not(None))
         .group_by(Commitment.id).having(clock_rule.late_sql(last, deadlines.neglect_days(), now)))
    if commitment_id is not None:
        q = q.where(Commitment.id == commitment_id)
    return dict(db.session.execute(q).all())


@dataclass(frozen=True)
class Figures:
    confirmed: int
    contested: int
    lapsed: int
    awaiting: int
    answered_on_time: int
    answered_late: int
    answer_waiting: int
    neglected: int

    @property
    def updates(self) -> int:
        return self.confirmed + self.contested + self.lapsed + self.awaiting


def _count(cond):
    return func.coalesce(func.sum(case((cond, 1), else_=0)), 0)


def figures(forum_ids: list[int], now: datetime) -> Figures:
    """The figures, each a count in the database (three statements whatever the size)."""
    late = clock_rule.late_sql(ProgressUpdate.created_at, deadlines.window_days(), now)
    u = db.session.execute(
        select(_count(UpdateVerdict.verdict == Verdict.CONFIRMED), _count(UpdateVerdict.verdict == Verdict.CONTESTED),
               _count(and_(UpdateVerdict.id.is_(None), late)), _count(and_(UpdateVerdict.id.is_(None), ~late)),
               _count(and_(ContestAnswer.id.is_not(None), ~deadlines.answered_late_sql())),
               _count(deadlines.answered_late_sql()),
               _count(and_(UpdateVerdict.verdict == Verdict.CONTESTED, ContestAnswer.id.is_(None))))
        .select_from(ProgressUpdate).join(Commitment, Commitment.id == ProgressUpdate.commitment_id)
        .outerjoin(UpdateVerdict, UpdateVerdict.update_id == ProgressUpdate.id)
        .outerjoin(ContestAnswer, ContestAnswer.verdict_id == UpdateVerdict.id)
        .where(Commitment.forum_id.in_(forum_ids))).one()
    confirmed, contested, lapsed, awaiting, on_time, late, unanswered = (int(n) for n in u)
    return Figures(confirmed, contested, lapsed, awaiting, on_time, late, unanswered, len(neglected(forum_ids, now)))


SHOWS = (CONFIRMED, CONTESTED, LAPSED, AWAITING, ON_TIME, LATE, UNANSWERED)


def list_condition(show: str, now: datetime):
    """The rows each figure counts, as the condition its list filters on (the same
    expressions as `figures`)."""
    late = clock_rule.late_sql(ProgressUpdate.created_at, deadlines.window_days(), now)
    return {
        CONFIRMED: UpdateVerdict.verdict == Verdict.CONFIRMED,
        CONTESTED: UpdateVerdict.verdict == Verdict.CONTESTED,
        LAPSED: and_(UpdateVerdict.id.is_(None), late),
        AWAITING: and_(UpdateVerdict.id.is_(None), ~late),
        ON_TIME: and_(ContestAnswer.id.is_not(None), ~deadlines.answered_late_sql()),
        LATE: deadlines.answered_late_sql(),
        UNANSWERED: and_(UpdateVerdict.verdict == Verdict.CONTESTED, ContestAnswer.id.is_(None)),
    }[show]


LIST_MAX = 500


def updates_list(forum_ids: list[int], show: str, now: datetime) -> list[tuple]:
    """(update, commitment title, verdict, answer) for one figure's list, newest first, in one
    statement (the first LIST_MAX)."""
    title = (select(CommitmentVersion.title).where(CommitmentVersion.commitment_id == Commitment.id,
                                                   CommitmentVersion.number == Commitment.latest)
             .scalar_subquery())
    return list(db.session.execute(
        select(ProgressUpdate, title, UpdateVerdict, ContestAnswer)
        .join(Commitment, Commitment.id == ProgressUpdate.commitment_id)
        .outerjoin(UpdateVerdict, UpdateVerdict.update_id == ProgressUpdate.id)
        .outerjoin(ContestAnswer, ContestAnswer.verdict_id == UpdateVerdict.id)
        .where(Commitment.forum_id.in_(forum_ids), list_condition(show, now))
        .order_by(ProgressUpdate.id.desc()).limit(LIST_MAX)).all())


def neglected_list(forum_ids: list[int], now: datetime) -> list[tuple[int, str, datetime]]:
    """(commitment id, title, last civil-society act) of the neglected, in two statements."""
    found = neglected(forum_ids, now)
    if not found:
        return []
    titles = dict(db.session.execute(select(CommitmentVersion.commitment_id, CommitmentVersion.title)
                                     .join(Commitment, (Commitment.id == CommitmentVersion.commitment_id)
                                           & (Commitment.latest == CommitmentVersion.number))
                                     .where(Commitment.id.in_(list(found)))).all())
    return sorted(((cid, titles.get(cid, ""), at) for cid, at in found.items()), key=lambda r: r[2])


def contests_owed(forum_ids_as_state: list[int], lead_org_ids: list[int]) -> list[tuple]:
    """(verdict, commitment id, title, forum id) of contests owed an answer by this person's
    side: in forums they chair for the State, or on commitments their organisation leads."""
    if not forum_ids_as_state and not lead_org_ids:
        return []
    v = CommitmentVersion
    return list(db.session.execute(
        select(UpdateVerdict, Commitment.id, v.title, Commitment.forum_id)
        .join(Commitment, Commitment.id == UpdateVerdict.commitment_id)
        .join(v, (v.commitment_id == Commitment.id) & (v.number == Commitment.adopted))
        .outerjoin(ContestAnswer, ContestAnswer.verdict_id == UpdateVerdict.id)
        .where(UpdateVerdict.verdict == Verdict.CONTESTED, ContestAnswer.id.is_(None),
               Commitment.forum_id.in_(forum_ids_as_state) | v.lead_agency_id.in_(lead_org_ids))
        .order_by(UpdateVerdict.created_at)).all())




@dataclass(frozen=True)
class Completion:
    """A commitment's completion wherever it is listed: the level the reports give it, as
    civil society sees it, and whether civil society has left it alone too long."""

    level: str | None  # None until adopted
    civil_society: str | None  # reported, confirmed or contested; None until something is reported
    neglected: bool


def completions(commitments, now: datetime) -> dict[int, Completion]:
    """commitment id -> its Completion, in a fixed number of statements for any number."""
    from ..commitments import progress_queries
    from ..commitments.queries import adopted_versions
    versions = adopted_versions(commitments)
    levels = progress_queries.latest_levels([m for v in versions.values() for m in v.milestones])
    latest = {cid: {m.id: levels[m.id] for m in v.milestones if m.id in levels} for cid, v in versions.items()}
    seen = standings(latest)
    flagged = neglected(sorted({c.forum_id for c in commitments}), now) if versions else {}
    return {c.id: Completion(progress_queries.completion(versions[c.id].milestones, levels)
                             if c.id in versions else None,
                             seen.get(c.id), c.id in flagged) for c in commitments}


def history(updates: list[ProgressUpdate], now: datetime) -> dict[int, dict]:
    """update id -> what the API and the archive say of its verification."""
    out = {}
    for uid, s in states(updates, now).items():
        out[uid] = {"civil_society": s.status, "window_ends": s.window.due,
                    "verdict_reason": s.verdict.reason if s.verdict else None,
                    "answer": s.answer.reason if s.answer else None, "answer_status": s.answer_status,
                    "answer_days_late": s.answer_days_late}
    return out


def moments(after: datetime | None = None) -> list[datetime]:
    """Every instant a monitoring figure or flag changes by the clock alone: the clocks'
    (deadlines.moments) and each adopted commitment's neglect, a whole second after
    NEGLECT_DAYS from its last civil-society act. All of them, or those later than `after`:
    then only the commitments whose neglect is still to come are sent back."""
    acts = _acts()
    last = func.max(acts.c.at)
    q = select(last).join(Commitment, Commitment.id == acts.c.cid).where(Commitment.adopted.is_not(None)) \
        .group_by(acts.c.cid)
    if after is not None:
        q = q.having(~clock_rule.late_sql(last, deadlines.neglect_days(), after))
    neglect = (Clock(at, deadlines.neglect_days()).late_from for at in db.session.scalars(q))
    return [*deadlines.moments(after), *clock_rule.upcoming(neglect, after)]
