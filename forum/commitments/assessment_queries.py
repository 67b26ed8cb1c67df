"""The IRM's assessments, read: a commitment's history (with confirmations), which assessment is
in force, a cluster's history, and the cycle's IRM-style figures, computed here once from the
assessments in force. The writers (assess, confirm, appoint a reviewer) are in
`services/assessments.py`."""
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import selectinload

from ..extensions import db
from .cluster_models import Cluster
from .models import Assessment, AssessmentConfirmation, Assessor, Commitment, Level, OpenedGovernment, Potential


def history(commitment: Commitment) -> list[tuple[Assessment, AssessmentConfirmation | None]]:
    """Every assessment, newest first, with its confirmation if it has one."""
    rows = list(db.session.scalars(select(Assessment).options(
        selectinload(Assessment.author), selectinload(Assessment.organisation), selectinload(Assessment.cluster))
        .where(Assessment.commitment_id == commitment.id).order_by(Assessment.number.desc())))
    confirmations = {c.assessment_id: c for c in db.session.scalars(select(AssessmentConfirmation).options(
        selectinload(AssessmentConfirmation.user)).where(
        AssessmentConfirmation.assessment_id.in_([a.id for a in rows])))}
    return [(a, confirmations.get(a.id)) for a in rows]


def is_in_force(a: Assessment, confirmation) -> bool:
    return a.assessor == Assessor.REVIEWER or confirmation is not None


def in_force(commitment_ids) -> dict[int, Assessment]:
    """commitment id -> its newest assessment in force, in two queries whatever the count."""
    ids = list(commitment_ids)
    if not ids:
        return {}
    confirmed = select(AssessmentConfirmation.assessment_id)
    counted = (Assessment.assessor == Assessor.REVIEWER) | Assessment.id.in_(confirmed)
    newest = (select(Assessment.commitment_id, func.max(Assessment.number).label("n"))
              .where(Assessment.commitment_id.in_(ids), counted).group_by(Assessment.commitment_id).subquery())
    return {a.commitment_id: a for a in db.session.scalars(select(Assessment).join(
        newest, (newest.c.commitment_id == Assessment.commitment_id) & (newest.c.n == Assessment.number)))}


@dataclass(frozen=True)
class IrmFigures:
    """The IRM-style figures over the adopted commitments: how many carry an assessment in
    force, and of those how many are verifiable, relevant to an OGP value, of substantial
    potential, substantially complete or complete, and opened government (major or
    outstanding) and, on the IRM's current scale, promising or seen through an open-government
    lens. Shares are of the assessed ones; None when none is assessed."""

    adopted: int
    assessed: int
    verifiable: int
    relevant: int
    substantial_potential: int
    substantially_complete: int
    opened_government: int
    # The IRM's current scale (2) only: an assessment on scale 1 was never asked these, so it
    # counts as neither (its share is still of every assessed commitment).
    promising: int = 0
    ogp_lens: int = 0

    def share(self, name: str) -> float | None:
        return getattr(self, name) / self.assessed if self.assessed else None


def irm_figures(adopted_ids) -> IrmFigures:
    ids = list(adopted_ids)
    found = list(in_force(ids).values())
    return IrmFigures(
        adopted=len(ids), assessed=len(found),
        verifiable=sum(a.verifiable for a in found),
        relevant=sum(bool(a.values) for a in found),
        substantial_potential=sum(a.potential == Potential.SUBSTANTIAL for a in found),
        substantially_complete=sum(a.completion in (Level.SUBSTANTIAL, Level.COMPLETE) for a in found),
        opened_government=sum(a.opened_government in (OpenedGovernment.MAJOR, OpenedGovernment.OUTSTANDING)
                              for a in found),
        promising=sum(a.promising is True for a in found), ogp_lens=sum(a.ogp_lens is True for a in found))


def cluster_history(cluster: Cluster) -> list[Assessment]:
    """The cluster's assessments, newest first, one row each: the copy on its first member
    (members never change, so every cluster assessment has one there)."""
    return list(db.session.scalars(select(Assessment).options(selectinload(Assessment.author)).where(
        Assessment.cluster_id == cluster.id, Assessment.commitment_id == min(cluster.commitment_ids, default=0))
        .order_by(Assessment.number.desc())))
