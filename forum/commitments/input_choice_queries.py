"""The link form's choices (every eligible input of a commitment's forum), kept up to date by
adding the comments posted since, not rebuilt (issue 29: fast while the forum is busy).

At 10,000 proposals the forum has 4,400 inputs, and building them is 250 ms of one core. A
comment on an accepted proposal is an input at once, and a comment moves only its forum's
COMMENTS facet (trail/versions.py FACETS): keyed on that facet, the choices were built again
at every comment in the forum — with five writes a second through the stack, constantly,
each co-chair's commitment page waiting seconds for them.

So the choices are built whole once per version of what can change them other than a new
comment — the forum's version and SITE — and, when only the comments facet moved, the
comments posted since are added: the `comment.posted` entries of the forum after the trail
sequence number the choices were built at, each comment checked by the same rule the full
build applies (inputs.candidates). Why that is the whole change: the facet moves with
`comment.posted` alone; every other act that can add, drop or rename an input (a proposal
accepted, a consultation comment answered, a motion closed, a commitment drafted) moves the
forum's version, and hiding, editing, merging or withdrawing moves SITE (versions.WIDE) —
either of which rebuilds. And why no comment is missed: the head's sequence number is read
before the rows, and entries are numbered under the trail's lock row, held until commit, so
every entry up to the number read has committed and its comment is in the rows read after.
tests/commitments/test_input_choices_grow.py holds the grown choices to a whole build.
"""
import itertools
import json
import threading
from typing import NamedTuple

from flask_babel import get_locale
from sqlalchemy import select

from ..core.forms import options
from ..extensions import db
from ..proposals import public as moderated
from ..proposals.models import Comment, Proposal
from ..trail import cache, versions
from ..trail.models import TrailEntry
from . import inputs
from .labels import source_labels
from .models import Commitment, SourceType

LIMIT = 64  # commitments (and languages) whose grown choices a process keeps


class Choices(NamedTuple):
    """The choices as of trail entry `seq`, under the forum's and SITE's versions `base`,
    with every comment whose entry came before — `facet`: the comments facet then."""
    base: str
    facet: str
    seq: int
    grouped: dict[str, list]  # group label -> the options, as the form's select takes them
    made: int  # one number per list of options a process made (link_gap renders the form once per list)


_made = itertools.count(1)


_lock = threading.Lock()
_grown: dict[tuple, Choices] = {}  # (commitment, language) -> the newest grown choices


def input_choices(commitment: Commitment) -> dict[str, list]:
    """The eligible inputs of the commitment's forum for the link form, by kind, each named by
    its number and words; one statement when nothing was posted since they were made."""
    return current(commitment).grouped


def current(commitment: Commitment) -> Choices:
    """The choices as they are now, with the number of the list they are (`made`): a comment
    that is not an input leaves it the same list."""
    forum = f"forum:{commitment.forum_id}"
    own, facet, site = versions.counters((forum, versions.facet_key(forum, versions.COMMENTS),
                                          versions.SITE)).split(" ")
    base, key = f"{own} {site}", (commitment.id, str(get_locale()))
    with _lock:
        known = _grown.get(key)
    if known is None or known.base != base:
        known = cache.remembered(("input choices", *key), lambda: _whole(commitment, base, facet), at=base)
    if known.facet != facet:
        known = _with_new_comments(commitment, known, facet)
        with _lock:
            _grown[key] = known
            while len(_grown) > LIMIT:
                del _grown[next(iter(_grown))]
    return known


def _head_seq() -> int:
    row = cache.head_entry()
    return row.seq if row else 0


def _whole(commitment: Commitment, base: str, facet: str) -> Choices:
    seq = _head_seq()  # before the rows: every entry up to it has committed (see above)
    labels = source_labels()
    grouped: dict[str, list] = {}
    for kind, objs in inputs.candidates(commitment.forum_id).items():
        pairs = [(f"{kind}:{o.id}", inputs.describe(kind, o)[0][:120]) for o in objs
                 if not (kind == SourceType.COMMITMENT and o.id == commitment.id)]
        if pairs:
            grouped[str(labels.get(kind, kind))] = options(pairs)
    return Choices(base, facet, seq, grouped, next(_made))


def _with_new_comments(commitment: Commitment, known: Choices, facet: str) -> Choices:
    """`known` with the comments posted in the forum since its entry that are inputs."""
    seq = _head_seq()
    payloads = db.session.scalars(select(TrailEntry.payload).where(
        TrailEntry.seq > known.seq, TrailEntry.seq <= seq, TrailEntry.forum_id == commitment.forum_id,
        TrailEntry.action == "comment.posted"))
    ids = {json.loads(p or "{}").get("comment") for p in payloads} - {None}
    kind = SourceType.COMMENT
    label = str(source_labels()[kind])
    offered = {choice.value for choice in known.grouped.get(label, ())}
    rows = list(db.session.scalars(select(Comment).join(Proposal, Proposal.id == Comment.proposal_id).where(
        Comment.id.in_(ids), Proposal.forum_id == commitment.forum_id).order_by(Comment.id))) if ids else []
    added = [(f"{kind}:{o.id}", inputs.describe(kind, o)[0][:120]) for o in rows
             if moderated.is_shown(o) and inputs.refusal(kind, o) is None and f"{kind}:{o.id}" not in offered]
    if not added:
        return known._replace(facet=facet, seq=seq)
    grouped = dict(known.grouped)
    grouped[label] = [*grouped.get(label, ()), *options(added)]
    labels = source_labels()
    order = [str(labels.get(k, k)) for k in inputs.kinds()]  # a new group in its place, as candidates() has them
    return Choices(known.base, facet, seq, {g: grouped[g] for g in sorted(grouped, key=order.index)}, next(_made))


def clear() -> None:
    """Forget the grown choices (tests)."""
    with _lock:
        _grown.clear()
