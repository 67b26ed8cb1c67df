"""Minutes: written during the session by a co-chair or a member they designate, saved as
typed; after the session both co-chairs approve the same text (two keys), which publishes it
with the attendance, decisions and roll calls. Until then the draft reaches only those who may
write or approve it (`minutes_queries.writers`), and the trail holds only sealed commitments to it."""

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.text import clean
from ...extensions import db
from ...forums.policy import both_keys
from ...trail import seal
from .. import policy
from ..minutes_queries import text_hash
from ..models import ForumSession, MinutesApproval, SessionStatus
from . import chair_of

MINUTES_MAX = 50_000


def save(actor, s: ForumSession, text, base_revision=None) -> ForumSession:
    """Drafts are not decisions, so they are not on the trail; the approved text is, by hash.
    `base_revision` guards against overwriting a newer draft written in another window."""
    policy.may_write_minutes(actor, s).require()
    if s.status == SessionStatus.SCHEDULED:
        raise DomainError(_l("Minutes are written once the session has started."))
    if s.minutes_published_at is not None:
        raise DomainError(_l("The minutes are approved and published; they can no longer change."))
    if not isinstance(text, str):
        raise DomainError(_l("The minutes must be text."), "text")
    text = clean(text, "text", max_len=MINUTES_MAX, required=False)
    if base_revision is not None and base_revision != s.minutes_revision:
        raise DomainError(_l("The minutes changed in another window; reload them before writing."), "text")
    if text != s.minutes:
        s.minutes, s.minutes_revision = text, s.minutes_revision + 1
    return s


def designate(actor, s: ForumSession, user_id) -> ForumSession:
    seat = chair_of(actor, s)
    policy.may_be_designated(s, user_id).require()
    s.minutes_writer_id = user_id
    trail.record("session.minutes_writer", s, actor=actor, actor_org=seat.organisation, forum=s.forum,
                 payload={"user": user_id})
    return s


def approve(actor, s: ForumSession) -> ForumSession:
    seat = chair_of(actor, s)
    if s.status != SessionStatus.ENDED:
        raise DomainError(_l("Minutes are approved after the session ends."))
    if s.minutes_published_at is not None:
        raise DomainError(_l("The minutes are already published."))
    if not s.minutes.strip():
        raise DomainError(_l("The minutes are empty."))
    digest = text_hash(s.minutes)
    if db.session.scalar(select(MinutesApproval.id).where(MinutesApproval.session_id == s.id,
                                                          MinutesApproval.side == seat.role,
                                                          MinutesApproval.text_sha256 == digest)):
        raise DomainError(_l("You already approved this text."))
    now = utcnow()
    # The draft is sealed until both keys publish it: one side's approval commits to the text
    # with a nonce (trail/seal.py), the same for both sides' approvals of the same text, and
    # the publication reveals it with the text's digest. A plain digest would let anyone who
    # guesses the draft confirm it while the other side has not approved.
    nonce = db.session.scalar(select(MinutesApproval.nonce).where(
        MinutesApproval.session_id == s.id, MinutesApproval.text_sha256 == digest,
        MinutesApproval.nonce.is_not(None)).limit(1)) or seal.nonce()
    db.session.add(MinutesApproval(session_id=s.id, side=seat.role, user_id=actor.id, text_sha256=digest,
                                   approved_at=now, nonce=nonce))
    db.session.flush()
    sides = set(db.session.scalars(select(MinutesApproval.side).where(MinutesApproval.session_id == s.id,
                                                                      MinutesApproval.text_sha256 == digest)))
    trail.record("session.minutes_approved", s, actor=actor, actor_org=seat.organisation, forum=s.forum,
                 payload={"text_commitment_sha256": seal.commitment(s.id, digest, nonce=nonce), "side": seat.role})
    if both_keys(sides):
        s.minutes_published_at = now
        trail.record("session.minutes_published", s, actor=actor, actor_org=seat.organisation, forum=s.forum,
                     payload={"text_sha256": digest, "nonce": nonce})
    return s
