"""What everyone on a session page sees, as plain JSON-ready data, in parts: each event
re-sends only the parts it changed, so a vote does not ship the attendance list to 500 screens.

One part is not for everyone: the minutes draft (`draft`), which reaches only those who may
write or approve it (`for_viewer`, `minutes_queries.writers`); the public `minutes` part carries its
text only once both co-chairs published it."""
from functools import lru_cache

from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..accounts.models import User
from ..core.clock import iso
from ..core.markdown import render as render_markdown
from ..extensions import db
from ..forums.models import Seat
from ..forums.policy import both_keys
from ..forums.queries import seats_known
from . import minutes_queries, motion_queries, policy, public, quorum_queries, vote_counting
from .models import Attendance, ForumSession, Hand, HandStatus

PARTS = ("header", "attendance", "queue", "motion", "decisions", "minutes")


def header(s: ForumSession) -> dict:
    return {"id": s.id, "title": s.title, "status": s.status, "current_item": s.current_item,
            "starts_at": iso(s.starts_at), "started_at": iso(s.started_at), "ended_at": iso(s.ended_at),
            "notice_reason": s.notice_reason, "start_reason": s.start_reason,
            "agenda": [{"position": i.position, "title": i.title, "subject_type": i.subject_type,
                        "subject_id": i.subject_id} for i in s.agenda]}


def attendance(s: ForumSession) -> dict:
    # the member and the organisation joined in (many-to-one: one row per seat), one statement
    seats = list(db.session.scalars(select(Seat).options(joinedload(Seat.user), joinedload(Seat.organisation))
                                    .where(Seat.forum_id == s.forum_id, Seat.ended_at.is_(None))
                                    .order_by(Seat.role.desc(), Seat.id)))
    seats_known(s.forum_id, seats)  # the designation's predicate asks each member's seat
    rows = dict(db.session.execute(select(Attendance.user_id, Attendance.present)
                                   .where(Attendance.session_id == s.id)).all())
    members = [{"user": seat.user_id, "name": seat.user.display_name, "organisation": seat.organisation.name,
                "group": seat.organisation.kind, "role": seat.role, "present": bool(rows.get(seat.user_id)),
                "attended": seat.user_id in rows} for seat in seats]
    q = vote_counting.quorum([m["group"] for m in members], [m["group"] for m in members if m["present"]],
                     s.forum.quorum_rule)
    keys = quorum_queries.overrides(s)
    return {"members": members, "quorum": q, "overrides": quorum_queries.shown(keys),
            "may_decide": q["met"] or both_keys(o.side for o in keys)}


def queue(s: ForumSession) -> dict:
    rows = db.session.execute(select(Hand, User.display_name).join(User, User.id == Hand.user_id).where(
        Hand.session_id == s.id, Hand.status.in_([HandStatus.WAITING, HandStatus.SPEAKING]))
        .order_by(Hand.raised_at, Hand.id)).all()
    waiting = [{"hand": h.id, "user": h.user_id, "name": name, "raised_at": iso(h.raised_at)}
               for h, name in rows if h.status == HandStatus.WAITING]
    speaking = next(({"user": h.user_id, "name": name, "since": iso(h.floor_at)} for h, name in rows
                     if h.status == HandStatus.SPEAKING), None)
    return {"waiting": waiting, "speaking": speaking}


def motion(s: ForumSession) -> dict | None:
    m = motion_queries.open_motion_of(s)
    if m is None:
        return None
    return {"id": m.id, "text": m.text, "options": m.options, "yes_no": m.yes_no, "rule": m.rule,
            "secret": m.secret, "agenda_item": m.agenda_position, "tally": motion_queries.live_tally(m),
            "quorum_at_open": m.quorum_at_open}


def decisions(s: ForumSession) -> list[dict]:
    """The session's record of motions no longer open: each counted one with its result and
    roll call, and each withdrawn one (`status` "withdrawn", no result, no ballot) in its place."""
    closed = motion_queries.decided([s.id], withdrawn=True)
    ids = {r["user"] for m in closed for r in (m.result or {}).get("roll_call", [])}
    names = dict(db.session.execute(select(User.id, User.display_name).where(User.id.in_(ids))).all()) if ids else {}
    return [{"id": m.id, "status": m.status, "text": m.text, "options": m.options, "yes_no": m.yes_no, "rule": m.rule,
             "secret": m.secret, "agenda_item": m.agenda_position, "closed_at": iso(m.closed_at),
             "result": {k: v for k, v in (m.result or {}).items() if k != "roll_call"},
             "roll_call": [{**r, "name": names.get(r["user"], "")} for r in (m.result or {}).get("roll_call", [])]}
            for m in closed]


@lru_cache(maxsize=256)
def _published_html(text: str) -> str:
    """Published minutes never change: their HTML is rendered once per process, not at every
    vote of a later session's rebuild (issue 29)."""
    return str(render_markdown(text))


def minutes(s: ForumSession) -> dict:
    """The minutes as the public sees them: who writes, the revision, the approvals, and the
    text once published (before that, `draft` carries it to the writers only)."""
    published = public.published(s)
    return {"text": public.text(s), "html": _published_html(s.minutes) if published else None,
            "revision": s.minutes_revision, "empty": not s.minutes.strip(),
            "writer": s.minutes_writer_id,
            "approved_by": [a.side for a in minutes_queries.approvals(s)],
            "published_at": iso(public.published_at(s))}


def draft(s: ForumSession) -> dict:
    return {"text": s.minutes, "html": str(render_markdown(s.minutes)), "revision": s.minutes_revision}


BUILDERS = {"header": header, "attendance": attendance, "queue": queue, "motion": motion,
            "decisions": decisions, "minutes": minutes}


def snapshot(s: ForumSession, parts=PARTS) -> dict:
    """The public state: the same for every reader, so it may be cached and broadcast."""
    return {name: BUILDERS[name](s) for name in parts}


def for_viewer(s: ForumSession, viewer, parts=PARTS) -> dict:
    """The public state, plus what this person may do on the page (`may`, from the policy)
    and the draft for someone who may write or approve the minutes."""
    out = snapshot(s, parts)
    out["may"] = policy.may(viewer, s)
    if "minutes" in parts and viewer is not None and policy.may_write_minutes(viewer, s):
        out["draft"] = draft(s)
    return out
