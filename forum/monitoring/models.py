"""Civil society in implementation (issue 27, item 6): the co-monitor the civil-society
co-chair appoints for an adopted commitment, their verdict on each progress update, and the
State's reasoned answer to a contest. Rows are never changed: a replacement is a new
appointment naming the one it replaces, as a superseded influence link does."""
from sqlalchemy import ForeignKey, String, Text, event
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.models import CreatedAt
from ..extensions import Model


class Verdict:
    CONFIRMED = "confirmed"
    CONTESTED = "contested"


class CoMonitor(CreatedAt, Model):
    """One appointment. The current co-monitor of a commitment is the appointment no later one
    replaces; a replacement carries its reason."""

    __tablename__ = "co_monitors"
    __trail_type__ = "co_monitor"

    id: Mapped[int] = mapped_column(primary_key=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))
    replaces_id: Mapped[int | None] = mapped_column(ForeignKey("co_monitors.id"), unique=True)
    reason: Mapped[str | None] = mapped_column(Text, doc="required when replacing")
    appointed_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    user = relationship("User", foreign_keys=[user_id])
    organisation = relationship("Organisation")


class UpdateVerdict(CreatedAt, Model):
    """The co-monitor's one verdict on one progress update: confirmed, or contested with a reason."""

    __tablename__ = "update_verdicts"
    __trail_type__ = "update_verdict"

    id: Mapped[int] = mapped_column(primary_key=True)
    update_id: Mapped[int] = mapped_column(ForeignKey("progress_updates.id"), unique=True)
    commitment_id: Mapped[int] = mapped_column(ForeignKey("commitments.id"), index=True)
    verdict: Mapped[str] = mapped_column(String(10))
    reason: Mapped[str | None] = mapped_column(Text, doc="required when contested")
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))

    user = relationship("User")
    organisation = relationship("Organisation")


class ContestAnswer(CreatedAt, Model):
    """The State's side's reasoned answer to a contest; `response_seconds` is what its clock
    counts (monitoring/deadlines.py), stored as a proposal's is."""

    __tablename__ = "contest_answers"
    __trail_type__ = "contest_answer"

    id: Mapped[int] = mapped_column(primary_key=True)
    verdict_id: Mapped[int] = mapped_column(ForeignKey("update_verdicts.id"), unique=True)
    reason: Mapped[str] = mapped_column(Text)
    response_seconds: Mapped[int]
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id"))

    user = relationship("User")
    organisation = relationship("Organisation")


@event.listens_for(CoMonitor, "before_update")
@event.listens_for(UpdateVerdict, "before_update")
@event.listens_for(ContestAnswer, "before_update")
def _immutable(_mapper, _connection, target):
    raise RuntimeError(f"{type(target).__name__} {target.id} cannot be changed; record a new one")
