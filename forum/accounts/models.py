"""People with accounts. Personal data (email, name) lives only here, never in the trail."""
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..core.models import CreatedAt
from ..extensions import Model


class User(CreatedAt, UserMixin, Model):
    __tablename__ = "users"
    __trail_type__ = "user"

    id: Mapped[int] = mapped_column(primary_key=True)
    # Stored lower-cased so uniqueness is case-insensitive on every database.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    display_name: Mapped[str] = mapped_column(String(80))
    password_hash: Mapped[str] = mapped_column(String(255))
    is_admin: Mapped[bool] = mapped_column(default=False)
    email_confirmed_at: Mapped[datetime | None]
    locale: Mapped[str | None] = mapped_column(String(5))
    # Bumped on password change: the login cookie carries it, so other sessions end.
    suspended_at: Mapped[datetime | None] = mapped_column(doc="set by a platform admin, with a public reason")
    suspended_reason: Mapped[str | None] = mapped_column(Text)
    auth_version: Mapped[int] = mapped_column(default=1)
    # What lands in the inbox is also mailed: at once, in a daily digest, or not at all.
    mail_frequency: Mapped[str] = mapped_column(String(10), default="immediate", server_default="immediate")
    # Bumped whenever the choice changes, so an unsubscribe link works once (inbox/mail.py).
    mail_generation: Mapped[int] = mapped_column(default=1, server_default="1")
    digest_sent_at: Mapped[datetime | None]

    def get_id(self) -> str:
        return f"{self.id}.{self.auth_version}"

    def __repr__(self) -> str:
        return f"<User {self.id}>"
