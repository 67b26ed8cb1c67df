"""Socket.IO edge of live sessions: parse the payload, call the service, commit through
`core.views.commit`, tell the room what changed once committed (`core.aftercommit`). No
rule lives here, and no state: a message queue (Redis) carries the broadcasts between app
processes, and the database holds everything else.

Every client event carries {"session": id, ...}. A refused or malformed event gets an
`error` event back (and the same in its acknowledgement), changes nothing, and nobody
else hears of it."""
import json
import logging

from flask import request
from flask_babel import gettext as _
from flask_babel import lazy_pgettext as _p
from flask_login import current_user
from flask_socketio import emit, join_room, leave_room

from ..accounts.models import User
from ..core.aftercommit import on_commit
from ..core.args import payload_number
from ..core.errors import DomainError
from ..core.views import commit
from ..extensions import db, socketio
from ..ratelimits import allow_live_event
from . import minutes_queries, motion_queries, policy, seat_ended, services, state  # noqa: F401 (seat_ended listens)
from .models import ForumSession, Vote
from .rooms import NS, personal_room, room
from .services import minutes, motions, quorum

PAYLOAD_MAX = 60_000  # characters of JSON; the minutes (50,000) are the largest
log = logging.getLogger(__name__)


class BadPayload(DomainError):
    """A payload the events cannot read: refused like any rule, with no field named."""


def _actor():
    return current_user._get_current_object() if current_user.is_authenticated else None


#: A payload field as a refusal names it, in the reader's language: the key is what a script
#: sends, the word is what a person reading the message understands.
FIELD_NAMES = {"session": _p("live field", "session"), "motion": _p("live field", "motion"),
               "position": _p("live field", "position"), "user": _p("live field", "user"),
               "present": _p("live field", "present"), "option": _p("live field", "option"),
               "text": _p("live field", "text"), "reason": _p("live field", "reason"),
               "revision": _p("live field", "revision"), "rule": _p("live field", "rule"),
               "secret": _p("live field", "secret"), "choices": _p("live field", "choices")}


def _named(key: str) -> str:
    return str(FIELD_NAMES.get(key, key))


def _int(payload: dict, key: str, required=True):
    value = payload.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise BadPayload(_("“%(key)s” must be a number.", key=_named(key)))
    try:
        return payload_number(value, _named(key))  # one that a database column can hold, or the reason
    except DomainError as err:
        raise DomainError(err.message, key) from None


def _str(payload: dict, key: str, required=True):
    value = payload.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str):
        raise BadPayload(_("“%(key)s” must be text.", key=_named(key)))
    return value


def _bool(payload: dict, key: str, default: bool = True) -> bool:
    value = payload.get(key, default)
    if not isinstance(value, bool):
        raise BadPayload(_("“%(key)s” must be true or false.", key=_named(key)))
    return value


def _choices(payload):
    value = payload.get("choices")
    if value is not None and not (isinstance(value, list) and all(isinstance(c, str) for c in value)):
        raise BadPayload(_("“%(key)s” must be a list of texts.", key=_named("choices")))
    return value


def _confirmed(payload: dict, event: str) -> bool:
    """Ending a session, withdrawing a motion and approving the minutes cannot be undone: the
    page asks first and says so with "confirm": true, so one stray click (or a replayed
    message) does nothing."""
    if payload.get("confirm") is not True:
        raise BadPayload(_("Confirm first: your approval publishes the minutes once both co-chairs approve.")
                         if event == "approve_minutes" else _("Confirm first: this cannot be undone."))
    return True


# event: (call(actor, session, payload), parts of the state it changes)
EVENTS = {
    "start": (lambda a, s, p: services.start(a, s, _str(p, "reason", required=False)), ("header",)),
    "end": (lambda a, s, p: _confirmed(p, "end") and services.end(a, s), ("header", "queue", "attendance")),
    "advance": (lambda a, s, p: services.advance(a, s, _int(p, "position")), ("header",)),
    "check_in": (lambda a, s, p: services.check_in(a, s, _bool(p, "present")), ("attendance", "queue")),
    "record_presence": (lambda a, s, p: services.record_presence(a, s, _int(p, "user"), _bool(p, "present")),
                        ("attendance", "queue")),
    "raise_hand": (lambda a, s, p: services.raise_hand(a, s), ("queue",)),
    "lower_hand": (lambda a, s, p: services.lower_hand(a, s), ("queue",)),
    "give_floor": (lambda a, s, p: services.give_floor(a, s), ("queue",)),
    "open_motion": (lambda a, s, p: motions.open_motion(a, s, _str(p, "text"), _choices(p),
                                                        _str(p, "rule", required=False) or "simple",
                                                        _bool(p, "secret", default=False)), ("motion",)),
    "vote": (lambda a, s, p: motions.vote(a, s, _int(p, "motion"), _str(p, "option")), ("motion",)),
    "close_motion": (lambda a, s, p: motions.close_motion(a, s, _int(p, "motion")), ("motion", "decisions")),
    "withdraw_motion": (lambda a, s, p: _confirmed(p, "withdraw_motion") and motions.withdraw(a, s, _int(p, "motion")),
                        ("motion", "decisions")),
    "minutes": (lambda a, s, p: minutes.save(a, s, _str(p, "text"), _int(p, "revision", required=False)),
                ("minutes",)),
    "designate_writer": (lambda a, s, p: minutes.designate(a, s, _int(p, "user", required=False)), ("minutes",)),
    "approve_minutes": (lambda a, s, p: _confirmed(p, "approve_minutes") and minutes.approve(a, s),
                        ("minutes", "header")),
    "override_quorum": (lambda a, s, p: quorum.override(a, s, _str(p, "reason")), ("attendance",)),
}


def _session_of(payload) -> ForumSession:
    if not isinstance(payload, dict):
        raise BadPayload(_("Send an object with the session number."))
    if len(json.dumps(payload)) > PAYLOAD_MAX:
        raise BadPayload(_("The message is too large."))
    s = db.session.get(ForumSession, _int(payload, "session"))
    if s is None:
        raise BadPayload(_("There is no such session."))
    return s


def _refuse(event: str, message: str, field=None) -> dict:
    body = {"event": event, "message": message, "field": field}
    emit("error", body)  # to this client only
    return {"ok": False, **body}


#: Events that change what someone may do on the page, and whose `may` they change (the
#: session starting or ending: every member's; a presence: that person's; the minutes' writer:
#: the one named before and the one named now). Only theirs is computed and sent again.
MAY_CHANGES = {
    "start": lambda s, actor, payload, writer_before: [seat.user_id for seat in s.forum.active_seats],
    "end": lambda s, actor, payload, writer_before: [seat.user_id for seat in s.forum.active_seats],
    "check_in": lambda s, actor, payload, writer_before: [actor.id],
    "record_presence": lambda s, actor, payload, writer_before: [payload["user"]],
    "designate_writer": lambda s, actor, payload, writer_before: [writer_before, s.minutes_writer_id],
}


def handle(event: str, payload) -> dict:
    """One event, committed through `core.views.commit` (the same refusal mapping as every
    page's `run`): a refusal is this client's JSON error, and nothing is written."""
    call, parts = EVENTS[event]
    try:
        _result, refused = commit(_act, event, payload)
    except Exception:  # a bug must not take the session down for the others
        db.session.rollback()
        log.exception("live event %s failed", event)
        return _refuse(event, _("Something went wrong; nothing was changed. Try again."))
    if refused is not None:
        return _refuse(event, str(refused.message), refused.field)
    return {"ok": True}


def _act(event: str, payload):
    call, parts = EVENTS[event]
    s = _session_of(payload)
    actor = _actor()
    who = f"user:{actor.id}" if actor else f"sid:{request.sid}"  # type: ignore[attr-defined]
    if not allow_live_event(who, s.id):
        raise BadPayload(_("Too many actions at once: wait a few seconds and try again."))
    writer_before = s.minutes_writer_id
    result = call(actor, s, payload)
    db.session.flush()
    news = _news(s, parts, result)
    if event in MAY_CHANGES:
        news += _mays(s, MAY_CHANGES[event](s, actor, payload, writer_before))
    on_commit(_send, news)
    return result


def _mays(s: ForumSession, user_ids) -> list[tuple[str, dict, str]]:
    """What each of these people may now do on the page, to their own windows."""
    users = [db.session.get(User, i) for i in dict.fromkeys(user_ids) if i is not None]
    return [("state", {"may": policy.may(user, s)}, personal_room(s.id, user.id)) for user in users if user]


def _news(s: ForumSession, parts, result) -> list[tuple[str, dict, str]]:
    """What the event changed, for whom: read now, inside the transaction, and sent by
    `core.aftercommit` only once it commits, so a failed commit tells nobody anything.
    The minutes draft goes to the own windows of each person who may write or approve it,
    never to the session room, where anyone may listen."""
    news = [("state", state.snapshot(s, parts), room(s.id))]
    if "minutes" in parts:
        part = {"draft": state.draft(s)}
        news += [("state", part, personal_room(s.id, user.id)) for user in minutes_queries.writers(s)]
    if isinstance(result, Vote):
        news.append(("you", {"session": s.id, "motion": result.motion_id, "vote": result.option},
                     personal_room(s.id, result.user_id)))
    return news


def _send(news) -> None:
    for name, body, to in news:
        emit(name, body, to=to, namespace=NS)


def _register(event: str) -> None:
    socketio.on_event(event, lambda payload=None: handle(event, payload), namespace=NS)


for _name in EVENTS:
    _register(_name)


@socketio.on("join", namespace=NS)
def join(payload=None):
    """Anyone may watch: join the room and get the whole public state, plus one's own vote
    (and the minutes draft, for those who may write it)."""
    try:
        s = _session_of(payload)
    except DomainError as err:  # unreadable, or a number out of range (core.args)
        return _refuse("join", str(err.message), err.field)
    actor = _actor()
    if not _enter(room(s.id)):
        return _gone()
    emit("state", state.for_viewer(s, actor))
    if actor is not None:
        if not _enter(personal_room(s.id, actor.id)):
            return _gone()
        open_m = motion_queries.open_motion_of(s)
        emit("you", {"session": s.id, "user": actor.id, "motion": open_m.id if open_m else None,
                     "vote": motion_queries.my_vote(actor.id, open_m) if open_m else None})
    db.session.rollback()  # read-only: end the transaction
    return {"ok": True}


def _enter(name: str) -> bool:
    """Join a room unless this socket has gone: a page navigated away at once disconnects
    while its join still runs on another thread, and the manager then refuses (ValueError when
    it was the namespace's last socket, KeyError otherwise). A window that is gone needs no
    room, and its join must not fail in the server's thread. (Not `is_connected`: that is
    still false while the server finishes a connection whose client already sent its join.)"""
    sid = request.sid  # type: ignore[attr-defined]
    if socketio.server.manager.eio_sid_from_sid(sid, NS) is None:  # gone: no empty room left behind
        return False
    try:
        join_room(name)
    except (ValueError, KeyError):  # it left between the check and the join
        return False
    return True


def _gone() -> dict:
    db.session.rollback()  # read-only: end the transaction
    return {"ok": False}


@socketio.on("leave", namespace=NS)
def leave(payload=None):
    if isinstance(payload, dict) and isinstance(payload.get("session"), int):
        leave_room(room(payload["session"]))
    return {"ok": True}


@socketio.on("connect", namespace=NS)
def connect(auth=None):
    """Observers connect without an account; the login session (the same cookie as the
    pages) says who a member is."""
    log.debug("live connect %s user=%s", request.sid, getattr(current_user, "id", None))
    return True
