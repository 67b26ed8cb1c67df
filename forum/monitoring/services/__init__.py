"""Appointing co-monitors, their verdicts on progress updates and the State's answers to
contests: each checks its predicate, writes its row and its trail entry in the same
transaction, and never commits (core/views.run does, at the edge)."""
from flask_babel import lazy_gettext as _l

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.lookup import get_row
from ...core.text import reasoned
from ...extensions import db
from ...forums.policy import acting_chair
from .. import deadlines, policy
from ..models import CoMonitor, ContestAnswer, UpdateVerdict, Verdict


def appoint(actor, commitment, person, organisation, reason: str = "") -> CoMonitor:
    """Appoint the co-monitor, or replace the current one (then a reason is required)."""
    policy.may_appoint(actor, commitment).require()
    policy.eligible(person, organisation, commitment.forum).require()
    current = policy.current_monitor(commitment.id)
    if current is not None and current.user_id == person.id and current.organisation_id == organisation.id:
        raise DomainError(_l("This person is already the co-monitor."), "co_monitor")
    why = reasoned(reason) if current is not None else (reason or "").strip() or None
    seat = acting_chair(actor, commitment.forum)
    row = CoMonitor(commitment_id=commitment.id, user_id=person.id, organisation_id=organisation.id,
                    replaces_id=current.id if current else None, reason=why, appointed_by_id=actor.id)
    db.session.add(row)
    db.session.flush()
    trail.record("commitment.co_monitor_appointed", commitment, actor=actor, actor_org=seat.organisation,
                 forum=commitment.forum, payload={"co_monitor": person.id, "organisation": organisation.id,
                                                  "replaces": current.user_id if current else None,
                                                  "reason": why})
    return row


def _judge(actor, update, verdict: str, reason: str | None) -> UpdateVerdict:
    from ...commitments.models import Commitment
    now = utcnow()
    policy.may_judge(actor, update, now).require()
    monitor = policy.current_monitor(update.commitment_id)
    assert monitor is not None  # may_judge allowed only the current co-monitor
    commitment = get_row(Commitment, update.commitment_id)
    row = UpdateVerdict(update_id=update.id, commitment_id=update.commitment_id, verdict=verdict, reason=reason,
                        user_id=actor.id, organisation_id=monitor.organisation_id, created_at=now)
    db.session.add(row)
    db.session.flush()
    trail.record(f"progress.{verdict}", commitment, actor=actor, actor_org=monitor.organisation,
                 forum=commitment.forum, payload={"update": update.id, "reason": reason})
    return row


def confirm(actor, update) -> UpdateVerdict:
    return _judge(actor, update, Verdict.CONFIRMED, None)


def contest(actor, update, reason: str) -> UpdateVerdict:
    """A contest is public and owes the State an answer: it needs a real reason. The reason is
    read after the predicate, so a stranger learns nothing of the form's rules."""
    policy.may_judge(actor, update, utcnow()).require()
    return _judge(actor, update, Verdict.CONTESTED, reasoned(reason))


def answer(actor, verdict: UpdateVerdict, reason: str) -> ContestAnswer:
    from ...commitments.models import Commitment
    policy.may_answer(actor, verdict).require()
    text = reasoned(reason)
    commitment = get_row(Commitment, verdict.commitment_id)
    org = policy.answering_org(actor, commitment)
    assert org is not None  # may_answer allowed only the State's side
    now = utcnow()
    row = ContestAnswer(verdict_id=verdict.id, reason=text, response_seconds=deadlines.answer_seconds(verdict, now),
                        user_id=actor.id, organisation_id=org.id, created_at=now)
    db.session.add(row)
    db.session.flush()
    trail.record("progress.contest_answered", commitment, actor=actor, actor_org=org, forum=commitment.forum,
                 payload={"update": verdict.update_id, "reason": text,
                          "days_late": deadlines.answer_days_late(row)})
    return row
