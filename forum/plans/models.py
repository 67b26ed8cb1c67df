"""The plan as the forum agreed it, the plan as the State adopted it, and what differs.

An agreed plan is a snapshot: the adopted commitment versions of one forum at the moment both
co-chairs signed it, each with the SHA-256 of its text, so that a checkpoint and the offline
verifier prove the text existed before the official one. The official instrument (a
Resolución Ministerial, a Decreto Supremo) belongs to a cycle; its commitment texts belong to
the forum whose co-chairs may record and match them. A discrepancy is opened when a forum's
co-chairs publish the comparison, and owes the State co-chair a reasoned answer."""
from datetime import date, datetime
from enum import StrEnum

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.models import CreatedAt
from ..extensions import Model


class AgreedPlan(CreatedAt, Model):
    """One forum's list of adopted versions, agreed once both keys turned (`agreed_at`)."""

    __tablename__ = "agreed_plans"
    __trail_type__ = "agreed_plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id"), index=True)
    sha256: Mapped[str] = mapped_column(String(64), doc="over the versions' hashes, in commitment order")
    agreed_at: Mapped[datetime | None] = mapped_column(doc="when the second key turned; None: one side only")

    forum = relationship("Forum")
    items: Mapped[list["AgreedItem"]] = relationship(order_by="AgreedItem.commitment_id", viewonly=True)


class AgreedItem(Model):
    """One commitment version in an agreed plan, with the hash of its text."""

    __tablename__ = "agreed_items"
    __table_args__ = (UniqueConstraint("plan_id", "commitment_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("agreed_plans.id"), index=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"))
    version_id: Mapped[int] = mapped_column(ForeignKey("commitment_versions.id"))
    version_number: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))

    version = relationship("CommitmentVersion")


class AgreedKey(CreatedAt, Model):
    """One co-chair's signature on an agreed plan: one per side."""

    __tablename__ = "agreed_keys"
    __table_args__ = (UniqueConstraint("plan_id", "side"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("agreed_plans.id"), index=True)
    side: Mapped[str] = mapped_column(String(12))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))

    user = relationship("User")
    organisation = relationship("Organisation")


class Kind(StrEnum):
    RESOLUCION_MINISTERIAL = "rm"
    DECRETO_SUPREMO = "ds"
    OTHER = "other"


class Instrument(CreatedAt, Model):
    """The official instrument that adopted a cycle's plan, as published."""

    __tablename__ = "plan_instruments"
    __trail_type__ = "plan_instrument"

    id: Mapped[int] = mapped_column(primary_key=True)
    cycle: Mapped[str] = mapped_column(String(9), index=True)
    kind: Mapped[str] = mapped_column(String(8))
    number: Mapped[str] = mapped_column(String(80))
    issuer: Mapped[str] = mapped_column(String(200))
    published_on: Mapped[date]
    starts_on: Mapped[date]
    ends_on: Mapped[date]
    url: Mapped[str] = mapped_column(String(500))
    pdf_sha256: Mapped[str | None] = mapped_column(String(64))
    pdf_name: Mapped[str | None] = mapped_column(String(200))
    pdf_size: Mapped[int | None]
    recorded_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    @property
    def retroactive(self) -> bool:
        return self.starts_on < self.published_on


FIELDS = ("title", "problem", "status_quo", "description", "contribution", "ogp_relevance", "values")


class AdoptedText(CreatedAt, Model):
    """One commitment as the instrument adopted it, for one forum: the OGP template's fields."""

    __tablename__ = "adopted_texts"
    __trail_type__ = "adopted_text"

    id: Mapped[int] = mapped_column(primary_key=True)
    instrument_id: Mapped[int] = mapped_column(ForeignKey("plan_instruments.id"), index=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    problem: Mapped[str] = mapped_column(Text, default="")
    status_quo: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    contribution: Mapped[str] = mapped_column(Text, default="")
    ogp_relevance: Mapped[str] = mapped_column(Text, default="")
    values: Mapped[str] = mapped_column(String(100), default="")
    author_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    instrument = relationship("Instrument")


class Match(CreatedAt, Model):
    """The co-chairs' word that an agreed commitment became this adopted one: one to one."""

    __tablename__ = "plan_matches"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id"), index=True)
    agreed_item_id: Mapped[int] = mapped_column(ForeignKey("agreed_items.id"), unique=True)
    adopted_text_id: Mapped[int] = mapped_column(ForeignKey("adopted_texts.id"), unique=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))


class Gap(StrEnum):
    """The named kinds of discrepancy between the agreed and the adopted plan."""

    OMITTED = "omitted"
    ALTERED = "altered"
    ADDED = "added"
    LATE = "late"
    RETROACTIVE = "retroactive"


class Discrepancy(Model):
    """A difference, opened when the comparison was published; owes the State co-chair a
    reasoned answer within the forum's response deadline (plans/deadlines.py)."""

    __tablename__ = "discrepancies"
    __trail_type__ = "discrepancy"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id"), index=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("agreed_plans.id"))
    kind: Mapped[str] = mapped_column(String(12))
    agreed_item_id: Mapped[int | None] = mapped_column(ForeignKey("agreed_items.id"))
    adopted_text_id: Mapped[int | None] = mapped_column(ForeignKey("adopted_texts.id"))
    instrument_id: Mapped[int | None] = mapped_column(ForeignKey("plan_instruments.id"))
    fields: Mapped[str] = mapped_column(String(200), default="", doc="altered: comma-separated field names")
    days: Mapped[int | None] = mapped_column(doc="late: days from agreement to publication")
    opened_at: Mapped[datetime]
    answer: Mapped[str | None] = mapped_column(Text)
    answered_at: Mapped[datetime | None]
    answer_seconds: Mapped[int | None] = mapped_column(doc="the clock's reading at the answer")
    answered_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"))
    answer_org_id: Mapped[int | None] = mapped_column(ForeignKey("organisations.id"))

    forum = relationship("Forum")
    agreed_item = relationship("AgreedItem")
    adopted_text = relationship("AdoptedText")
    instrument = relationship("Instrument")

    @property
    def field_list(self) -> list[str]:
        return [f for f in self.fields.split(",") if f]


class Dissent(CreatedAt, Model):
    """Civil society's public disagreement with a discrepancy, with its reasons."""

    __tablename__ = "dissents"
    __table_args__ = (UniqueConstraint("discrepancy_id", "organisation_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    discrepancy_id: Mapped[int] = mapped_column(ForeignKey("discrepancies.id"), index=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text)

    organisation = relationship("Organisation")


@event.listens_for(AgreedItem, "before_update")
@event.listens_for(AgreedKey, "before_update")
@event.listens_for(Instrument, "before_update")
@event.listens_for(AdoptedText, "before_update")
@event.listens_for(Match, "before_update")
@event.listens_for(Dissent, "before_update")
def _immutable(_mapper, _connection, target):
    """What was signed, published or matched stays as it was."""
    raise RuntimeError(f"{type(target).__name__} {target.id} cannot be changed; record a new one")
