"""What anyone may ask of motions and votes, without changing them: the open motion, the live
tally (sealed until the close), a member's own ballot, the motions decided, and the commitment a
ballot leaves on the trail (so a roll call can be checked against it). The writers are in
`services/motions.py`."""
from sqlalchemy import func, select

from ..extensions import db
from ..trail import seal
from .models import ForumSession, Motion, MotionStatus, Vote


def ballot_hash(m: Motion, user_id: int, option: str, nonce: str) -> str:
    """The commitment on the trail. A roll-call ballot binds the member; a secret one only
    the motion, the option and the nonce, so its opening can be published without a name."""
    return seal.commitment(m.id, "secret" if m.secret else user_id, option, nonce=nonce)


def open_motion_of(s: ForumSession) -> Motion | None:
    return db.session.scalar(select(Motion).where(Motion.session_id == s.id, Motion.status == MotionStatus.OPEN))


def live_tally(m: Motion) -> dict:
    """While the motion is open, only how many ballots are in, overall and per group: the
    count per option is sealed until the close. A running count beside the trail's "vote
    cast by X" entries would tell anyone watching what X chose; the ballot hashes on the
    trail and the roll call revealed at the close let everyone check the count afterwards."""
    rows = db.session.execute(select(Vote.group, func.count()).where(Vote.motion_id == m.id)
                              .group_by(Vote.group)).all()
    by_group = {group: n for group, n in sorted(rows)}
    return {"ballots": sum(by_group.values()), "by_group": by_group, "sealed": True}


def my_vote(user_id: int, m: Motion) -> str | None:
    return db.session.scalar(select(Vote.option).where(Vote.motion_id == m.id, Vote.user_id == user_id))


def decided(session_ids=None, withdrawn=False) -> list[Motion]:
    """Motions voted and counted; with `withdrawn`, those taken back without a result too."""
    statuses = [MotionStatus.CLOSED, MotionStatus.WITHDRAWN] if withdrawn else [MotionStatus.CLOSED]
    query = select(Motion).where(Motion.status.in_(statuses))
    if session_ids is not None:
        query = query.where(Motion.session_id.in_(list(session_ids)))
    return list(db.session.scalars(query.order_by(Motion.id)))
