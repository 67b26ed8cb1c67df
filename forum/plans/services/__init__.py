"""The co-chairs' matching of agreed to adopted commitments, the publication of the comparison
(which opens each discrepancy and tells whoever shaped an omitted or altered commitment), the
State's reasoned answer and civil society's dissent. Each calls its predicate first, writes
the trail in the same transaction and never commits."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import trail
from ...commitments.models import CommitmentVersion, How
from ...commitments.queries import current, links
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.lookup import get_row
from ...core.text import reasoned
from ...extensions import db
from ...forums.models import Forum
from ...forums.policy import acting_chair
from ...notifications.services import notify
from ...organisations.models import MemberStatus, OrgMembership
from ...proposals.models import Proposal
from .. import deadlines, notices, policy
from ..agreed_queries import latest_agreed
from ..models import AdoptedText, AgreedItem, Discrepancy, Dissent, Gap, Match


def match(actor, forum: Forum, item_id: int | None, text_id: int | None) -> Match:
    """One agreed commitment to one adopted one, and never two to one."""
    policy.may_match(actor, forum).require()
    plan = latest_agreed(forum)
    assert plan is not None
    item = db.session.get(AgreedItem, item_id) if item_id else None
    if item is None or item.plan_id != plan.id:
        raise DomainError(_l("Choose a commitment of this forum's agreed plan."), "agreed")
    text = db.session.get(AdoptedText, text_id) if text_id else None
    if text is None or text.forum_id != forum.id:
        raise DomainError(_l("Choose a commitment of the official plan recorded for this forum."), "adopted")
    if db.session.scalar(select(Match.id).where(Match.agreed_item_id == item.id)):
        raise DomainError(_l("This agreed commitment is already matched to an adopted one."), "agreed")
    if db.session.scalar(select(Match.id).where(Match.adopted_text_id == text.id)):
        raise DomainError(_l("This adopted commitment is already matched to another agreed one: one agreed "
                             "commitment maps to at most one adopted commitment, and the reverse."), "adopted")
    seat = acting_chair(actor, forum)
    row = Match(forum_id=forum.id, agreed_item_id=item.id, adopted_text_id=text.id, user_id=actor.id,
                created_at=utcnow())
    db.session.add(row)
    trail.record("plan.matched", text, actor=actor, actor_org=seat.organisation, forum=forum,
                 payload={"commitment": item.commitment_id, "version": item.version_number, "adopted": text.id})
    return row


def publish(actor, forum: Forum) -> list[Discrepancy]:
    """Open a discrepancy for every difference not opened before; its clock starts now."""
    policy.may_publish(actor, forum).require()
    from ..queries import cycle_plans
    fp = cycle_plans([forum], forum.cycle).forums[0]
    assert fp.agreed is not None  # may_publish asked for it
    seat = acting_chair(actor, forum)
    opened = {(d.kind, d.agreed_item_id, d.adopted_text_id, d.instrument_id) for d in fp.discrepancies}
    now = utcnow()
    wanted = [(p.gap, p.item.id if p.item else None, p.text.id if p.text else None, None, p.fields, None)
              for p in fp.pairs if p.gap] + [(kind, None, None, i.id, [], days) for kind, i, days in fp.gaps]
    new = []
    for kind, item_id, text_id, instrument_id, fields, days in wanted:
        if (kind, item_id, text_id, instrument_id) in opened:
            continue
        d = Discrepancy(forum_id=forum.id, plan_id=fp.agreed.id, kind=kind, agreed_item_id=item_id,
                        adopted_text_id=text_id, instrument_id=instrument_id, fields=",".join(fields), days=days,
                        opened_at=now)
        db.session.add(d)
        new.append(d)
    if not new:
        raise DomainError(_l("Nothing new to publish: every difference is already open."))
    db.session.flush()
    for d in new:
        trail.record("plan.discrepancy_opened", d, actor=actor, actor_org=seat.organisation, forum=forum,
                     payload={"kind": d.kind, "agreed_item": d.agreed_item_id, "adopted": d.adopted_text_id,
                              "instrument": d.instrument_id, "fields": d.field_list, "days": d.days})
    _tell_shapers(actor, [d for d in new if d.kind in (Gap.OMITTED, Gap.ALTERED)])
    return new


def _tell_shapers(actor, found: list[Discrepancy]) -> None:
    """Every organisation whose proposal shaped an omitted or altered commitment hears it:
    the submitter and the organisation's members."""
    for d in found:
        item = d.agreed_item or get_row(AgreedItem, d.agreed_item_id or 0)
        ids = list(db.session.scalars(select(CommitmentVersion.id).where(
            CommitmentVersion.commitment_id == item.commitment_id, CommitmentVersion.number <= item.version_number)))
        shaped = {link.source_id for link in current(links(ids))
                  if link.source_type == "proposal" and link.how != How.NOT_TAKEN_UP}
        for p in db.session.scalars(select(Proposal).where(Proposal.id.in_(shaped))):
            members = set(db.session.scalars(select(OrgMembership.user_id).where(
                OrgMembership.organisation_id == p.organisation_id, OrgMembership.status == MemberStatus.APPROVED)))
            notify(sorted(members | {p.submitter_id}), f"plan_{d.kind}", p,
                   {"commitment": item.commitment_id, "discrepancy": d.id, "cycle": d.forum.cycle}, actor,
                   describe=notices.describe)


def answer(actor, d: Discrepancy, text: str) -> None:
    policy.may_answer(actor, d).require()
    text = reasoned(text, "answer")
    seat = acting_chair(actor, d.forum)
    now = utcnow()
    d.answer, d.answered_at, d.answered_by_id, d.answer_org_id = text, now, actor.id, seat.organisation_id
    d.answer_seconds = deadlines.answer_seconds(d, now)
    trail.record("plan.discrepancy_answered", d, actor=actor, actor_org=seat.organisation, forum=d.forum,
                 payload={"answer": text, "days_late": deadlines.days_late(d)})


def dissent(actor, d: Discrepancy, reason: str) -> Dissent:
    policy.may_dissent(actor, d).require()
    reason = reasoned(reason, "reason")
    seat = policy.dissenter_seat(actor, d.forum)
    assert seat is not None
    row = Dissent(discrepancy_id=d.id, organisation_id=seat.organisation_id, user_id=actor.id, reason=reason,
                  created_at=utcnow())
    db.session.add(row)
    trail.record("plan.dissent", d, actor=actor, actor_org=seat.organisation, forum=d.forum,
                 payload={"reason": reason})
    return row
