"""'needs more information' is a response, not an answer: a proposal's first answer is
its first response with another outcome

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 10:40:00

"""
from datetime import datetime

import sqlalchemy as sa
from alembic import op

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None

proposals = sa.table("proposals", sa.column("id", sa.Integer), sa.column("submitted_at", sa.DateTime),
                     sa.column("first_response_at", sa.DateTime), sa.column("response_seconds", sa.Integer))
responses = sa.table("responses", sa.column("proposal_id", sa.Integer),
                     sa.column("outcome", sa.String), sa.column("created_at", sa.DateTime))


def _recompute(answers_only: bool) -> None:
    """Set each proposal's first response time from its responses (no schema change)."""
    conn = op.get_bind()
    first = sa.select(responses.c.proposal_id, sa.func.min(responses.c.created_at).label("at"))
    if answers_only:
        first = first.where(responses.c.outcome != "needs_info")
    firsts = dict(conn.execute(first.group_by(responses.c.proposal_id)).all())
    for pid, submitted, old in conn.execute(sa.select(proposals.c.id, proposals.c.submitted_at,
                                                      proposals.c.first_response_at)).all():
        new = firsts.get(pid)
        if isinstance(new, str):  # SQLite hands back text from an aggregate
            new = datetime.fromisoformat(new)
        if new != old:
            seconds = int((new - submitted).total_seconds()) if new is not None else None
            conn.execute(proposals.update().where(proposals.c.id == pid)
                         .values(first_response_at=new, response_seconds=seconds))


def upgrade():
    _recompute(answers_only=True)


def downgrade():
    _recompute(answers_only=False)
