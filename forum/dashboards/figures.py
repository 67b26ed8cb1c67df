"""'At a glance' figures for a forum or a whole cycle, computed only from the records, in
the spirit of the OGP independent reviewers' table. Plain data: pages, API and exports
read the same dict."""
from collections import Counter
from dataclasses import asdict, dataclass, field

from sqlalchemy import func, select

from ..commitments import assessment_queries, progress_queries, verifiability
from ..commitments import queries as commitment_queries
from ..commitments.models import Commitment, CommitmentVersion, Level
from ..core.clock import utcnow
from ..extensions import db
from ..forums.models import Forum, Influence
from ..monitoring import queries as monitoring_queries
from ..proposals.models import Proposal
from ..proposals.queries import STAGES, response_figures
from . import implementation, spectrum
from .spectrum import Step


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
    traced: int  # adopted commitments with at least one civil-society input among their current links
    share_tracing_to_civil_society: float | None
    voice: dict
    # Owed an answer (a link needs an accepting answer, so these shape nothing either): exactly
    # the rows of the proposal list's `stage=owed`, which the figure links to.
    unanswered_unlinked: int
    completion_counts: dict
    irm: assessment_queries.IrmFigures
    iap2_level: str
    iap2_steps: list
    # Inputs their submitters withdrew: counted among those received, left out of the share
    # answered (nobody owes a withdrawn proposal an answer), and the page says so.
    withdrawn: int = 0
    answered: int = 0
    # The verifiability check over the adopted versions' milestones (commitments.verifiability):
    # verifiable of those checked, and apart those drafted before the check existed.
    milestones_verifiable: int = 0
    milestones_checked: int = 0
    milestones_not_checked: int = 0
    # Civil society in implementation (monitoring.queries.Figures): updates confirmed,
    # contested, lapsed and awaiting; contests answered on time, late and waiting; neglected.
    monitoring: dict = field(default_factory=dict)
    # The IAP2 level of the implementation phase, by the rule of dashboards/implementation.py.
    implementation: dict = field(default_factory=dict)


@dataclass(frozen=True)
class PlanRow:
    """One adopted commitment as the cycle's plan lists it, with what the figures count."""

    forum: Forum
    commitment: Commitment
    version: CommitmentVersion
    completion: str
    voice: Counter  # links that shaped the text in force, by the stakeholder group of each input
    standing: str | None = None  # the completion as civil society sees it (monitoring.queries.standing)
    neglected: bool = False  # no civil-society act for NEGLECT_DAYS

    @property
    def traced(self) -> bool:
        """At least one civil-society input among the links that shaped it."""
        return bool(self.voice.get("civil_society"))


def plan(forums: list[Forum]) -> list[PlanRow]:
    """The action plan: each forum's adopted commitments with the version in force, in a fixed
    number of queries whatever the number of commitments, links or milestones."""
    by_id = {f.id: f for f in forums}
    adopted = list(db.session.scalars(select(Commitment).where(
        Commitment.forum_id.in_(list(by_id)), Commitment.adopted.is_not(None)).order_by(Commitment.id)))
    versions = commitment_queries.adopted_versions(adopted)
    shaped = commitment_queries.voices(versions)
    levels = progress_queries.latest_levels([m for v in versions.values() for m in v.milestones])
    latest = {c.id: {m.id: levels[m.id] for m in versions[c.id].milestones if m.id in levels}
              for c in adopted if c.id in versions}
    standing = monitoring_queries.standings(latest)
    neglected = monitoring_queries.neglected(list(by_id), utcnow())
    return [PlanRow(by_id[c.forum_id], c, versions[c.id],
                    progress_queries.completion(versions[c.id].milestones, levels),
                    shaped[c.id], standing[c.id], c.id in neglected) for c in adopted if c.id in versions]


def for_forums(forums: list[Forum], rows: list[PlanRow] | None = None) -> Glance:
    ids = [f.id for f in forums]
    # Aggregates in the database: the figures cost the same with ten proposals or ten thousand.
    by_group = dict(db.session.execute(select(Proposal.group, func.count()).where(Proposal.forum_id.in_(ids))
                                       .group_by(Proposal.group)).all())
    responses = response_figures(ids)
    drafts_and_adopted = db.session.scalar(select(func.count()).where(Commitment.forum_id.in_(ids))) or 0
    rows = plan(forums) if rows is None else rows
    voice: Counter[str] = Counter()
    for r in rows:
        voice.update(r.voice)
    completion_counts = Counter(r.completion for r in rows)
    traced = sum(r.traced for r in rows)
    owed = db.session.scalar(select(func.count()).where(Proposal.forum_id.in_(ids), STAGES["owed"]())) or 0
    tallies = [verifiability.tally(r.version.milestones, r.forum.cycle) for r in rows]
    glance = Glance(
        milestones_verifiable=sum(t.verifiable for t in tallies), milestones_checked=sum(t.checked for t in tallies),
        milestones_not_checked=sum(t.not_checked for t in tallies),
        commitments=drafts_and_adopted, adopted=len(rows),
        completed=completion_counts[Level.COMPLETE],
        major_progress=completion_counts[Level.COMPLETE] + completion_counts[Level.SUBSTANTIAL],
        inputs_by_group=by_group, proposals=sum(by_group.values()),
        share_answered=responses.share_answered, median_days=responses.median_days,
        withdrawn=responses.withdrawn, answered=responses.answered,
        traced=traced, share_tracing_to_civil_society=traced / len(rows) if rows else None,
        voice=dict(voice), unanswered_unlinked=owed, completion_counts=dict(completion_counts),
        irm=assessment_queries.irm_figures([r.commitment.id for r in rows]), iap2_level=Influence.INFORM, iap2_steps=[])
    glance.monitoring = asdict(monitoring_queries.figures(ids, utcnow()))
    glance.iap2_level, glance.iap2_steps = iap2(glance)
    glance.implementation = implementation.for_glance(ids, glance.monitoring)
    return glance


CONSULT_SHARE = 0.8  # share of inputs answered with a reasoned response
COLLABORATE_SHARE = 0.5  # share of adopted commitments tracing to a civil-society input


def iap2(g: Glance) -> tuple[str, list[Step]]:
    """The level of public influence the records show, by a rule the page prints with the
    figures it used (each step needs the one before):
      inform       the forum publishes its decisions on the trail (always, here);
      consult      it received inputs and answered at least 80% with a reasoned response;
      involve      at least one adopted commitment traces to a civil-society input;
      collaborate  at least half of the adopted commitments trace to civil-society inputs
                   (and every adoption needed the civil-society co-chair's key);
      empower      not derivable from records: it needs terms that hand the final decision
                   to the public."""
    share = g.share_tracing_to_civil_society or 0
    tests: list[tuple[str, bool, dict]] = [
        (Influence.INFORM, True, {}),
        (Influence.CONSULT, bool(g.proposals) and (g.share_answered or 0) >= CONSULT_SHARE,
         {"inputs": g.proposals, "withdrawn": g.withdrawn, "share_answered": g.share_answered,
          "threshold": CONSULT_SHARE}),
        (Influence.INVOLVE, g.traced > 0, {"traced": g.traced, "adopted": g.adopted}),
        (Influence.COLLABORATE, bool(g.adopted) and share >= COLLABORATE_SHARE,
         {"share": g.share_tracing_to_civil_society, "threshold": COLLABORATE_SHARE}),
        (Influence.EMPOWER, False, {}),
    ]
    reached, _decided_by, steps = spectrum.climb(tests)
    return reached, steps


def cycle_forums(cycle: str) -> list[Forum]:
    return list(db.session.scalars(select(Forum).where(Forum.cycle == cycle).order_by(Forum.sector)))
