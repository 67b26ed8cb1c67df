"""Forum sessions run live: agenda, attendance, speaker queue, motions and votes, minutes.

Everything a live session shows is a row here, never process memory: a restarted server, or
another app process behind the load balancer, sees exactly the same session."""
from datetime import datetime
from enum import StrEnum

from sqlalchemy import JSON, ForeignKey, Index, String, Text, UniqueConstraint, false, text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..core.models import CreatedAt
from ..extensions import Model


class SessionStatus(StrEnum):
    SCHEDULED = "scheduled"
    LIVE = "live"
    ENDED = "ended"


class Rule(StrEnum):
    SIMPLE = "simple"  # majority of the votes cast
    DOUBLE = "double"  # a majority within the State members and within civil society


class MotionStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"
    WITHDRAWN = "withdrawn"  # taken back by a co-chair while open: no result, ballots discarded


class HandStatus(StrEnum):
    WAITING = "waiting"
    SPEAKING = "speaking"
    DONE = "done"
    LOWERED = "lowered"


class ForumSession(CreatedAt, Model):
    __tablename__ = "forum_sessions"
    __trail_type__ = "session"

    id: Mapped[int] = mapped_column(primary_key=True)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forums.id"), index=True)
    title: Mapped[str] = mapped_column(String(200))
    starts_at: Mapped[datetime] = mapped_column(index=True, doc="UTC, naive")
    ends_at: Mapped[datetime] = mapped_column(doc="planned end, UTC")
    place: Mapped[str] = mapped_column(String(300), default="")
    online_url: Mapped[str] = mapped_column(String(500), default="")
    status: Mapped[str] = mapped_column(String(12), default=SessionStatus.SCHEDULED)
    started_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    current_item: Mapped[int | None] = mapped_column(doc="position of the agenda item under discussion")
    minutes: Mapped[str] = mapped_column(Text, default="", doc="Markdown draft, saved as typed")
    minutes_revision: Mapped[int] = mapped_column(default=0)
    minutes_writer_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"),
                                                          doc="member designated to write, besides co-chairs")
    minutes_published_at: Mapped[datetime | None]
    notice_reason: Mapped[str] = mapped_column(Text, default="", server_default="",
                                               doc="why it was called with less notice than the forum's rule")
    start_reason: Mapped[str] = mapped_column(Text, default="", server_default="",
                                              doc="why it started early, late or with short notice")
    created_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    implementation_review: Mapped[bool] = mapped_column(
        default=False, server_default=false(), doc="presents implementation results to civil society (OGP 5.1)")

    forum = relationship("Forum")
    agenda: Mapped[list["AgendaItem"]] = relationship(order_by="AgendaItem.position")


class AgendaItem(Model):
    __tablename__ = "agenda_items"
    __table_args__ = (UniqueConstraint("session_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("forum_sessions.id"), index=True)
    position: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    subject_type: Mapped[str | None] = mapped_column(String(20), doc="proposal, commitment or consultation")
    subject_id: Mapped[int | None]


class Attendance(Model):
    """One row per person and session; checking out keeps the row (present=False)."""

    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("session_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("forum_sessions.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    present: Mapped[bool] = mapped_column(default=True)
    since: Mapped[datetime] = mapped_column(doc="last check-in or check-out")
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id"), doc="a co-chair, if not self")


class Hand(Model):
    """A raised hand in the speaker queue: first come, first served by (raised_at, id)."""

    __tablename__ = "hands"
    __table_args__ = (
        Index("ix_hands_queue", "session_id", "status", "raised_at"),
        # One waiting hand per person: raising twice cannot jump the queue.
        Index("uq_hands_waiting", "session_id", "user_id", unique=True,
              sqlite_where=text("status = 'waiting'"), postgresql_where=text("status = 'waiting'")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("forum_sessions.id"))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    status: Mapped[str] = mapped_column(String(10), default=HandStatus.WAITING)
    raised_at: Mapped[datetime]
    floor_at: Mapped[datetime | None]
    done_at: Mapped[datetime | None]


class Motion(CreatedAt, Model):
    __tablename__ = "motions"
    __trail_type__ = "motion"

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("forum_sessions.id"), index=True)
    agenda_position: Mapped[int | None]
    text: Mapped[str] = mapped_column(Text)
    options: Mapped[list] = mapped_column(JSON, doc='e.g. ["yes", "no", "abstain"] or the choices')
    yes_no: Mapped[bool] = mapped_column(doc="options are yes/no/abstain")
    rule: Mapped[str] = mapped_column(String(10), default=Rule.SIMPLE)
    secret: Mapped[bool] = mapped_column(default=False, server_default=false(),
                                         doc="secret ballot: after the close, counts only, never who chose what")
    status: Mapped[str] = mapped_column(String(10), default=MotionStatus.OPEN)
    opened_by_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    closed_at: Mapped[datetime | None] = mapped_column(doc="when it was counted, or withdrawn")
    result: Mapped[dict | None] = mapped_column(JSON, doc="tally and outcome, fixed at close")
    quorum_at_open: Mapped[dict | None] = mapped_column(JSON, doc="the quorum figures when the vote opened")


class Vote(Model):
    """One per member and motion (the database says so); changing it overwrites, and the
    trail keeps every ballot as a hash the roll call at close lets anyone check."""

    __tablename__ = "votes"
    __table_args__ = (UniqueConstraint("motion_id", "user_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    motion_id: Mapped[int] = mapped_column(ForeignKey("motions.id"), index=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    group: Mapped[str] = mapped_column(String(20), doc="stakeholder group of the member's seat")
    option: Mapped[str] = mapped_column(String(200))
    nonce: Mapped[str] = mapped_column(String(32), doc="salt of the ballot hash on the trail")
    cast_at: Mapped[datetime]


class MinutesApproval(Model):
    """A co-chair's approval of the minutes text with this hash; an edit voids it."""

    __tablename__ = "minutes_approvals"
    __table_args__ = (UniqueConstraint("session_id", "side", "text_sha256"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("forum_sessions.id"), index=True)
    side: Mapped[str] = mapped_column(String(12))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    text_sha256: Mapped[str] = mapped_column(String(64))
    approved_at: Mapped[datetime]
    nonce: Mapped[str | None] = mapped_column(String(32), doc="salt of the trail's commitment to this text, "
                                              "published with it; none before migration 0022")


class QuorumOverride(Model):
    """One co-chair's key to decide without quorum, with their reason, in force until quorum
    is met again (then the row goes; the trail and each vote it covered keep it). Both keys
    (State and civil society) are needed; see `sessions.quorum`."""

    __tablename__ = "quorum_overrides"
    __table_args__ = (UniqueConstraint("session_id", "side"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    session_id: Mapped[int] = mapped_column(ForeignKey("forum_sessions.id"), index=True)
    side: Mapped[str] = mapped_column(String(12))
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    reason: Mapped[str] = mapped_column(Text)
    recorded_at: Mapped[datetime]
