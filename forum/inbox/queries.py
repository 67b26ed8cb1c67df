"""What waits for one person, by the roles they hold: organisations to verify (platform
admins), join requests (organisation admins), proposals and consultation comments owed a
reasoned answer, versions awaiting their side's signature and minutes awaiting their side's
approval (co-chairs), the coming sessions of their forums (members), and what became of
their own proposals. Each item links to where it is done and leaves when it is done,
because each is read from the state that doing it changes. A fixed number of queries
whatever the number of items."""
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..commitments.models import Commitment, CommitmentVersion, SignOff
from ..commitments.queries import fates
from ..consultations import deadlines as consultation_deadlines
from ..consultations.models import Consultation, ConsultationComment
from ..core.clock import utcnow
from ..core.deadlines import Clock
from ..extensions import db
from ..forums.models import Forum, Seat, SeatRole
from ..monitoring import deadlines as monitoring_deadlines
from ..monitoring.queries import contests_owed
from ..organisations.models import MemberStatus, OrgMembership
from ..organisations.queries import pending_count, pending_organisations
from ..plans import deadlines as plan_deadlines
from ..plans.labels import gap_labels
from ..plans.queries import owed as discrepancies_owed
from ..proposals import deadlines as proposal_deadlines
from ..proposals import public as moderated
from ..proposals.models import Proposal
from ..sessions import public as sessions_public
from ..sessions.minutes_queries import text_hash
from ..sessions.models import ForumSession, MinutesApproval, SessionStatus
from ..sessions.queries import COMING
from ..trail.models import TrailEntry
from ..voice.models import RequestStatus, SeatRequest
from . import absorbed


@dataclass(frozen=True)
class Item:
    kind: str  # verify_org, join_request, answer_proposal, answer_comment, sign_version, approve_minutes,
    #            session, my_proposal
    title: str
    endpoint: str
    args: dict
    due: datetime | None = None  # when it is owed or happens: the order of the list
    forum: str = ""
    detail: str = ""
    fate: str = ""
    clock: Clock | None = None  # the deadline of the ones that have one (due = clock.due)

    def days_left(self, now: datetime) -> int | None:
        return None if self.clock is None else self.clock.days_left(now)

    def days_late(self, now: datetime) -> int | None:
        return None if self.clock is None else self.clock.days_late(now)


def _owed(kind: str, title: str, endpoint: str, args: dict, clock: Clock, **rest) -> Item:
    return Item(kind, title, endpoint, args, due=clock.due, clock=clock, **rest)


@dataclass(frozen=True)
class Inbox:
    to_do: list[Item]  # things this person must do, overdue and soonest first
    coming: list[Item]  # sessions of their forums
    mine: list[Item]  # what became of their own inputs


def for_user(user, now: datetime | None = None) -> Inbox:
    now = now or utcnow()
    seats = _seats(user)
    return Inbox(_to_do(user, seats, now), _coming_sessions([f for f, _r in seats], now), _my_proposals(user))


def count(user) -> int:
    """The number in the navigation, on every page a signed-in person opens: only the
    to-do queries, not the coming sessions nor the fate of their own proposals. The same
    items as `_to_do`, but what grows with the data (organisations to verify, proposals
    awaiting an answer) is counted by the database, not loaded: a co-chair of a forum with
    thousands of unanswered proposals would otherwise load every one on every page."""
    seats = _seats(user)
    chaired = _chaired(seats)
    n = len(_join_requests(user))
    if user.is_admin:
        n += pending_count()
    if chaired:
        n += db.session.scalar(select(func.count()).select_from(Proposal).where(_unanswered(list(chaired)))) or 0
        n += len(_comments_to_answer(list(chaired), utcnow()))  # one line per consultation
        n += len(_versions_to_sign(chaired)) + len(_minutes_to_approve(chaired))  # a few each
        n += len(_discrepancies_to_answer(chaired))
        n += len(absorbed.suggestions(chaired)) + len(absorbed.claims(user, chaired))  # issue 28
        n += len(seat_requests_to_decide(list(chaired)))
    return n + len(_contests_to_answer(user, seats))


def _seats(user) -> list:
    return list(db.session.execute(select(Seat.forum_id, Seat.role).where(
        Seat.user_id == user.id, Seat.ended_at.is_(None))).all())


def _to_do(user, seats: list, now: datetime) -> list[Item]:
    """Things this person must do, overdue and soonest first."""
    chaired = _chaired(seats)
    to_do: list[Item] = []
    if user.is_admin:
        to_do += [Item("verify_org", o.name, "admin.index", {}, detail=o.kind) for o in pending_organisations()]
    to_do += _join_requests(user)
    if chaired:
        to_do += _proposals_to_answer(list(chaired))
        to_do += _comments_to_answer(list(chaired), now)
        to_do += _versions_to_sign(chaired)
        to_do += _minutes_to_approve(chaired)
        to_do += _discrepancies_to_answer(chaired)
        to_do += absorbed.suggestions(chaired) + absorbed.claims(user, chaired)  # issue 28
        to_do += seat_requests_to_decide(list(chaired))
    to_do += _contests_to_answer(user, seats)
    far = now + timedelta(days=3650)
    to_do.sort(key=lambda i: (i.due or far, i.title))
    return to_do


def _chaired(seats: list) -> dict[int, str]:
    return {forum_id: role for forum_id, role in seats if role != SeatRole.MEMBER}


def _join_requests(user) -> list[Item]:
    administered = select(OrgMembership.organisation_id).where(
        OrgMembership.user_id == user.id, OrgMembership.is_admin.is_(True),
        OrgMembership.status == MemberStatus.APPROVED)
    rows = db.session.scalars(select(OrgMembership).options(
        joinedload(OrgMembership.user), joinedload(OrgMembership.organisation)).where(
        OrgMembership.organisation_id.in_(administered), OrgMembership.status == MemberStatus.PENDING)
        .order_by(OrgMembership.id))
    return [Item("join_request", m.user.display_name, "organisations.show", {"org_id": m.organisation_id},
                 detail=m.organisation.name) for m in rows]


def _unanswered(forum_ids: list[int]):
    return Proposal.forum_id.in_(forum_ids) & proposal_deadlines.waiting_sql()


def _proposals_to_answer(forum_ids: list[int]) -> list[Item]:
    rows = db.session.execute(select(Proposal, Forum).join(Forum, Forum.id == Proposal.forum_id)
                              .where(_unanswered(forum_ids)).order_by(Proposal.submitted_at))
    return [_owed("answer_proposal", moderated.title(p), "proposals.show",
                  {"proposal_id": p.id}, proposal_deadlines.clock(p, f), forum=f.title)
            for p, f in rows]


def _comments_to_answer(forum_ids: list[int], now: datetime) -> list[Item]:
    """Comments of consultations whose period ended, not yet answered: one line per consultation."""
    rows = db.session.execute(select(Consultation, Forum, func.count(ConsultationComment.id))
                              .join(Forum, Forum.id == Consultation.forum_id)
                              .join(ConsultationComment, ConsultationComment.consultation_id == Consultation.id)
                              .where(Consultation.forum_id.in_(forum_ids), Consultation.ends_at <= now,
                                     ConsultationComment.answered_at.is_(None))
                              .group_by(Consultation.id, Forum.id))
    return [_owed("answer_comment", c.title, "consultations.show", {"consultation_id": c.id},
                  consultation_deadlines.clock(c, f), forum=f.title, detail=str(n))
            for c, f, n in rows]


def _versions_to_sign(chaired: dict[int, str]) -> list[Item]:
    """The newest version of each commitment not yet in force, without this side's decision."""
    rows = db.session.execute(select(CommitmentVersion, Commitment, Forum)
                              .join(Commitment, (Commitment.id == CommitmentVersion.commitment_id)
                                    & (Commitment.latest == CommitmentVersion.number))
                              .join(Forum, Forum.id == Commitment.forum_id)
                              .where(Commitment.forum_id.in_(list(chaired)),
                                     (Commitment.adopted.is_(None)) | (Commitment.adopted != Commitment.latest)))
    found = list(rows)
    decided = set(db.session.execute(select(SignOff.version_id, SignOff.side).where(
        SignOff.version_id.in_([v.id for v, _c, _f in found]))).all()) if found else set()
    return [Item("sign_version", v.title, "commitments.show", {"commitment_id": c.id}, forum=f.title,
                 detail=str(v.number)) for v, c, f in found if (v.id, chaired[f.id]) not in decided]


def _minutes_to_approve(chaired: dict[int, str]) -> list[Item]:
    sessions = list(db.session.execute(select(ForumSession, Forum).join(Forum, Forum.id == ForumSession.forum_id)
                                       .where(ForumSession.forum_id.in_(list(chaired)),
                                              ForumSession.status == SessionStatus.ENDED,
                                              ~sessions_public.published_sql(), ForumSession.minutes != "")))
    approved = set(db.session.execute(select(MinutesApproval.session_id, MinutesApproval.side,
                                             MinutesApproval.text_sha256).where(
        MinutesApproval.session_id.in_([s.id for s, _f in sessions]))).all()) if sessions else set()
    return [Item("approve_minutes", s.title, "sessions.show", {"session_id": s.id}, forum=f.title)
            for s, f in sessions if (s.id, chaired[f.id], text_hash(s.minutes)) not in approved]


def _discrepancies_to_answer(chaired: dict[int, str]) -> list[Item]:
    """Discrepancies with the official plan the State co-chair owes a reasoned answer."""
    mine = [f for f, role in chaired.items() if role == SeatRole.STATE_CHAIR]
    gaps = gap_labels()
    return [_owed("answer_discrepancy", str(gaps[d.kind]), "plans.cycle", {"cycle": f.cycle, "_anchor": f"d-{d.id}"},
                  plan_deadlines.clock(d, f), forum=f.title) for d, f in discrepancies_owed(mine)]


def _contests_to_answer(user, seats: list) -> list[Item]:
    """Contested progress updates owed the State's answer: by the State co-chair, or by the
    members of the commitment's lead agency (monitoring/policy.answering_org)."""
    as_state = [forum_id for forum_id, role in seats if role == SeatRole.STATE_CHAIR]
    orgs = list(db.session.scalars(select(OrgMembership.organisation_id).where(
        OrgMembership.user_id == user.id, OrgMembership.status == MemberStatus.APPROVED)))
    return [_owed("answer_contest", title, "commitments.show", {"commitment_id": cid},
                  monitoring_deadlines.answer_clock(v)) for v, cid, title, _forum in contests_owed(as_state, orgs)]


def seat_requests_to_decide(forum_ids: list[int]) -> list[Item]:
    """Requests for a seat in their forums still waiting for the co-chairs."""
    rows = db.session.execute(select(SeatRequest, Forum.title).options(joinedload(SeatRequest.organisation))
                              .join(Forum, Forum.id == SeatRequest.forum_id)
                              .where(SeatRequest.forum_id.in_(forum_ids), SeatRequest.status == RequestStatus.PENDING)
                              .order_by(SeatRequest.id))
    return [Item("seat_request", r.organisation.name, "forums.show", {"forum_id": r.forum_id}, forum=title)
            for r, title in rows]


def _coming_sessions(forum_ids: list[int], now: datetime) -> list[Item]:
    if not forum_ids:
        return []
    rows = db.session.execute(select(ForumSession, Forum).join(Forum, Forum.id == ForumSession.forum_id).where(
        ForumSession.forum_id.in_(forum_ids), ForumSession.status != SessionStatus.ENDED,
        ForumSession.starts_at <= now + COMING).order_by(ForumSession.starts_at))
    return [Item("session", s.title, "sessions.show", {"session_id": s.id}, due=s.starts_at, forum=f.title,
                 detail=s.status) for s, f in rows]


def _my_proposals(user) -> list[Item]:
    mine = list(db.session.scalars(select(Proposal).where(Proposal.submitter_id == user.id)
                                   .order_by(Proposal.submitted_at.desc()).limit(20)))
    fate = fates(mine)
    return [Item("my_proposal", p.title, "proposals.show", {"proposal_id": p.id}, detail=p.status,
                 fate=fate.get(p.id) or "") for p in mine]


def own_entries(user, limit: int = 20) -> list[TrailEntry]:
    """What this person did on the record, newest first: each with its receipt (a secret
    or sealed vote carries no name, so it is not among them)."""
    return list(db.session.scalars(select(TrailEntry).where(TrailEntry.actor_user_id == user.id)
                                   .order_by(TrailEntry.seq.desc()).limit(limit)))
