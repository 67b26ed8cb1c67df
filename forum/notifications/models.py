"""In-app notifications: what happened to something a person follows."""
from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..core.models import CreatedAt
from ..extensions import Model


class Notification(CreatedAt, Model):
    """Stores the kind and plain parameters, not text, so it reads in the recipient's language."""

    __tablename__ = "notifications"
    __table_args__ = (Index("ix_notifications_user_unread", "user_id", "read_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    kind: Mapped[str] = mapped_column(String(40))
    proposal_id: Mapped[int | None] = mapped_column(ForeignKey("proposals.id"))
    consultation_id: Mapped[int | None] = mapped_column(ForeignKey("consultations.id"))
    forum_id: Mapped[int | None] = mapped_column(ForeignKey("forums.id"), doc="news about a seat request")
    params: Mapped[str] = mapped_column(Text, default="{}", doc="JSON")
    read_at: Mapped[datetime | None]
