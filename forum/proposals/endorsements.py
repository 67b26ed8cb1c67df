"""Endorsing a proposal: once per person, enforced by the database, counted exactly."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, update
from sqlalchemy.dialects import postgresql, sqlite

from .. import trail
from ..core.clock import utcnow
from ..core.errors import DomainError
from ..core.permissions import approved_membership
from ..extensions import db
from ..forums.models import ForumStatus
from .models import Endorsement, Proposal, Status


def endorse(actor, p: Proposal, organisation=None, notify: bool = False) -> bool:
    """Returns False when the person already endorsed it: a repeat (or a race between two
    clicks) is harmless. INSERT … ON CONFLICT DO NOTHING lets the unique constraint decide
    without aborting the transaction, on SQLite and PostgreSQL alike."""
    _require_endorsable(p)
    if organisation is not None and approved_membership(actor, organisation) is None:
        raise DomainError(_l("You can endorse only for a verified organisation you belong to."), "organisation")
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


def _require_endorsable(p: Proposal) -> None:
    if p.forum.status != ForumStatus.OPEN:
        raise DomainError(_l("This forum is not open: its proposals can no longer be endorsed."))
    if p.status == Status.WITHDRAWN or p.hidden_reason:
        raise DomainError(_l("This proposal can no longer be endorsed."))
