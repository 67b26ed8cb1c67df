"""Consultations: a forum asks for comments on a draft for a set period, and answers each one."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.models import CreatedAt
from ..extensions import Model


class Audience(StrEnum):
    REGISTERED = "registered"
    MEMBERS = "members"


class Visibility(StrEnum):
    """When comments become public: at once, or all together when the period ends
    (so early comments do not anchor later ones)."""

    ON_SUBMIT = "on_submit"
    AT_CLOSE = "at_close"


class Phase(StrEnum):
    """Derived from the clock and `concluded_at`; never stored, so no job has to flip it."""

    SCHEDULED = "scheduled"
    OPEN = "open"
    CLOSED = "closed"
    CONCLUDED = "concluded"


class Answer(StrEnum):
    ACCEPTED = "accepted"
    PARTIAL = "partially_accepted"
    NOT_ACCEPTED = "not_accepted"
    OUT_OF_SCOPE = "out_of_scope"


class Consultation(CreatedAt, Model):
    __tablename__ = "consultations"
    __trail_type__ = "consultation"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    introduction: Mapped[str] = mapped_column(Text, default="", doc="Markdown: what is asked and why")
    commitment_id: Mapped[int | None] = mapped_column(ForeignKey("commitments.id"), index=True)
    version_number: Mapped[int | None] = mapped_column(doc="the commitment version put to consultation")
    starts_at: Mapped[datetime] = mapped_column(doc="UTC, naive; comments from this instant")
    ends_at: Mapped[datetime] = mapped_column(doc="UTC, naive; no comment at or after this instant")
    audience: Mapped[str] = mapped_column(String(12), default=Audience.REGISTERED)
    visibility: Mapped[str] = mapped_column(String(12), default=Visibility.ON_SUBMIT)
    promise_level: Mapped[str] = mapped_column(String(12), doc="IAP2 level promised")
    promise: Mapped[str] = mapped_column(Text, doc="the promise to participants, in the forum's words")
    document_sha256: Mapped[str] = mapped_column(String(64), doc="over the numbered paragraphs, as opened")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    concluded_at: Mapped[datetime | None]
    concluded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))

    forum = relationship("Forum")
    commitment = relationship("Commitment")
    paragraphs: Mapped[list["Paragraph"]] = relationship(order_by="Paragraph.number")

    def phase(self, now: datetime) -> Phase:
        if self.concluded_at is not None:
            return Phase.CONCLUDED
        if now < self.starts_at:
            return Phase.SCHEDULED
        return Phase.OPEN if now < self.ends_at else Phase.CLOSED


class Paragraph(Model):
    """A numbered paragraph of the draft as opened. Never changed: comments point at it."""

    __tablename__ = "consultation_paragraphs"
    __table_args__ = (UniqueConstraint("consultation_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    number: Mapped[int]
    section: Mapped[str] = mapped_column(String(40), default="", doc="template field it came from, if any")
    text: Mapped[str] = mapped_column(Text, doc="Markdown")


class ConsultationComment(CreatedAt, Model):
    __tablename__ = "consultation_comments"
    __trail_type__ = "consultation_comment"

    id: Mapped[int] = mapped_column(primary_key=True)
    consultation_id: Mapped[int] = mapped_column(ForeignKey("consultations.id"), index=True)
    paragraph: Mapped[int | None] = mapped_column(doc="number; None: on the whole document")
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    organisation_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))
    group: Mapped[str] = mapped_column(String(20), doc="stakeholder group when submitted, or individual")
    body: Mapped[str] = mapped_column(Text)
    suggestion: Mapped[str | None] = mapped_column(Text, doc="replacement text proposed for the paragraph")
    answered_at: Mapped[datetime | None] = mapped_column(doc="first response, for timeliness")
    answer: Mapped[str | None] = mapped_column(String(20), doc="outcome of the latest response")
    hidden_reason: Mapped[str | None] = mapped_column(Text, doc="set: hidden by the co-chairs, who still answer it")
    hidden_at: Mapped[datetime | None]
    region: Mapped[str | None] = mapped_column(String(4), doc="INEI ubigeo code; its organisation's by default")
    channel: Mapped[str] = mapped_column(String(10), default="online", server_default="online")
    nonce: Mapped[str | None] = mapped_column(String(32), doc="salt of the trail's commitment to this comment, "
                                              "published with its words; none before migration 0022")

    consultation = relationship("Consultation")
    author = relationship("User")
    organisation = relationship("Organisation")


class CommentResponse(CreatedAt, Model):
    """One revision of the reasoned response to a comment; the latest is in force."""

    __tablename__ = "consultation_responses"
    __table_args__ = (UniqueConstraint("comment_id", "revision"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    comment_id: Mapped[int] = mapped_column(ForeignKey("consultation_comments.id"), index=True)
    revision: Mapped[int]
    outcome: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(Text)
    responder_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))

    responder = relationship("User")
    organisation = relationship("Organisation")


@event.listens_for(Paragraph, "before_update")
@event.listens_for(CommentResponse, "before_update")
def _immutable(_mapper, _connection, target):
    raise RuntimeError(f"{type(target).__name__} {target.id} cannot be changed; record a new one")
