"""Whose voice reached the plan: inputs received, answered, and the share of adopted
commitments each group shaped, by region, by channel and by invited against self-joined
organisations, with the forum's targets judged against them.

Counted by the database in a fixed number of statements whatever the number of inputs
(tests/voice/test_voice_statements.py): one for the inputs, one for the people behind them, one
for the commitments they shaped per dimension, one for the adopted commitments and one for
the targets. Plain data: the pages, the API and the archive read the same dict.

An *input* is a proposal or a consultation comment. Its *people* are the distinct persons
who submitted online, plus everyone who attended a workshop it was recorded at. A group
of fewer than five people is shown as "fewer than 5" in place of its figures (SMALL), so a
figure never points at one person in a small region or channel.
"""
from dataclasses import dataclass, field

from sqlalchemy import Integer, and_, case, cast, distinct, exists, func, literal, null, select, union_all
from sqlalchemy.orm import aliased

from ..commitments.models import Commitment, CommitmentVersion, How, InfluenceLink, LinkRetraction
from ..consultations.models import Consultation, ConsultationComment
from ..extensions import db
from ..forums.models import Seat
from ..proposals.models import Proposal
from .models import INVITED, SELF_JOINED, Admission, Channel, Dimension, RecordedInput, VoiceTarget, Workshop
from .regions import REGIONS, UNKNOWN

SMALL = 5  # groups of fewer people than this are shown as "fewer than 5"

DIMENSIONS = (Dimension.REGION, Dimension.CHANNEL, Dimension.ADMISSION)


def groups_of(dimension: str) -> tuple[str, ...]:
    """Every group a dimension has, in the order pages list them."""
    groups: dict[str, tuple[str, ...]] = {Dimension.REGION: (*REGIONS, UNKNOWN), Dimension.CHANNEL: tuple(Channel),
                                          Dimension.ADMISSION: (INVITED, SELF_JOINED)}
    return groups.get(dimension, ())


@dataclass
class Row:
    group: str
    people: int
    received: int
    answered: int
    shaped: int  # adopted commitments with at least one current shaping link from the group's inputs
    adopted: int

    @property
    def small(self) -> bool:
        return self.people < SMALL

    @property
    def share_shaped(self) -> float | None:
        return self.shaped / self.adopted if self.adopted else None

    def public(self) -> dict:
        """What may be shown: the figures, or "fewer than 5" in their place."""
        if self.small:
            return {"group": self.group, "fewer_than_5": True, "people": None, "received": None,
                    "answered": None, "shaped": None, "share_shaped": None}
        return {"group": self.group, "fewer_than_5": False, "people": self.people, "received": self.received,
                "answered": self.answered, "shaped": self.shaped, "share_shaped": self.share_shaped}


@dataclass
class TargetResult:
    target: VoiceTarget
    inputs: int  # inputs counted towards it (in the group, or outside it)
    total: int
    small: bool = False  # the group has fewer than 5 people: the verdict is shown, not the counts

    @property
    def share(self) -> float | None:
        return self.inputs / self.total if self.total else None

    @property
    def met(self) -> bool | None:
        """None: no input yet, so nothing to judge."""
        return None if not self.total else self.inputs * 100 >= self.target.percent * self.total


@dataclass
class Voice:
    received: int
    answered: int
    adopted: int
    by: dict[str, list[Row]] = field(default_factory=dict)  # dimension -> rows with at least one input
    targets: list[TargetResult] = field(default_factory=list)


def _admission(forum_id, organisation_id):
    """'invited' when the organisation holds (or held) a seat it did not ask for; otherwise it came on its own."""
    invited = exists().where(Seat.forum_id == forum_id, Seat.organisation_id == organisation_id,
                             Seat.admission == Admission.INVITED)
    return case((invited, literal(INVITED)), else_=literal(SELF_JOINED))


def _shaping_links(forum_ids: list[int]):
    """(source_type, source_id, commitment) of every link that shaped an adopted commitment's
    text in force: on the adopted version or an earlier one, neither superseded nor
    retracted, and not 'not taken up' — the rule of commitments.queries.current, in SQL."""
    newer = aliased(InfluenceLink)
    return (select(InfluenceLink.source_type, InfluenceLink.source_id, Commitment.id.label("commitment_id"))
            .join(CommitmentVersion, CommitmentVersion.id == InfluenceLink.version_id)
            .join(Commitment, and_(Commitment.id == CommitmentVersion.commitment_id,
                                   Commitment.adopted.is_not(None), CommitmentVersion.number <= Commitment.adopted))
            .where(Commitment.forum_id.in_(forum_ids), InfluenceLink.how != How.NOT_TAKEN_UP,
                   ~exists().where(newer.supersedes_id == InfluenceLink.id),
                   ~exists().where(LinkRetraction.link_id == InfluenceLink.id))
            .subquery("shaping"))


def _inputs(forum_ids: list[int], shaping=None):
    """One row per input: kind, id, dimensions, answered, the person (online) or the workshop.
    With `shaping` (the links above): one row per input and commitment it shaped, reached
    from the links by the inputs' primary keys, so the cost follows the links, not the inputs."""
    proposals = (select(literal("proposal").label("kind"), Proposal.id.label("id"),
                        func.coalesce(Proposal.region, UNKNOWN).label(Dimension.REGION),
                        Proposal.channel.label(Dimension.CHANNEL),
                        _admission(Proposal.forum_id, Proposal.organisation_id).label(Dimension.ADMISSION),
                        case((Proposal.first_response_at.is_not(None), 1), else_=0).label("answered"),
                        case((RecordedInput.proposal_id.is_(None), Proposal.submitter_id)).label("person"),
                        RecordedInput.workshop_id.label("workshop"))
                 .outerjoin(RecordedInput, RecordedInput.proposal_id == Proposal.id)
                 .where(Proposal.forum_id.in_(forum_ids)))
    comments = (select(literal("consultation_comment").label("kind"), ConsultationComment.id.label("id"),
                       func.coalesce(ConsultationComment.region, UNKNOWN).label(Dimension.REGION),
                       ConsultationComment.channel.label(Dimension.CHANNEL),
                       _admission(Consultation.forum_id, ConsultationComment.organisation_id)
                       .label(Dimension.ADMISSION),
                       case((ConsultationComment.answered_at.is_not(None), 1), else_=0).label("answered"),
                       ConsultationComment.author_id.label("person"), cast(null(), Integer).label("workshop"))
                .join(Consultation, Consultation.id == ConsultationComment.consultation_id)
                .where(Consultation.forum_id.in_(forum_ids)))
    if shaping is not None:
        proposals = proposals.add_columns(shaping.c.commitment_id).join(shaping, and_(
            shaping.c.source_type == "proposal", shaping.c.source_id == Proposal.id))
        comments = comments.add_columns(shaping.c.commitment_id).join(shaping, and_(
            shaping.c.source_type == "consultation_comment", shaping.c.source_id == ConsultationComment.id))
        return union_all(proposals, comments).subquery("shaped_inputs")
    return union_all(proposals, comments).subquery("inputs")


def _by_dimension(inputs, shaped_inputs, dimension: str):
    """Three aggregates of one dimension, each one statement: inputs, people, commitments shaped."""
    g = inputs.c[dimension]
    counts = {grp: (n, a, p) for grp, n, a, p in db.session.execute(
        select(g, func.count(), func.coalesce(func.sum(inputs.c.answered), 0), func.count(distinct(inputs.c.person)))
        .group_by(g))}
    # Only recorded inputs have a workshop: said in the WHERE too, so the database reads
    # those alone (the join would drop the rest, but only after building every input's row).
    attended = select(g.label("grp"), Workshop.id, Workshop.attendance).join(
        Workshop, Workshop.id == inputs.c.workshop).where(inputs.c.workshop.is_not(None)).distinct().subquery()
    people_at = dict(db.session.execute(select(attended.c.grp, func.sum(attended.c.attendance))
                                        .group_by(attended.c.grp)).all())
    sg = shaped_inputs.c[dimension]
    shaped: dict[str, int] = dict(db.session.execute(
        select(sg, func.count(distinct(shaped_inputs.c.commitment_id))).group_by(sg)).all())
    return counts, people_at, shaped


def for_forums(forum_ids: list[int], *, with_targets: bool = True) -> Voice:
    """Remembered until one of the forums records anything (trail/versions.py): at 10,000
    proposals its nine aggregates were three quarters of a co-chair's cycle page (2.2 of 3 s
    on SQLite), asked again on every view. Nothing here moves with the clock. Read only."""
    from ..trail import cache, versions
    forum_ids = sorted(forum_ids)
    at = versions.counters((*(f"forum:{f}" for f in forum_ids), versions.SITE))
    return cache.remembered(("voice figures", tuple(forum_ids), with_targets),
                            lambda: _for_forums(forum_ids, with_targets=with_targets), at=at)


def _for_forums(forum_ids: list[int], *, with_targets: bool = True) -> Voice:
    inputs, shaped_inputs = _inputs(forum_ids), _inputs(forum_ids, _shaping_links(forum_ids))
    adopted = db.session.scalar(select(func.count()).select_from(Commitment).where(
        Commitment.forum_id.in_(forum_ids), Commitment.adopted.is_not(None))) or 0
    voice = Voice(received=0, answered=0, adopted=adopted)
    for dim in DIMENSIONS:
        counts, people_at, shaped = _by_dimension(inputs, shaped_inputs, dim)
        order = {grp: i for i, grp in enumerate(groups_of(dim))}
        voice.by[dim] = [Row(grp, p + int(people_at.get(grp) or 0), n, int(a), shaped.get(grp, 0), adopted)
                         for grp, (n, a, p) in sorted(counts.items(), key=lambda kv: order.get(kv[0], len(order)))]
    first = voice.by[Dimension.CHANNEL]
    voice.received, voice.answered = sum(r.received for r in first), sum(r.answered for r in first)
    if with_targets:
        targets = db.session.scalars(select(VoiceTarget).where(
            VoiceTarget.forum_id.in_(forum_ids), VoiceTarget.ended_at.is_(None)).order_by(VoiceTarget.id))
        for t in targets:
            row = next((r for r in voice.by[t.dimension] if r.group == t.group), None)
            inside = row.received if row else 0
            voice.targets.append(TargetResult(t, voice.received - inside if t.outside else inside, voice.received,
                                              small=bool(row and row.small)))
    return voice


def to_json(v: Voice) -> dict:
    """The figures as the API and the archive publish them: small groups already hidden."""
    return {"received": v.received, "answered": v.answered, "adopted_commitments": v.adopted,
            "fewer_than": SMALL,
            "by": {dim: [r.public() for r in rows] for dim, rows in v.by.items()},
            "targets": [{"dimension": t.target.dimension, "group": t.target.group, "outside": t.target.outside,
                         "percent": t.target.percent, "met": t.met,
                         "inputs": None if t.small else t.inputs, "total": None if t.small else t.total}
                        for t in v.targets]}


