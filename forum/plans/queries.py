"""Read-only questions about agreed and adopted plans, in a fixed number of queries whatever
the number of commitments, texts or discrepancies: the comparison of a forum and of a cycle,
the survival figures, the answer ledger's figures and the inbox's items."""
from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..commitments.models import CommitmentVersion
from ..core.clock import utcnow
from ..extensions import db
from ..forums.models import Forum
from . import compare, deadlines
from .models import AdoptedText, AgreedItem, AgreedKey, AgreedPlan, Discrepancy, Dissent, Gap, Instrument, Match


@dataclass
class ForumPlan:
    """One forum's side of the comparison."""

    forum: Forum
    agreed: AgreedPlan | None
    pending: AgreedPlan | None
    keys: dict  # plan id -> {side: AgreedKey}
    items: list
    texts: list
    matches: dict  # agreed item id -> adopted text id
    pairs: list = field(default_factory=list)
    gaps: list = field(default_factory=list)  # (kind, instrument, days) per instrument
    discrepancies: list = field(default_factory=list)


@dataclass
class CyclePlans:
    cycle: str
    forums: list[ForumPlan]
    instruments: list[Instrument]
    dissents: dict  # discrepancy id -> [Dissent]
    now: datetime

    @property
    def agreed_items(self) -> list:
        """The cycle's agreed plan: the union of its forums' agreed plans."""
        return [i for f in self.forums for i in f.items]

    @property
    def discrepancies(self) -> list:
        return [d for f in self.forums for d in f.discrepancies]


def cycle_plans(forums: list[Forum], cycle: str) -> CyclePlans:
    """Everything the comparison page, the figures, the API and the archive show for a cycle."""
    now = utcnow()
    ids = [f.id for f in forums]
    plans = list(db.session.scalars(select(AgreedPlan).where(AgreedPlan.forum_id.in_(ids)).order_by(AgreedPlan.id)))
    keys: dict = {}
    for k in db.session.scalars(select(AgreedKey).options(joinedload(AgreedKey.user),
                                                          joinedload(AgreedKey.organisation))
                                .where(AgreedKey.plan_id.in_([p.id for p in plans]))):
        keys.setdefault(k.plan_id, {})[k.side] = k
    latest = {p.forum_id: p for p in plans if p.agreed_at is not None}
    newest = {p.forum_id: p for p in plans}
    items = list(db.session.scalars(select(AgreedItem).options(
        joinedload(AgreedItem.version).selectinload(CommitmentVersion.milestones))
        .where(AgreedItem.plan_id.in_([p.id for p in latest.values()])).order_by(AgreedItem.commitment_id)))
    instruments = list(db.session.scalars(select(Instrument).where(Instrument.cycle == cycle)
                                          .order_by(Instrument.published_on, Instrument.id)))
    texts = list(db.session.scalars(select(AdoptedText).where(AdoptedText.forum_id.in_(ids))
                                    .order_by(AdoptedText.id)))
    matches = dict(db.session.execute(select(Match.agreed_item_id, Match.adopted_text_id)
                                      .where(Match.forum_id.in_(ids))).all())
    found = list(db.session.scalars(select(Discrepancy).options(
        joinedload(Discrepancy.agreed_item).joinedload(AgreedItem.version), joinedload(Discrepancy.adopted_text),
        joinedload(Discrepancy.instrument)).where(Discrepancy.forum_id.in_(ids)).order_by(Discrepancy.id)))
    dissents: dict = {}
    for row in db.session.scalars(select(Dissent).options(joinedload(Dissent.organisation))
                                  .where(Dissent.discrepancy_id.in_([d.id for d in found])).order_by(Dissent.id)):
        dissents.setdefault(row.discrepancy_id, []).append(row)
    out = []
    for f in forums:
        plan = latest.get(f.id)
        mine = [i for i in items if plan is not None and i.plan_id == plan.id]
        fp = ForumPlan(f, plan, newest[f.id] if f.id in newest and newest[f.id].agreed_at is None else None, keys,
                       mine, [t for t in texts if t.forum_id == f.id],
                       {i.id: matches[i.id] for i in mine if i.id in matches},
                       discrepancies=[d for d in found if d.forum_id == f.id])
        fp.pairs = compare.pairs(fp.items, fp.texts, fp.matches)
        fp.gaps = compare.instrument_gaps(plan.agreed_at, instruments) if plan is not None else []
        out.append(fp)
    return CyclePlans(cycle, out, instruments, dissents, now)


@dataclass(frozen=True)
class Survival:
    """How much of the agreed plan the official plan kept, and how the State answered."""

    agreed: int
    kept: int  # adopted word for word
    altered: int
    omitted: int
    added: int
    discrepancies: int
    on_time: int
    late: int
    waiting: int
    overdue: int
    dissents: int

    @property
    def share_kept(self) -> float | None:
        return self.kept / self.agreed if self.agreed else None

    @property
    def share_adopted(self) -> float | None:
        """Adopted in some form, word for word or altered."""
        return (self.kept + self.altered) / self.agreed if self.agreed else None


def survival(c: CyclePlans) -> Survival:
    gaps = Counter(p.gap for f in c.forums for p in f.pairs)
    states = Counter(deadlines.state(d, c.now, f.forum) for f in c.forums for d in f.discrepancies)
    return Survival(agreed=len(c.agreed_items), kept=sum(1 for f in c.forums for p in f.pairs
                                                        if p.item is not None and p.gap is None),
                    altered=gaps[Gap.ALTERED], omitted=gaps[Gap.OMITTED], added=gaps[Gap.ADDED],
                    discrepancies=len(c.discrepancies), on_time=states["on_time"], late=states["late"],
                    waiting=states["waiting"] + states["overdue"], overdue=states["overdue"],
                    dissents=sum(len(v) for v in c.dissents.values()))


def cycle_survival(forums: list[Forum], cycle: str) -> Survival:
    """The figures alone, for the cycle's at-a-glance."""
    return survival(cycle_plans(forums, cycle))


def owed(forum_ids: list[int]) -> list[tuple[Discrepancy, Forum]]:
    """Discrepancies still waiting for the State's answer, in these forums (the inbox)."""
    if not forum_ids:
        return []
    return list(db.session.execute(select(Discrepancy, Forum).join(Forum, Forum.id == Discrepancy.forum_id)
                                   .where(Discrepancy.forum_id.in_(forum_ids), deadlines.waiting_sql())
                                   .order_by(Discrepancy.opened_at, Discrepancy.id)).all())


def for_commitment(commitment_id: int) -> list[tuple[Discrepancy, list]]:
    """The discrepancies about a commitment, with their dissents (its page)."""
    found = list(db.session.scalars(select(Discrepancy).options(selectinload(Discrepancy.forum))
                                    .join(AgreedItem, AgreedItem.id == Discrepancy.agreed_item_id)
                                    .where(AgreedItem.commitment_id == commitment_id).order_by(Discrepancy.id)))
    dissents: dict = {}
    for row in db.session.scalars(select(Dissent).options(joinedload(Dissent.organisation))
                                  .where(Dissent.discrepancy_id.in_([d.id for d in found]))):
        dissents.setdefault(row.discrepancy_id, []).append(row)
    return [(d, dissents.get(d.id, [])) for d in found]
