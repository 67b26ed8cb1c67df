"""'At a glance' figures for a forum or a whole cycle, computed only from the records, in
the spirit of the OGP independent reviewers' table. Plain data: pages, API and exports
read the same dict."""
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import func, select

from ..commitments import progress
from ..commitments import queries as commitment_queries
from ..commitments.models import Commitment, CommitmentVersion, Level
from ..extensions import db
from ..forums.models import Forum, Influence
from ..proposals.models import Proposal, Status
from ..proposals.queries import response_figures


@dataclass
class Glance:
    commitments: int
    adopted: int
    completed: int
    major_progress: int
    inputs_by_group: dict
    proposals: int
    share_answered: float | None
    median_days: float | None
    share_tracing_to_civil_society: float | None
    voice: dict
    unanswered_unlinked: int  # neither answered nor linked: owed a response and shaping nothing
    completion_counts: dict
    iap2_level: str
    iap2_reasons: list


def for_forums(forums: list[Forum]) -> Glance:
    ids = [f.id for f in forums]
    # Aggregates in the database: the figures cost the same with ten proposals or ten thousand.
    by_group = dict(db.session.execute(select(Proposal.group, func.count()).where(Proposal.forum_id.in_(ids))
                                       .group_by(Proposal.group)).all())
    responses = response_figures(ids)

    commitments = list(db.session.scalars(select(Commitment).where(Commitment.forum_id.in_(ids))))
    adopted = [c for c in commitments if c.adopted]
    voice: Counter[str] = Counter()
    completion_counts: Counter[str] = Counter()
    traced = 0
    version_ids = db.session.scalars(select(CommitmentVersion.id).where(
        CommitmentVersion.commitment_id.in_([c.id for c in commitments])))
    all_links = commitment_queries.links(list(version_ids))  # one query, whatever the number of versions
    linked_proposals = {link.source_id for link in commitment_queries.current(all_links)
                        if link.source_type == "proposal"}
    for c in adopted:
        version = commitment_queries.adopted_version(c)
        if version is None:  # `adopted` holds only commitments with a version in force
            continue
        shaped = commitment_queries.voice(version)
        voice.update(shaped["counts"])
        traced += bool(shaped["counts"].get("civil_society"))
        completion_counts[progress.completion(version.milestones, progress.latest_levels(version.milestones))] += 1
    unanswered_unlinked = db.session.scalar(select(func.count()).where(
        Proposal.forum_id.in_(ids), Proposal.status != Status.WITHDRAWN, Proposal.first_response_at.is_(None),
        Proposal.id.not_in(linked_proposals))) or 0
    glance = Glance(
        commitments=len(commitments), adopted=len(adopted),
        completed=completion_counts[Level.COMPLETE],
        major_progress=completion_counts[Level.COMPLETE] + completion_counts[Level.SUBSTANTIAL],
        inputs_by_group=by_group, proposals=sum(by_group.values()),
        share_answered=responses.share_answered, median_days=responses.median_days,
        share_tracing_to_civil_society=traced / len(adopted) if adopted else None,
        voice=dict(voice), unanswered_unlinked=unanswered_unlinked,
        completion_counts=dict(completion_counts), iap2_level=Influence.INFORM, iap2_reasons=[])
    glance.iap2_level, glance.iap2_reasons = iap2(glance)
    return glance


def iap2(g: Glance) -> tuple[str, list[str]]:
    """The level of public influence the records show, by a stated rule (each step needs
    the one before):
      inform       the forum publishes its decisions on the trail (always, here);
      consult      it received inputs and answered at least 80% with a reasoned response;
      involve      at least one adopted commitment traces to a civil-society input;
      collaborate  at least half of the adopted commitments trace to civil-society inputs
                   (and every adoption needed the civil-society co-chair's key);
      empower      not derivable from records: it needs terms that hand the final decision
                   to the public."""
    met = ["inform"]
    if g.proposals and (g.share_answered or 0) >= 0.8:
        met.append("consult")
        if g.adopted and g.share_tracing_to_civil_society and g.share_tracing_to_civil_society > 0:
            met.append("involve")
            if g.share_tracing_to_civil_society >= 0.5:
                met.append("collaborate")
    return met[-1], met


def cycle_forums(cycle: str) -> list[Forum]:
    return list(db.session.scalars(select(Forum).where(Forum.cycle == cycle).order_by(Forum.sector)))


def adopted_plan(forums: list[Forum]) -> list[tuple]:
    """The action plan: each forum's adopted commitments with the adopted version."""
    out = []
    for f in forums:
        for c in commitment_queries.for_forum(f):
            if c.adopted:
                out.append((f, c, commitment_queries.adopted_version(c)))
    return out


