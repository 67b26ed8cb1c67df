"""Column helpers shared by every area's models, and the one statement both databases spell
differently."""
from datetime import datetime

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Mapped, mapped_column

from ..core.clock import utcnow
from ..extensions import db


class CreatedAt:
    created_at: Mapped[datetime] = mapped_column(default=utcnow, doc="UTC, naive")


def upsert_insert(model):
    """INSERT with ON CONFLICT (`.on_conflict_do_nothing` / `.on_conflict_do_update`) in the
    session's database: both PostgreSQL and SQLite have it, each under its own dialect, and it
    is how a race between two writers of the same key ends without a 500."""
    dialect = postgresql if db.session.get_bind().dialect.name == "postgresql" else sqlite
    return dialect.insert(model)
