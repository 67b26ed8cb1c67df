"""Endorsing a proposal: once per person, enforced by the database, counted exactly."""
from sqlalchemy import delete, update
from sqlalchemy.dialects import postgresql, sqlite

from ... import trail
from ...core.clock import utcnow
from ...extensions import db
from .. import policy
from ..models import Endorsement, Proposal


def endorse(actor, p: Proposal, organisation=None, notify: bool = False) -> bool:
    """Returns False when the person already endorsed it: a repeat (or a race between two
    clicks) is harmless. INSERT … ON CONFLICT DO NOTHING lets the unique constraint decide
    without aborting the transaction, on SQLite and PostgreSQL alike."""
    policy.may_endorse(actor, p, organisation).require()
    dialect = postgresql if db.engine.dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(Endorsement).values(
        proposal_id=p.id, user_id=actor.id, organisation_id=organisation.id if organisation else None,
        notify=notify, created_at=utcnow()).on_conflict_do_nothing(
            index_elements=["proposal_id", "user_id"]).returning(Endorsement.id)
    if db.session.execute(stmt).scalar() is None:  # rowcount is not reliable across drivers
        return False
    db.session.execute(update(Proposal).where(Proposal.id == p.id)
                       .values(endorsement_count=Proposal.endorsement_count + 1))
    trail.record("proposal.endorsed", p, actor=actor, actor_org=organisation, forum=p.forum)
    return True


def withdraw_endorsement(actor, p: Proposal) -> bool:
    removed = db.session.execute(delete(Endorsement).where(
        Endorsement.proposal_id == p.id, Endorsement.user_id == actor.id).returning(Endorsement.id)).scalar()
    if removed is None:
        return False
    db.session.execute(update(Proposal).where(Proposal.id == p.id)
                       .values(endorsement_count=Proposal.endorsement_count - 1))
    trail.record("proposal.endorsement_withdrawn", p, actor=actor, forum=p.forum)
    return True

