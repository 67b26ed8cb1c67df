"""Motions and votes. Members present vote once per motion (a new vote replaces theirs until
the close); at close the rule counts the ballots and the roll call is published.

Each ballot goes on the trail as a salted hash, so the public trail does not reveal the
roll call before the close, and the roll call published at close (with the salts) lets
anyone check every ballot against the trail."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import delete, select

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.models import upsert_insert
from ...core.text import clean
from ...extensions import db
from ...trail import seal
from .. import vote_counting
from ..models import ForumSession, Motion, MotionStatus, Rule, Vote
from ..motion_queries import ballot_hash, live_tally
from . import chair_of, quorum, require_live, require_present

TEXT_MAX, OPTION_MAX, OPTIONS_MAX = 2000, 200, 12
YES_NO = ["yes", "no", "abstain"]


def open_motion(actor, s: ForumSession, text: str, choices=None, rule: str = Rule.SIMPLE,
                secret: bool = False) -> Motion:
    """`choices`: None for yes/no/abstain, else the list of options (2 to 12, distinct).
    `secret`: a secret ballot (elections of people, say): the close publishes the counts
    and each ballot's (option, nonce), never whose it was."""
    seat = chair_of(actor, s)
    require_live(s)
    q = quorum.require(s, actor, seat.organisation)
    text = clean(text, "text", max_len=TEXT_MAX, min_len=5)
    if rule not in set(Rule):
        raise DomainError(_l("Choose the voting rule."), "rule")
    if not isinstance(secret, bool):
        raise DomainError(_l("Say whether the ballot is secret."), "secret")
    if choices is None:
        options, yes_no = YES_NO, True
    else:
        if not isinstance(choices, list) or not all(isinstance(c, str) for c in choices):
            raise DomainError(_l("Give the choices as a list of texts."), "choices")
        options = [clean(c, "choices", max_len=OPTION_MAX) for c in choices if c.strip()]
        if not 2 <= len(options) <= OPTIONS_MAX:
            raise DomainError(_l("Give between 2 and %(n)d choices.", n=OPTIONS_MAX), "choices")
        if len({o.casefold() for o in options}) != len(options):
            raise DomainError(_l("Each choice must be different."), "choices")
        yes_no = False
    if db.session.scalar(select(Motion.id).where(Motion.session_id == s.id, Motion.status == MotionStatus.OPEN)):
        raise DomainError(_l("Another motion is open: close it first."))
    m = Motion(session_id=s.id, agenda_position=s.current_item, text=text, options=options, yes_no=yes_no,
               rule=rule, secret=secret, opened_by_id=actor.id, created_at=utcnow(), quorum_at_open=q)
    db.session.add(m)
    db.session.flush()
    trail.record("motion.opened", s, actor=actor, actor_org=seat.organisation, forum=s.forum,
                 payload={"motion": m.id, "text": text, "options": options, "rule": rule, "secret": secret,
                          "agenda_item": s.current_item, "quorum": q})
    return m


def _locked_motion(s: ForumSession, motion_id) -> Motion:
    """The motion row, locked (on PostgreSQL) so a vote and the close cannot interleave."""
    if not isinstance(motion_id, int) or isinstance(motion_id, bool):
        raise DomainError(_l("There is no such motion."), "motion")
    m = db.session.scalar(select(Motion).where(Motion.id == motion_id, Motion.session_id == s.id)
                          .with_for_update())
    if m is None:
        raise DomainError(_l("There is no such motion."), "motion")
    return m


def vote(actor, s: ForumSession, motion_id, option) -> Vote:
    seat = require_present(actor, s)
    m = _locked_motion(s, motion_id)
    if m.status != MotionStatus.OPEN:
        raise DomainError(_l("This motion is closed: votes are no longer received."))
    if not isinstance(option, str) or option not in m.options:
        raise DomainError(_l("That is not one of the options of this motion."), "option")
    nonce = seal.nonce()
    values = dict(motion_id=m.id, user_id=actor.id, group=seat.organisation.kind, option=option, nonce=nonce,
                  cast_at=utcnow())
    stmt = upsert_insert(Vote).values(**values)
    # One row per member and motion even when two ballots race: the later one replaces.
    db.session.execute(stmt.on_conflict_do_update(
        index_elements=["motion_id", "user_id"],
        set_={"option": stmt.excluded.option, "nonce": stmt.excluded.nonce, "cast_at": stmt.excluded.cast_at,
              "group": stmt.excluded.group}))
    # Sealed: neither the voter nor their organisation is on the entry while the motion is
    # open, only the commitment; the close reveals each (user, option, nonce) behind it.
    trail.record("motion.vote", s, forum=s.forum,
                 payload={"motion": m.id, "ballot_sha256": ballot_hash(m, actor.id, option, nonce)})
    return db.session.scalars(select(Vote).where(Vote.motion_id == m.id, Vote.user_id == actor.id)
                              .execution_options(populate_existing=True)).one()



def close_motion(actor, s: ForumSession, motion_id) -> Motion:
    seat = chair_of(actor, s)
    m = _locked_motion(s, motion_id)
    if m.status != MotionStatus.OPEN:
        raise DomainError(_l("This motion is already closed."))
    at_close = quorum.require(s, actor, seat.organisation)
    ballots = list(db.session.scalars(select(Vote).where(Vote.motion_id == m.id).order_by(Vote.user_id)))
    result = vote_counting.count(m.options, [(v.group, v.option) for v in ballots], m.rule)
    if m.secret:  # each ballot's opening, in a stable order that says nothing of who cast it
        result["ballots_revealed"] = sorted(({"option": v.option, "nonce": v.nonce} for v in ballots),
                                            key=lambda b: b["nonce"])
        result["roll_call"] = []
        if m.rule != Rule.DOUBLE:  # a group of one would show its member's choice; double majority needs them
            result["by_group"] = {}
    else:
        result["roll_call"] = [{"user": v.user_id, "group": v.group, "option": v.option, "nonce": v.nonce}
                               for v in ballots]
    result["quorum"] = quorum_record(m.quorum_at_open, at_close)
    m.status, m.closed_at, m.result = MotionStatus.CLOSED, utcnow(), result
    trail.record("motion.closed", s, actor=actor, actor_org=seat.organisation, forum=s.forum,
                 payload={"motion": m.id, **result})
    return m


def quorum_record(at_open: dict | None, at_close: dict) -> dict:
    """What a result says of its quorum: met at the opening and at the close, or not, with
    the co-chairs' keys that let the vote go ahead without it. (A motion opened before the
    quorum was recorded at opening has no `at_open`.)"""
    def bare(q):
        return {k: v for k, v in q.items() if k != "override"} if q else None
    met = at_close["met"] and (at_open is None or at_open["met"])
    keys: list[dict] = []  # the keys in force at the opening and at the close (a new stretch has new ones)
    for key in [*(at_open or {}).get("override", []), *at_close["override"]]:
        if key not in keys:
            keys.append(key)
    return {"met": met, "at_open": bare(at_open), "at_close": bare(at_close), "override": [] if met else keys}


def withdraw(actor, s: ForumSession, motion_id) -> Motion:
    """A co-chair takes back an open motion: no result is declared, with or without quorum,
    so a session that lost its quorum mid-vote can still end without anyone deciding
    without it. The ballots cast are discarded unread: a question the forum never decided
    leaves no record of who chose what — not on the page, and not in the database where a
    later leak would expose positions taken on it. Their sealed commitments stay on the trail
    and stay sealed; how many there were (already public while the vote was open) is kept."""
    seat = chair_of(actor, s)
    require_live(s)
    m = _locked_motion(s, motion_id)
    if m.status != MotionStatus.OPEN:
        raise DomainError(_l("This motion is already closed."))
    ballots = live_tally(m)
    db.session.execute(delete(Vote).where(Vote.motion_id == m.id))
    m.status, m.closed_at = MotionStatus.WITHDRAWN, utcnow()
    m.result = {"withdrawn": {"side": seat.role, "user": actor.id, "ballots": ballots["ballots"],
                              "by_group": ballots["by_group"]}}
    trail.record("motion.withdrawn", s, actor=actor, actor_org=seat.organisation, forum=s.forum,
                 payload={"motion": m.id, "ballots_discarded": ballots["ballots"], "by_group": ballots["by_group"]})
    return m
