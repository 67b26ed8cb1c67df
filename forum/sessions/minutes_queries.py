"""Who may be designated to write a session's minutes, who may read the draft (`writers`),
the co-chairs' approvals of the current text, and the text's hash that approvals and the
trail name. The writers (save, designate, approve) are in `services/minutes.py`."""
import hashlib

from sqlalchemy import select

from ..accounts.models import User
from ..extensions import db
from . import policy
from .models import ForumSession, MinutesApproval


def designatable(s: ForumSession, members: list[dict]) -> list[dict]:
    """The rows of the attendance list a co-chair may name to write the minutes."""
    return [m for m in members if policy.may_be_designated(s, m["user"])]


def writers(s: ForumSession) -> list[User]:
    """Everyone the draft may reach: each co-chair and the designated member, as the policy
    that lets them write (and the co-chairs approve) answers today. A designation taken back
    or a seat ended stops the draft at once, without anyone leaving a room."""
    candidates = [seat.user for seat in s.forum.active_seats if seat.is_chair]
    if s.minutes_writer_id is not None:
        candidates.append(db.session.get(User, s.minutes_writer_id))
    return [u for u in dict.fromkeys(candidates) if u is not None and policy.may_write_minutes(u, s)]


def approvals(s: ForumSession) -> list[MinutesApproval]:
    """Approvals of the current text only: an edit after approving voids it."""
    return list(db.session.scalars(select(MinutesApproval).where(
        MinutesApproval.session_id == s.id, MinutesApproval.text_sha256 == text_hash(s.minutes))
        .order_by(MinutesApproval.id)))


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
