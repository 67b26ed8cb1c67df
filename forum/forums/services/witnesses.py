"""Registering an organisation's witness key. Who may is a rule like any other, in
`forums.policy.may_register_witness`; this module checks the key and writes it."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import trail
from ...accounts.policy import is_admin
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...extensions import db
from ...organisations.models import Organisation, OrgStatus
from ...trail import cosign, note
from ...trail.models import TrailWitness
from ..policy import may_register_witness
from ..queries import civil_chair_organisations


def organisations_for(user) -> list[Organisation]:
    if is_admin(user):
        return list(db.session.scalars(select(Organisation).where(Organisation.status == OrgStatus.VERIFIED)
                                       .order_by(Organisation.name)))
    return civil_chair_organisations(user)


def register(actor, key_text: str, organisation: Organisation | None) -> TrailWitness:
    may_register_witness(actor).require()
    try:
        w = cosign.parse_witness(key_text or "")
    except note.NoteError as err:
        raise DomainError(_l("This is not a witness key: %(why)s", why=str(err)), "key") from None
    if organisation is None or organisation.id not in {o.id for o in organisations_for(actor)}:
        raise DomainError(_l("Choose an organisation you may register a witness for."), "organisation")
    if db.session.scalar(select(TrailWitness.id).where(TrailWitness.name == w.name)) is not None:
        raise DomainError(_l("A witness with this name is already registered."), "key")
    row = TrailWitness(name=w.name, key=str(w), organisation_id=organisation.id, added_by_id=actor.id,
                       created_at=utcnow())
    db.session.add(row)
    db.session.flush()
    trail.record("trail.witness_added", ("trail_witness", row.id), actor=actor, actor_org=organisation,
                 payload={"name": w.name, "key": str(w)})
    return row
