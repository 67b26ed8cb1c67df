"""Contributions absorbed without credit: the detector's suggestions and the organisations'
claims, each with its one decision. A row is written once and decided once; the decision is
also on the trail, with its public reason."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import Float, ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.models import CreatedAt
from ..extensions import Model


class State(StrEnum):
    PENDING = "pending"
    LINKED = "linked"  # a suggestion the co-chairs linked, or a claim they confirmed
    DISMISSED = "dismissed"  # a suggestion set aside, or a claim rejected, with a public reason


class _Decided:
    state: Mapped[str] = mapped_column(String(12), default=State.PENDING, index=True)
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    decided_org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    reason: Mapped[str | None] = mapped_column(Text, doc="why dismissed or rejected (public)")
    link_id: Mapped[int | None] = mapped_column(ForeignKey("influence_links.id"), doc="the link it became")


class Suggestion(_Decided, CreatedAt, Model):
    """The detector found much of an earlier, unlinked input repeated in a version."""

    __tablename__ = "absorbed_suggestions"
    __trail_type__ = "absorbed_suggestion"
    __table_args__ = (UniqueConstraint("version_id", "source_type", "source_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id"), index=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("commitment_versions.id"), index=True)
    source_type: Mapped[str] = mapped_column(String(20))
    source_id: Mapped[int]
    shared: Mapped[int] = mapped_column(doc="word sequences of the input found in the version")
    total: Mapped[int] = mapped_column(doc="word sequences of the input")
    share: Mapped[float] = mapped_column(Float)
    passage: Mapped[str] = mapped_column(Text, doc="the version's words that repeat the input")


class Claim(_Decided, CreatedAt, Model):
    """An organisation says a passage of a version came from its own proposal."""

    __tablename__ = "absorbed_claims"
    __trail_type__ = "absorbed_claim"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id"), index=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("commitment_versions.id"), index=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    passage: Mapped[str] = mapped_column(Text)

    organisation = relationship("Organisation", foreign_keys=[organisation_id])
