"""Drafting commitments: the co-chairs fill the OGP template; every save is a new,
immutable version with a change note, so any two versions can be compared."""
from dataclasses import dataclass
from datetime import date
from typing import Any

from flask_babel import lazy_gettext as _l

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.lookup import get_optional
from ...core.text import clean
from ...extensions import db
from ...forums.policy import acting_chair
from ...organisations.models import Organisation, OrgKind
from ...proposals.models import OgpValue
from .. import policy, verifiability
from ..models import Commitment, CommitmentVersion, Milestone
from . import absorbed

TITLE_MAX, TEXT_MIN, TEXT_MAX = 200, 10, 10000
TITLE_MIN = 5
SUPPORTING_MAX, MILESTONES_MAX = 20, 30
MILESTONE_MIN, MILESTONE_MAX = 5, 2000
CHANGE_NOTE_MIN, CHANGE_NOTE_MAX = 5, 2000
TEXT_FIELDS = ("problem", "status_quo", "description", "contribution", "ogp_relevance")


@dataclass
class MilestoneInput:
    description: str
    responsible_id: int | None
    start_date: date | None
    end_date: date | None
    indicator: str | None = None
    baseline_value: str | None = None
    baseline_date: date | None = None
    baseline_source: str | None = None
    target: str | None = None
    unit: str | None = None
    verification: str | None = None


VERIFIABILITY_FIELDS = ("indicator", "baseline_value", "baseline_source", "target", "unit", "verification")

def create(actor, forum, template: dict, milestones: list[MilestoneInput]) -> Commitment:
    policy.may_draft(actor, forum).require()
    chair = acting_chair(actor, forum)
    fields = _check_template(template, milestones, first=True)
    commitment = Commitment(forum_id=forum.id, created_by_id=actor.id, latest=1, created_at=utcnow())
    db.session.add(commitment)
    db.session.flush()
    version = _store(commitment, 1, actor, fields, milestones)
    trail.record("commitment.drafted", commitment, actor=actor, actor_org=chair.organisation, forum=forum,
                 payload={"version": 1, "title": version.title})
    absorbed.check_version(version)
    return commitment


def save_version(actor, commitment: Commitment, template: dict, milestones: list[MilestoneInput]) -> CommitmentVersion:
    """Editing never touches a stored version, adopted or not: it adds the next one."""
    policy.may_revise(actor, commitment).require()
    chair = acting_chair(actor, commitment.forum)
    fields = _check_template(template, milestones, first=False)
    commitment.latest += 1
    version = _store(commitment, commitment.latest, actor, fields, milestones)
    trail.record("commitment.version_saved", commitment, actor=actor, actor_org=chair.organisation,
                 forum=commitment.forum, payload={"version": version.number, "change_note": version.change_note})
    absorbed.check_version(version)
    return version


def _store(commitment, number, actor, fields, milestones) -> CommitmentVersion:
    version = CommitmentVersion(commitment_id=commitment.id, number=number, author_id=actor.id,
                                created_at=utcnow(), **fields)
    db.session.add(version)
    db.session.flush()
    for position, m in enumerate(milestones, start=1):
        db.session.add(Milestone(version_id=version.id, position=position, description=m.description.strip(),
                                 responsible_id=m.responsible_id, start_date=m.start_date, end_date=m.end_date,
                                 baseline_date=m.baseline_date, check_rules=verifiability.RULES,
                                 **{f: (getattr(m, f) or "").strip()[:MILESTONE_MAX] or None
                                    for f in VERIFIABILITY_FIELDS}))
    db.session.flush()
    return version


def _check_template(t: dict, milestones: list[MilestoneInput], first: bool) -> dict[str, Any]:
    fields: dict[str, Any] = {"title": clean(t.get("title"), "title", max_len=TITLE_MAX, min_len=TITLE_MIN)}
    for name in TEXT_FIELDS:
        fields[name] = clean(t.get(name), name, max_len=TEXT_MAX, min_len=TEXT_MIN)
    values = sorted(set(t.get("values") or []))
    if not values or not set(values) <= set(OgpValue):
        raise DomainError(_l("Choose at least one OGP value."), "values")
    fields["values"] = ",".join(values)
    lead = _organisation(t.get("lead_agency_id"), "lead_agency_id")
    if lead.kind != OrgKind.GOVERNMENT:
        raise DomainError(_l("The lead agency must be a verified government entity."), "lead_agency_id")
    fields["lead_agency_id"] = lead.id
    supporting = sorted({int(i) for i in t.get("supporting") or []})
    if len(supporting) > SUPPORTING_MAX:
        raise DomainError(_l("At most %(n)d supporting organisations.", n=SUPPORTING_MAX), "supporting")
    for org_id in supporting:
        _organisation(org_id, "supporting")
    fields["supporting"] = ",".join(str(i) for i in supporting)
    start, end = t.get("start_date"), t.get("end_date")
    if not isinstance(start, date) or not isinstance(end, date):
        raise DomainError(_l("Give both dates."), "end_date")
    if end <= start:
        raise DomainError(_l("The end date must come after the start date."), "end_date")
    fields["start_date"], fields["end_date"] = start, end
    _check_milestones(milestones, start, end)
    note = (t.get("change_note") or "").strip()
    if not first:
        note = clean(note, "change_note", max_len=CHANGE_NOTE_MAX, min_len=CHANGE_NOTE_MIN)
    fields["change_note"] = note[:CHANGE_NOTE_MAX]  # empty on version 1; pages say "first version"
    return fields


def _check_milestones(milestones: list[MilestoneInput], start: date, end: date) -> None:
    if not milestones:
        raise DomainError(_l("Add at least one milestone."), "milestones")
    if len(milestones) > MILESTONES_MAX:
        raise DomainError(_l("At most %(n)d milestones.", n=MILESTONES_MAX), "milestones")
    for n, m in enumerate(milestones, start=1):
        text = (m.description or "").strip()
        if not MILESTONE_MIN <= len(text) <= MILESTONE_MAX:
            raise DomainError(_l("Milestone %(n)d: describe it in %(min)d to %(max)d characters.", n=n,
                                 min=MILESTONE_MIN, max=MILESTONE_MAX), "milestones")
        _organisation(m.responsible_id, "milestones", _l("Milestone %(n)d: choose a verified responsible "
                                                         "organisation.", n=n))
        if not m.start_date or not m.end_date or m.end_date < m.start_date:
            raise DomainError(_l("Milestone %(n)d: give a start date and an end date after it.", n=n), "milestones")
        if m.start_date < start or m.end_date > end:
            raise DomainError(_l("Milestone %(n)d must fall within the commitment's dates.", n=n), "milestones")
        if m.baseline_date and m.baseline_date > m.end_date:
            raise DomainError(_l("Milestone %(n)d: the baseline date must come before the target's due date.",
                                 n=n), "milestones")


def _organisation(org_id, field, message=None) -> Organisation:
    org = get_optional(Organisation, org_id)
    if org is None or not org.is_verified:
        raise DomainError(message or _l("Choose a verified organisation."), field)
    return org
