"""Every revision of a proposal's reasoned response, newest first. The writer is in
`services/responses.py`."""
from sqlalchemy import select

from ..extensions import db
from .models import Proposal, Response


def history(p: Proposal) -> list[Response]:
    return list(db.session.scalars(select(Response).where(Response.proposal_id == p.id)
                                    .order_by(Response.revision.desc())))
