"""Organisations people act for, and who belongs to them."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.models import CreatedAt
from ..extensions import Model


class OrgKind(StrEnum):
    """The kind of organisation decides its stakeholder group in every forum."""

    GOVERNMENT = "government"
    CIVIL_SOCIETY = "civil_society"
    ACADEMIA = "academia"
    PRIVATE = "private"


class OrgStatus(StrEnum):
    PENDING = "pending"
    VERIFIED = "verified"
    REJECTED = "rejected"


class MemberStatus(StrEnum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class Organisation(CreatedAt, Model):
    """Nobody acts for an organisation until a platform admin has verified it."""

    __tablename__ = "organisations"
    __trail_type__ = "organisation"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(160))
    # Case- and space-folded name: one "Ministerio del Ambiente", not two.
    name_key: Mapped[str] = mapped_column(String(160), unique=True)
    kind: Mapped[str] = mapped_column(String(20), index=True)
    website: Mapped[str | None] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(12), default=OrgStatus.PENDING, index=True)
    status_reason: Mapped[str | None] = mapped_column(Text)
    verified_at: Mapped[datetime | None]
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    region: Mapped[str | None] = mapped_column(String(4), doc="INEI ubigeo code (voice/regions.py)")

    memberships: Mapped[list["OrgMembership"]] = relationship(back_populates="organisation")

    @property
    def is_verified(self) -> bool:
        return self.status == OrgStatus.VERIFIED


class OrgMembership(CreatedAt, Model):
    """A person's tie to an organisation; approved ties let them act for it."""

    __tablename__ = "org_memberships"
    __trail_type__ = "membership"
    __table_args__ = (UniqueConstraint("organisation_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    is_admin: Mapped[bool] = mapped_column(default=False)
    status: Mapped[str] = mapped_column(String(12), default=MemberStatus.PENDING)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    organisation: Mapped[Organisation] = relationship(back_populates="memberships")
    user = relationship("User", foreign_keys=[user_id])
