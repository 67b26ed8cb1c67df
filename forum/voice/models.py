"""Seat requests, facilitators, workshops recorded away from the platform, the inputs
recorded at them, and the forum's participation targets. The region and channel of each
input live on the input itself (proposals, consultation comments), so the figures read
one row per input."""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.models import CreatedAt
from ..extensions import Model


class Channel(StrEnum):
    """How an input reached the forum."""

    ONLINE = "online"
    WORKSHOP = "workshop"  # a workshop or meeting
    PAPER = "paper"  # a paper form
    EMAIL = "email"  # an e-mail or a letter


#: The channels a facilitator may record (online inputs are submitted by their authors).
RECORDED = (Channel.WORKSHOP, Channel.PAPER, Channel.EMAIL)


class Admission(StrEnum):
    """How an organisation came to sit in a forum."""

    INVITED = "invited"
    REQUESTED = "requested"  # joined on its own request, granted by the co-chairs


#: An input's organisation in the figures: invited, or came on its own (a granted request,
#: or an input from an organisation without a seat).
INVITED, SELF_JOINED = "invited", "self_joined"


class RequestStatus(StrEnum):
    PENDING = "pending"
    GRANTED = "granted"
    REFUSED = "refused"


class SeatRequest(CreatedAt, Model):
    """An organisation asking for a seat; the co-chairs grant it or refuse it with a public reason."""

    __tablename__ = "seat_requests"
    __trail_type__ = "seat_request"
    __table_args__ = (
        Index("uq_seat_requests_pending", "forum_id", "user_id", unique=True,
              sqlite_where=text("status = 'pending'"), postgresql_where=text("status = 'pending'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), doc="who would sit")
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    motivation: Mapped[str] = mapped_column(Text, default="")
    status: Mapped[str] = mapped_column(String(10), default=RequestStatus.PENDING)
    reason: Mapped[str | None] = mapped_column(Text, doc="public; required when refused")
    decided_at: Mapped[datetime | None]
    decided_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    seat_id: Mapped[int | None] = mapped_column(ForeignKey("seats.id"))

    forum = relationship("Forum")
    user = relationship("User", foreign_keys=[user_id])
    organisation = relationship("Organisation")


class Facilitator(CreatedAt, Model):
    """A person a co-chair appointed to record the inputs of workshops held elsewhere."""

    __tablename__ = "facilitators"
    __trail_type__ = "facilitator"
    __table_args__ = (
        Index("uq_facilitators_active", "forum_id", "user_id", unique=True,
              sqlite_where=text("ended_at IS NULL"), postgresql_where=text("ended_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    appointed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    ended_at: Mapped[datetime | None]

    user = relationship("User", foreign_keys=[user_id])


class Workshop(CreatedAt, Model):
    """A workshop or meeting held away from the platform, as its facilitator recorded it."""

    __tablename__ = "workshops"
    __trail_type__ = "workshop"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id"), index=True)
    place: Mapped[str] = mapped_column(String(200))
    held_on: Mapped[date]
    region: Mapped[str] = mapped_column(String(4))
    attendance: Mapped[int] = mapped_column(doc="how many people attended")
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    organisations: Mapped[list["WorkshopOrganisation"]] = relationship(order_by="WorkshopOrganisation.organisation_id")
    recorded_by = relationship("User")
    forum = relationship("Forum")


class WorkshopOrganisation(Model):
    """An organisation present at a workshop."""

    __tablename__ = "workshop_organisations"

    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), primary_key=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"), primary_key=True)

    organisation = relationship("Organisation")


class RecordedInput(Model):
    """What makes a proposal one recorded at a workshop: who recorded it, the local witness
    and the scan or photo of the sheet. The proposal itself carries the text, region and
    channel, so the response duty, clock, ledger, links and fates apply unchanged."""

    __tablename__ = "recorded_inputs"

    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id"), index=True)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    witness: Mapped[str] = mapped_column(String(160))
    sheet_sha256: Mapped[str] = mapped_column(ForeignKey("documents.sha256"),
                                              doc="the scan or photo of the sheet: a stored document")

    workshop = relationship("Workshop")


class Dimension(StrEnum):
    REGION = "region"
    CHANNEL = "channel"
    ADMISSION = "admission"


class VoiceTarget(CreatedAt, Model):
    """"At least `percent` % of inputs from `group` (or from outside it)": the forum's own goal,
    judged on the page against the inputs received."""

    __tablename__ = "voice_targets"
    __trail_type__ = "voice_target"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id"), index=True)
    dimension: Mapped[str] = mapped_column(String(10))
    group: Mapped[str] = mapped_column(String(12))
    outside: Mapped[bool] = mapped_column(default=False, doc="True: inputs not in the group")
    percent: Mapped[int]
    set_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    ended_at: Mapped[datetime | None]


class RecordedComment(Model):
    """What makes a consultation comment one a facilitator recorded (made at a workshop, on a
    paper form or by letter): who recorded it, the day it was made, the local witness and the
    scan of the sheet. The comment itself carries the words, region and channel, so the
    consultation's sealing, answers, report and links apply unchanged."""

    __tablename__ = "recorded_comments"

    comment_id: Mapped[int] = mapped_column(ForeignKey("consultation_comments.id"), primary_key=True)
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    made_on: Mapped[date] = mapped_column(doc="the day it was made, on paper or aloud")
    witness: Mapped[str] = mapped_column(String(160))
    sheet_sha256: Mapped[str] = mapped_column(ForeignKey("documents.sha256"),
                                              doc="the scan or photo of the sheet: a stored document")

    recorded_by = relationship("User")
