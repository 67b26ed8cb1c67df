"""What each trail entry makes stale: the versions a remembered page is keyed on.

A page used to be keyed on the trail head, so any write anywhere (a vote in another forum)
made every remembered page of the site stale at once. Instead each entry, as it is recorded,
bumps a counter for each thing it touches — its forum, its subject (the proposal, the
commitment, the consultation, the session), the kind of subject (for the lists of all of
them) and whatever its payload points at (a proposal an influence link cites); a busy act
(a vote, an endorsement: FACETS below) only its subject and one facet of its forum and kind —
in the same transaction, so a version moves exactly when the change commits. CLOCK moves with whatever
may move an instant at which pages change by the clock alone. A page names the versions
it shows (forum/pagedeps.py) and is rebuilt only when one of them moved.

Where the reach of an action is unclear — a forum's settings, seats or status, an
organisation, an account, anything hidden or withdrawn, a subject type not listed here —
the entry bumps SITE, which every such page depends on too: it is as stale as it used to be
with the head. Counters live in the database (one small table) so every process agrees;
the bump is one UPSERT that SQLite and PostgreSQL both do atomically, so two writers
bumping the same key never lose one (the trail's lock row already queues them, too).
"""
import json
import re
import secrets
from typing import NamedTuple

from sqlalchemy import BigInteger, Integer, String, literal, select
from sqlalchemy.orm import Mapped, mapped_column

from ..core.models import upsert_insert
from ..extensions import Model, db
from .models import TrailEntry

SITE = "site"
# subject type -> (the key of its owner, or None when the subject is its own owner; its kind)
OWNERS = {"proposal": "proposals", "comment": "proposals", "response": "proposals",
          "commitment": "commitments", "commitment_version": "commitments", "influence_link": "commitments",
          "assessment": "commitments", "plan_import": "commitments",
          "consultation": "consultations", "consultation_comment": "consultations",
          "session": "sessions", "motion": "sessions"}
OWN_PAGE = {"proposal", "commitment", "consultation", "session"}  # subjects with a page of their own
# Actions whose reach is not one forum and one subject: everything is stale, as with the head.
WIDE = re.compile(r"^(forum|organisation|account|reviewer|trail\.witness)\.|\.(hidden|comment_hidden|withdrawn|"
                  r"edited|merged)$")
# Trail bookkeeping shown only on trail pages (keyed on the head): nothing else moves.
OWN_ONLY = {"trail.checkpoint", "trail.cosigned"}
# Actions that never move an instant a page changes at by the clock alone (a consultation's
# or session's times, a waiting proposal's deadline): every other one bumps CLOCK, which the
# page cache's list of those instants is keyed on. Not quiet, since they start or restart a
# monitoring or plan clock (monitoring/deadlines.py, monitoring/queries.moments,
# plans/deadlines.py): progress reported (its verification window; a civil-society report
# restarts its commitment's neglect), a sign-off and an adoption (neglect counts from the
# adoption's keys), a civil-society comment on a consultation about a commitment (neglect), and
# a discrepancy opened (its answer's deadline).
CLOCK = "clock"
QUIET = re.compile(r"^(motion\.|session\.(checked_|hand_|floor|item|minutes_|quorum_)|proposal\.endorse|"
                   r"comment\.posted|consultation\.(answered|answer_revised)|influence\.|"
                   r"commitment\.(?!signed$|adopted$)|assessment\.|plan\.(?!discrepancy_opened$))")
REF = re.compile(r"^(proposal|commitment|consultation|session):(\d+)$")
# The front page lists what is new on the record but none of these acts of participation,
# which come many a minute while a session is live or a consultation closes (a vote, a
# check-in, a raised hand, an endorsement, a comment): each bumps its own pages, not FRONT.
# Nor the log's own bookkeeping (OWN_ONLY). pages/routes.home asks `front_news` for its list.
FRONT = "front"
BUSY = ("motion.vote", "session.checked_in", "session.checked_out", "session.hand_raised", "session.hand_lowered",
        "session.floor", "proposal.endorsed", "proposal.endorsement_withdrawn", "comment.posted",
        "consultation.commented")
# A busy act is shown by few pages, so it moves a *facet* of its forum, of the forum's cycle
# and of its kind (`forum:1:live`, `cycle:2019-2021:live`, `sessions:live`) besides its own
# subject's page — never the forum, the cycle or the kind themselves, which the forum's other
# pages (its proposal lists, ledger, dashboard, cycle page, the API lists) are keyed on. A
# page that shows a facet says so in forum/pagedeps.py:
#   live          a live session's votes, attendance, hands and floor: only the session's own
#                 pages (`session:<id>`) show them — quorum and tallies are the session's;
#   endorsements  a proposal's endorsement count: its page, and the proposal lists and the
#                 API list, which show the count and sort by it;
#   comments      a proposal's discussion: only its page (a comment is counted nowhere else).
# Each of the three also counts in the minimum requirements (a forum's entries per half-year),
# which therefore declare every facet. A comment in a consultation is not split off: it is an
# input the forum's figures count (voice, a commitment's neglect) and the API list counts, so
# it moves its forum, cycle and kind as any record does.
LIVE, ENDORSEMENTS, COMMENTS = "live", "endorsements", "comments"
FACETS = {**dict.fromkeys(("motion.vote", "session.checked_in", "session.checked_out", "session.hand_raised",
                           "session.hand_lowered", "session.floor"), LIVE),
          "proposal.endorsed": ENDORSEMENTS, "proposal.endorsement_withdrawn": ENDORSEMENTS,
          "comment.posted": COMMENTS}
FORUM = re.compile(r"^forum:(\d+)(:\w+)?$")  # a forum's version, or one of its facets
# Someone who only registered is "a registered person" on every page until their first public
# act (forums/names.py: any entry of theirs but an account's), which need not move SITE nor,
# if busy, FRONT. That entry moves NAMED (trail/record.py asks whether it is the first), on
# which the pages kept under those alone that name the log's people depend (forum/pagedeps.py).
NAMED = "named"


def cycle_key(cycle: str, facet: str = "") -> str:
    """A cycle's pages (its figures, plan, requirements, clusters) show its forums' records;
    with a facet, what its forums' busy acts of that facet move."""
    return f"cycle:{cycle}" + (f":{facet}" if facet else "")


def facet_key(key: str, facet: str) -> str:
    """The part of a forum's (or a kind's) version that one kind of busy act moves."""
    return f"{key}:{facet}"


# A live act moves only the part of its session's page it changed, not the session's record
# (its agenda, motions' texts, decisions, minutes, status): `session:<id>:tally` at a vote
# (the open motion's ballots in), `:attendance` at a check-in or out (who is present, quorum),
# `:queue` at a hand raised or lowered and the floor given. The session's pages declare the
# parts they show (pagedeps `_session`) and the live page keeps each part, and the record,
# under its own (sessions/live_parts.py, sessions/live_page.py): a vote re-renders the tally.
LIVE_PARTS = {"motion.vote": "tally", "session.checked_in": "attendance", "session.checked_out": "attendance",
              "session.hand_raised": "queue", "session.hand_lowered": "queue", "session.floor": "queue"}
SESSION_PARTS = tuple(sorted(set(LIVE_PARTS.values())))


def session_keys(session_id, parts: tuple[str, ...] = SESSION_PARTS) -> tuple[str, ...]:
    """A session's record's version and those of the live `parts` its page shows."""
    own = f"session:{session_id}"
    return (own, *(facet_key(own, part) for part in parts))


class PageVersion(Model):
    """A counter per thing a page can show: bumped by every entry that touches it."""

    __tablename__ = "page_versions"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    counter: Mapped[int] = mapped_column(Integer, default=0)
    # A random number drawn at each bump: counters count, but two databases (a restored backup,
    # `flask reset-demo`, two tests from one template) reach the same count with other
    # contents, and a process that served one must not serve its copy for the other. Equal
    # stamps mean one history (HISTORY in `read`, `counters`).
    stamp: Mapped[int] = mapped_column(BigInteger, default=0, server_default="0")


HISTORY = "history"  # in `read`'s counters: {key: stamp} of the keys read, for a cache's key


def touched(entry: TrailEntry, first_act: bool = False) -> set[str]:
    """The one place that says which versions an entry moves, from the entry alone — and
    `first_act`, whether it is its actor's first public act (NAMED), which record reads."""
    if entry.action in OWN_ONLY:
        return set()
    if WIDE.search(entry.action) or entry.subject_type not in OWNERS:
        return {SITE}
    facet = FACETS.get(entry.action)

    def part(key: str) -> str:  # a busy act moves only its facet of the forum and of the kind
        return facet_key(key, facet) if facet else key
    keys = {part(OWNERS[entry.subject_type])} | (set() if QUIET.match(entry.action) else {CLOCK}) \
        | (set() if entry.action in BUSY else {FRONT})
    if entry.forum_id is not None:
        keys.add(part(f"forum:{entry.forum_id}"))  # and its cycle's, as it is bumped
    if entry.subject_type in OWN_PAGE:  # a live act: only the part of its session it moved
        own = f"{entry.subject_type}:{entry.subject_id}"
        keys.add(facet_key(own, LIVE_PARTS[entry.action]) if entry.action in LIVE_PARTS else own)
    for value in json.loads(entry.payload or "{}").values():  # what it points at: a cited proposal
        if isinstance(value, str) and (m := REF.match(value)):
            keys |= {f"{m[1]}:{m[2]}", OWNERS[m[1]]}
    return keys | ({NAMED} if first_act else set())


def _cycle_of(forum_id: int) -> str:
    """The forum's cycle, read in the entry's transaction (a forum's cycle is its own record:
    forums sit above the trail, so their table is named, not imported)."""
    forums = Model.metadata.tables["forums"]
    return db.session.scalar(select(forums.c.cycle).where(forums.c.id == forum_id)) or ""


def front_news(limit: int, forum_id: int | None = None) -> list[TrailEntry]:
    """The newest entries the front page lists — and, with `forum_id`, a forum's page: the
    record's news, none of the BUSY acts (which would make the page stale at each of them;
    the forum's whole trail, one link away, lists them)."""
    q = select(TrailEntry).where(TrailEntry.action.not_in((*BUSY, *OWN_ONLY)))
    if forum_id is not None:
        q = q.where(TrailEntry.forum_id == forum_id)
    return list(db.session.scalars(q.order_by(TrailEntry.seq.desc()).limit(limit)))


ROWS = 2000  # rows a multi-row statement writes at most (a bump's keys, `notify`'s notifications)


def bump(keys: set[str]) -> None:
    """+1 on each key, inserting it at 1 the first time: atomic on both databases. A forum's
    version (or facet) moves its cycle's with it (one read of the forum's cycle)."""
    if not keys:
        return
    found = [(m[1], (m[2] or "")[1:]) for k in keys if (m := FORUM.match(k))]  # (forum, facet or "")
    cycle = {forum: _cycle_of(int(forum)) for forum, _facet in found}
    keys = keys | {cycle_key(cycle[forum], facet) for forum, facet in found}
    stamp, ordered = secrets.randbits(62), sorted(keys)  # one order for every writer: no deadlock between two bumps
    # One statement for up to ROWS keys, not one per key: `notify` bumps each recipient's
    # count, and a forum-wide act tells every member (bounded: PostgreSQL takes 65,535
    # parameters a statement).
    for start in range(0, len(ordered), ROWS):
        stmt = upsert_insert(PageVersion).values([{"key": key, "counter": 1, "stamp": stamp}
                                                  for key in ordered[start:start + ROWS]])
        db.session.execute(stmt.on_conflict_do_update(index_elements=[PageVersion.key],
                                                      set_={"counter": PageVersion.counter + 1, "stamp": stamp}))


def read(keys: tuple[str, ...]):
    """(the trail head's (seq, hash) or None, {key: counter}) in one indexed round trip: the
    footer shows the head on every page, and the page's versions say whether it is still true.
    The counters carry HISTORY too: the keys' stamps, which a key remembered under must hold."""
    head = select(TrailEntry.seq.label("n"), TrailEntry.hash.label("s"), literal(1).label("h"),
                  literal(0, BigInteger).label("r")).order_by(TrailEntry.seq.desc()).limit(1).subquery()
    both = select(head.c.n, head.c.s, head.c.h, head.c.r).union_all(
        select(PageVersion.counter, PageVersion.key, literal(0), PageVersion.stamp).where(PageVersion.key.in_(keys)))
    head_row, counters, stamps = None, {}, {}
    for n, s, h, r in db.session.execute(both):
        if h == 1:
            head_row = HeadRow(n, s)
        else:
            counters[s] = n
            stamps[s] = r
    return head_row, {**counters, HISTORY: stamps}


def counters(keys: tuple[str, ...]) -> str:
    """The versions of these keys, as one string to remember a result under (trail/cache.py)."""
    found = {k: (n, r) for k, n, r in db.session.execute(select(PageVersion.key, PageVersion.counter, PageVersion.stamp)
                                                         .where(PageVersion.key.in_(keys)))}
    return " ".join(f"{k}={found.get(k, (0, 0))[0]}.{found.get(k, (0, 0))[1]}" for k in keys)


class HeadRow(NamedTuple):
    """The head as the footer reads it."""

    seq: int
    hash: str
