"""Column helpers shared by every area's models."""
from datetime import datetime

from sqlalchemy.orm import Mapped, mapped_column

from ..core.clock import utcnow


class CreatedAt:
    created_at: Mapped[datetime] = mapped_column(default=utcnow, doc="UTC, naive")
