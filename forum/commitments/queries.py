"""Reading commitments: versions, current influence links, where each input went, whose
voice the adopted text carries, and the provenance export. Plain data out."""
from collections import Counter
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import joinedload, selectinload

from ..core.clock import iso
from ..core.forms import options
from ..core.lookup import get_row
from ..extensions import db
from ..organisations.models import Organisation
from ..proposals import policy as proposals_policy
from ..proposals.models import Proposal, Status
from ..trail.export import to_json
from ..trail.queries import filtered
from . import inputs, verifiability
from .models import (
    CheckOverride,
    Commitment,
    CommitmentVersion,
    How,
    InfluenceLink,
    LinkRetraction,
    Milestone,
    SignOff,
    SourceType,
)


def version(commitment: Commitment, number: int | None = None) -> CommitmentVersion | None:
    return db.session.scalar(select(CommitmentVersion).options(selectinload(CommitmentVersion.milestones))
                             .where(CommitmentVersion.commitment_id == commitment.id,
                                    CommitmentVersion.number == (number or commitment.latest)))


def overrides(version: CommitmentVersion) -> dict[str, CheckOverride]:
    """side -> that co-chair's override of the verifiability check on this version."""
    return {o.side: o for o in db.session.scalars(select(CheckOverride).options(
        joinedload(CheckOverride.user), joinedload(CheckOverride.organisation))
        .where(CheckOverride.version_id == version.id))}


def adopted_version(commitment: Commitment) -> CommitmentVersion | None:
    """The version in force, once both co-chairs signed one; else None."""
    return version(commitment, commitment.adopted) if commitment.adopted else None


def versions(commitment: Commitment) -> list[CommitmentVersion]:
    return list(db.session.scalars(select(CommitmentVersion).where(CommitmentVersion.commitment_id == commitment.id)
                                   .order_by(CommitmentVersion.number.desc())))


def for_forum(forum) -> list[Commitment]:
    return list(db.session.scalars(select(Commitment).where(Commitment.forum_id == forum.id).order_by(Commitment.id)))


def titles(commitments) -> dict[int, str]:
    """Each commitment's newest title, in one query."""
    ids = [c.id for c in commitments]
    if not ids:
        return {}
    rows = db.session.execute(select(CommitmentVersion.commitment_id, CommitmentVersion.number,
                                     CommitmentVersion.title).where(CommitmentVersion.commitment_id.in_(ids)))
    best: dict[int, tuple[int, str]] = {}
    for cid, number, title in rows:
        if cid not in best or number > best[cid][0]:
            best[cid] = (number, title)
    return {cid: title for cid, (_n, title) in best.items()}


def links(version_ids) -> list[InfluenceLink]:
    """All links of these versions, superseded ones included, oldest first."""
    return list(db.session.scalars(select(InfluenceLink).options(selectinload(InfluenceLink.author),
                                                                 selectinload(InfluenceLink.organisation))
                                   .where(InfluenceLink.version_id.in_(list(version_ids))).order_by(InfluenceLink.id)))


def retractions(link_list) -> dict[int, LinkRetraction]:
    """link id -> its retraction (who, when, why), for the links of the list that were withdrawn."""
    ids = [link.id for link in link_list]
    if not ids:
        return {}
    return {r.link_id: r for r in db.session.scalars(
        select(LinkRetraction).options(selectinload(LinkRetraction.user), selectinload(LinkRetraction.organisation))
        .where(LinkRetraction.link_id.in_(ids)))}


def retracted_ids(link_list) -> set[int]:
    """The ids of the list's links that were withdrawn, alone: what a link's counting needs
    (ended_ids), without who withdrew it and for which organisation — two more statements on
    every proposal list and the API's, which only show each proposal's fate."""
    ids = [link.id for link in link_list]
    if not ids:
        return set()
    return set(db.session.scalars(select(LinkRetraction.link_id).where(LinkRetraction.link_id.in_(ids))))


def ended_ids(link_list, retracted: dict | set | None = None) -> set[int]:
    """Links of the list that no longer count: superseded by a newer link, or retracted.
    The one rule every page, figure and export asks. `retracted`: the list's retractions,
    when the caller has them already."""
    if retracted is None:
        retracted = retractions(link_list)
    return {link.supersedes_id for link in link_list if link.supersedes_id} | set(retracted)


def current(link_list, retracted: dict | set | None = None) -> list[InfluenceLink]:
    gone = ended_ids(link_list, retracted)
    return [link for link in link_list if link.id not in gone]


def sources(link_list) -> dict:
    return inputs.fetch(link_list)


def source_group(link, obj) -> str:
    """The stakeholder group an input speaks for."""
    return inputs.group_of(link.source_type, obj)


def sign_offs(version_ids) -> dict[int, dict]:
    """version id -> (side -> SignOff): both co-chairs' decisions on each version."""
    out: dict[int, dict] = {}
    for d in db.session.scalars(select(SignOff).where(SignOff.version_id.in_(list(version_ids)))):
        out.setdefault(d.version_id, {})[d.side] = d
    return out


@dataclass(frozen=True)
class Provenance:
    """A commitment's every version with its links, their retractions and sources, and the
    sign-offs: what its page, its graph and its voice figures are drawn from, read once
    (they were read up to four times per view, and the sign-offs once per version)."""
    versions: list[CommitmentVersion]  # newest first
    links: list[InfluenceLink]
    retracted: dict[int, LinkRetraction]
    sources: dict
    signed: dict[int, dict]

    def up_to(self, version_obj: CommitmentVersion) -> list[InfluenceLink]:
        """As up_to() below, from what is read already."""
        numbers = {v.id: v.number for v in self.versions}
        return [link for link in self.links if numbers[link.version_id] <= version_obj.number]


def provenance(commitment: Commitment) -> Provenance:
    vs = versions(commitment)
    every = links([v.id for v in vs])
    return Provenance(vs, every, retractions(every), sources(every), sign_offs(v.id for v in vs))


def up_to(version_obj: CommitmentVersion) -> list[InfluenceLink]:
    """Links recorded on this version and the ones before it: the text grew out of them all."""
    ids = db.session.scalars(select(CommitmentVersion.id).where(
        CommitmentVersion.commitment_id == version_obj.commitment_id,
        CommitmentVersion.number <= version_obj.number))
    return links(list(ids))


def voice(version_obj: CommitmentVersion, known: tuple | None = None) -> dict:
    """Share of the current links that shaped the text up to this version (not the ones
    'not taken up'), by the stakeholder group of each input. `known`: (up_to(version),
    their retractions, their sources) when the caller (the commitment page) has them."""
    link_list, retracted, objs = known if known is not None else (up_to(version_obj), None, None)
    shaping = [link for link in current(link_list, retracted) if link.how != How.NOT_TAKEN_UP]
    if objs is None:
        objs = sources(shaping)
    counts = Counter(source_group(link, objs[(link.source_type, link.source_id)]) for link in shaping
                     if (link.source_type, link.source_id) in objs)
    total = sum(counts.values())
    return {"total": total, "counts": dict(counts),
            "shares": {g: n / total for g, n in counts.items()} if total else {}}


def adopted_versions(commitments) -> dict[int, CommitmentVersion]:
    """commitment id -> its version in force (milestones loaded), for many commitments in two queries."""
    ids = [c.id for c in commitments if c.adopted]
    if not ids:
        return {}
    return {v.commitment_id: v for v in db.session.scalars(
        select(CommitmentVersion).options(selectinload(CommitmentVersion.milestones))
        .join(Commitment, (Commitment.id == CommitmentVersion.commitment_id)
              & (Commitment.adopted == CommitmentVersion.number)).where(Commitment.id.in_(ids)))}


def voices(versions_in_force: dict[int, CommitmentVersion]) -> dict[int, Counter]:
    """commitment id -> links by stakeholder group that shaped its text up to the version in
    force (as `voice` counts them), for many commitments in a fixed number of queries."""
    if not versions_in_force:
        return {}
    rows = list(db.session.execute(
        select(InfluenceLink, CommitmentVersion.commitment_id)
        .join(CommitmentVersion, CommitmentVersion.id == InfluenceLink.version_id)
        .join(Commitment, Commitment.id == CommitmentVersion.commitment_id)
        .where(Commitment.id.in_(list(versions_in_force)), CommitmentVersion.number <= Commitment.adopted)
        .order_by(InfluenceLink.id)))
    owner = {link.id: cid for link, cid in rows}
    shaping = [link for link in current([link for link, _cid in rows]) if link.how != How.NOT_TAKEN_UP]
    objs = sources(shaping)
    out: dict[int, Counter] = {cid: Counter() for cid in versions_in_force}
    for link in shaping:
        if (link.source_type, link.source_id) in objs:
            out[owner[link.id]][source_group(link, objs[(link.source_type, link.source_id)])] += 1
    return out


def fate(p: Proposal) -> list[tuple[InfluenceLink, CommitmentVersion, bool, Commitment]]:
    """Every link from this proposal: the version it entered, whether the link is current,
    and the commitment (to say whether, and in which version, it was adopted)."""
    rows = list(db.session.execute(  # the version and its commitment joined in: one statement
        select(InfluenceLink, CommitmentVersion, Commitment)
        .join(CommitmentVersion, CommitmentVersion.id == InfluenceLink.version_id)
        .join(Commitment, Commitment.id == CommitmentVersion.commitment_id)
        .where(InfluenceLink.source_type == "proposal", InfluenceLink.source_id == p.id).order_by(InfluenceLink.id)))
    links = [link for link, _v, _c in rows]
    gone = ended_ids(links, retracted_ids(links))  # a superseding link keeps the source
    return [(link, v, link.id not in gone, c) for link, v, c in rows]


def fate_followed(p: Proposal) -> tuple[Proposal | None, list]:
    """Where a proposal went, following merges: a proposal merged into another has no links
    of its own, so its fate is the fate of the proposal it joined (the last one of a chain);
    links of its own, where the co-chairs made some, come first.
    Returns (the proposal it joined, or None) and that fate."""
    own = fate(p)
    seen = {p.id}
    target = p
    while target.merged_into is not None and target.merged_into.id not in seen:
        target = target.merged_into
        seen.add(target.id)
    return (None, own) if own or target is p else (target, fate(target))


class Fate:
    """What became of an answered proposal, after its status word (awaiting, needs more
    information, accepted, partially accepted, merged, rejected, withdrawn): the one set of
    fate words every page, list and export uses. None: not taken up by the forum's answer."""

    SHAPED = "shaped"  # a current link says it shaped a commitment (its own, or the one it merged into)
    NOT_TAKEN_UP = "not_taken_up"  # considered for a commitment and, with reasons, left out
    NOT_YET = "not_yet"  # accepted (or merged into an accepted one) but not linked to any commitment yet


def fates(proposals) -> dict[int, str]:
    """proposal id -> its Fate, for a whole list in a fixed number of queries (one per merge
    step followed, one for links, one for retractions). Rejected, waiting and withdrawn
    proposals have none: their status is the whole story."""
    items = list(proposals)
    target = {p.id: p.merged_into_id for p in items if p.status == Status.MERGED and p.merged_into_id}
    chain_end = dict(target)
    frontier = set(target.values())
    seen: set[int] = set()
    while frontier - seen:  # follow merges to the proposal each one finally joined
        seen |= frontier
        step = dict(db.session.execute(select(Proposal.id, Proposal.merged_into_id).where(
            Proposal.id.in_(frontier), Proposal.status == Status.MERGED, Proposal.merged_into_id.is_not(None))).all())
        chain_end = {pid: step.get(end, end) for pid, end in chain_end.items()}
        frontier = set(step.values())
    ends = set(chain_end.values())
    rows = list(db.session.scalars(select(InfluenceLink).where(
        InfluenceLink.source_type == SourceType.PROPOSAL,
        InfluenceLink.source_id.in_({p.id for p in items} | ends))))
    hows: dict[int, set[str]] = {}
    for link in current(rows, retracted_ids(rows)):
        hows.setdefault(link.source_id, set()).add(link.how)
    accepted = set(db.session.scalars(select(Proposal.id).where(
        Proposal.id.in_({p.id for p in items} | ends), Proposal.status.in_(proposals_policy.TAKEN_UP))))
    out: dict[int, str] = {}
    for p in items:
        own = hows.get(p.id) or hows.get(chain_end.get(p.id, p.id)) or set()
        if own - {How.NOT_TAKEN_UP}:
            out[p.id] = Fate.SHAPED
        elif own:
            out[p.id] = Fate.NOT_TAKEN_UP
        elif chain_end.get(p.id, p.id) in accepted and (p.id in accepted or p.id in chain_end):
            out[p.id] = Fate.NOT_YET
    return out


def export(commitment: Commitment) -> dict:
    """Everything an outsider needs to check the commitment's history against the trail."""
    vs = sorted(versions(commitment), key=lambda v: v.number)
    all_links = links([v.id for v in vs])
    gone = ended_ids(all_links)
    signoffs = db.session.scalars(select(SignOff).where(SignOff.version_id.in_([v.id for v in vs]))
                                  .order_by(SignOff.id)).all()
    milestones = db.session.scalars(select(Milestone).where(Milestone.version_id.in_([v.id for v in vs]))
                                    .order_by(Milestone.version_id, Milestone.position)).all()
    number = {v.id: v.number for v in vs}
    orgs = dict(db.session.execute(select(Organisation.id, Organisation.name)).all())
    return {
        "commitment": {"id": commitment.id, "forum": commitment.forum_id, "latest_version": commitment.latest,
                       "adopted_version": commitment.adopted},
        "versions": [{
            "number": v.number, "title": v.title, "problem": v.problem, "status_quo": v.status_quo,
            "description": v.description, "contribution": v.contribution, "ogp_relevance": v.ogp_relevance,
            "values": v.values.split(","), "lead_agency": {"id": v.lead_agency_id, "name": orgs.get(v.lead_agency_id)},
            "supporting": [{"id": i, "name": orgs.get(i)} for i in v.supporting_ids],
            "start_date": v.start_date.isoformat(), "end_date": v.end_date.isoformat(),
            "change_note": v.change_note, "author": v.author_id, "created_at": iso(v.created_at),
            "milestones": [milestone_record(m, commitment.forum.cycle) for m in milestones if m.version_id == v.id],
        } for v in vs],
        "signoffs": [{"version": number[s.version_id], "side": s.side, "user": s.user_id,
                      "organisation": s.organisation_id, "signed": s.signed, "reason": s.reason,
                      "at": iso(s.created_at)} for s in signoffs],
        "influence_links": [{"id": link.id, "version": number[link.version_id], "source_type": link.source_type,
                             "source_id": link.source_id, "how": link.how, "explanation": link.explanation,
                             "supersedes": link.supersedes_id, "change_reason": link.change_reason,
                             "current": link.id not in gone, "author": link.author_id,
                             "organisation": link.organisation_id, "at": iso(link.created_at)}
                            for link in all_links],
        "trail": [to_json(e) for e in reversed(db.session.scalars(
            filtered(subject=("commitment", commitment.id))).all())],
    }


def milestone_record(m: Milestone, cycle: str) -> dict:
    """A milestone as the export, the API and the open-data archive give it, with the check's
    verdict and findings (none when drafted before the check)."""
    checked = m.check_rules is not None
    return {"position": m.position, "description": m.description, "responsible": m.responsible_id,
            "start_date": m.start_date.isoformat(), "end_date": m.end_date.isoformat(),
            "indicator": m.indicator, "baseline_value": m.baseline_value,
            "baseline_date": m.baseline_date.isoformat() if m.baseline_date else None,
            "baseline_source": m.baseline_source, "target": m.target, "unit": m.unit,
            "verification": m.verification, "verifiability": verifiability.verdict(m, cycle),
            "findings": list(verifiability.check(m, cycle).findings) if checked else []}


def input_choices(commitment: Commitment) -> dict[str, list]:
    """The eligible inputs of the commitment's forum for the link form, by kind, each named
    by its number and words: never a bare number to type. A commitment is not its own input.
    Built whole once per version of the forum (at 10,000 proposals, two thirds of a
    co-chair's commitment page: 1 s), then grown by the comments posted since
    (input_choice_queries.py): any comment on an accepted proposal is an input at once."""
    from .input_choice_queries import input_choices as grown
    return grown(commitment)


def commitment_choices(forum, blank="—", show_version=False):
    """The forum's commitments for a select; `show_version` names the newest version, for
    forms that link into it."""
    items = for_forum(forum)
    titles_by_id = titles(items)
    suffix = (lambda c: f" (v{c.latest})") if show_version else (lambda c: "")
    return options([("", blank)] + [(c.id, f"#{c.id} {titles_by_id.get(c.id, '')}{suffix(c)}") for c in items])


def shaped_by_comments(comment_ids) -> dict[int, list[dict]]:
    """Current influence links from these consultation comments, with the version each entered."""
    if not comment_ids:
        return {}
    found = db.session.execute(
        select(InfluenceLink, CommitmentVersion)
        .join(CommitmentVersion, CommitmentVersion.id == InfluenceLink.version_id)
        .where(InfluenceLink.source_type == SourceType.CONSULTATION_COMMENT,
               InfluenceLink.source_id.in_(comment_ids)).order_by(InfluenceLink.id)).all()
    gone = ended_ids([link for link, _v in found])
    out: dict[int, list[dict]] = {}
    for link, v in found:
        if link.id in gone:
            continue
        out.setdefault(link.source_id, []).append({"commitment": v.commitment_id, "version": v.number,
                                                   "title": v.title, "how": link.how,
                                                   "explanation": link.explanation})
    return out


def owner(link: InfluenceLink) -> tuple[CommitmentVersion, Commitment]:
    """The version a link was recorded on, and its commitment."""
    version = get_row(CommitmentVersion, link.version_id)
    return version, get_row(Commitment, version.commitment_id)
