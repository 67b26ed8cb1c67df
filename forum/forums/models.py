"""Sectoral forums of an action-plan cycle and who sits in them."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.models import CreatedAt
from ..extensions import Model


class ForumStatus(StrEnum):
    DRAFT = "draft"
    OPEN = "open"
    CLOSED = "closed"


class Influence(StrEnum):
    """IAP2 spectrum of public participation, lowest to highest."""

    INFORM = "inform"
    CONSULT = "consult"
    INVOLVE = "involve"
    COLLABORATE = "collaborate"
    EMPOWER = "empower"


class SeatRole(StrEnum):
    MEMBER = "member"
    STATE_CHAIR = "state_chair"
    CIVIL_CHAIR = "civil_chair"


class Forum(CreatedAt, Model):
    __tablename__ = "forums"
    __trail_type__ = "forum"

    id: Mapped[int] = mapped_column(primary_key=True)
    sector: Mapped[str] = mapped_column(String(80), index=True)
    cycle: Mapped[str] = mapped_column(String(9), index=True, doc="e.g. 2019-2021")
    title: Mapped[str] = mapped_column(String(160))
    description: Mapped[str] = mapped_column(Text, default="")
    terms_of_reference: Mapped[str] = mapped_column(Text, default="", doc="Markdown")
    influence_target: Mapped[str] = mapped_column(String(12), default=Influence.CONSULT)
    status: Mapped[str] = mapped_column(String(8), default=ForumStatus.DRAFT, index=True)
    status_changed_at: Mapped[datetime | None]
    response_deadline_days: Mapped[int] = mapped_column(default=30, server_default="30",
                                                        doc="proposals waiting longer are overdue")
    # The Python default is the one new forums get (forums/notice_period.py); the column's server
    # default stays what migration 0006 wrote, for rows made before this rule.
    session_notice_days: Mapped[int] = mapped_column(default=14, server_default="7",
                                                     doc="sessions and consultations with less notice are flagged")
    quorum_rule: Mapped[str] = mapped_column(String(20), default="majority_both", server_default="majority_both")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    seats: Mapped[list["Seat"]] = relationship(back_populates="forum", order_by="Seat.id")

    @property
    def active_seats(self) -> list["Seat"]:
        return [s for s in self.seats if s.ended_at is None]


class Seat(CreatedAt, Model):
    """A person sitting in a forum for one organisation, as member or co-chair.

    Seats are ended, never deleted, so the forum's composition at any past date stays known.
    """

    __tablename__ = "seats"
    __trail_type__ = "seat"
    __table_args__ = (
        # One active seat per person per forum, and one active co-chair per side.
        Index("uq_seats_active_person", "forum_id", "user_id", unique=True,
              sqlite_where=text("ended_at IS NULL"), postgresql_where=text("ended_at IS NULL")),
        Index("uq_seats_active_chair", "forum_id", "role", unique=True,
              sqlite_where=text("ended_at IS NULL AND role != 'member'"),
              postgresql_where=text("ended_at IS NULL AND role != 'member'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    role: Mapped[str] = mapped_column(String(12), default=SeatRole.MEMBER)
    admission: Mapped[str] = mapped_column(String(10), default="invited", server_default="invited",
                                           doc="invited, or requested: joined on its own request")
    ended_at: Mapped[datetime | None]

    forum: Mapped[Forum] = relationship(back_populates="seats")
    user = relationship("User")
    organisation = relationship("Organisation")

    @property
    def is_chair(self) -> bool:
        return self.role != SeatRole.MEMBER
