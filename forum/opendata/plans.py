"""The public record of a cycle's agreed and adopted plans, as the API, the open-data archive
and the feeds publish it: plain data, no e-mail address, every text as published."""
from ..plans import deadlines
from ..plans.queries import CyclePlans, survival
from .records import rfc3339


def cycle_record(c: CyclePlans) -> dict:
    s = survival(c)
    return {
        "cycle": c.cycle,
        "figures": {"agreed": s.agreed, "kept": s.kept, "altered": s.altered, "omitted": s.omitted, "added": s.added,
                    "share_kept": s.share_kept, "share_adopted": s.share_adopted,
                    "discrepancies": s.discrepancies, "answered_on_time": s.on_time, "answered_late": s.late,
                    "waiting": s.waiting, "overdue": s.overdue, "dissents": s.dissents},
        "agreed": [agreed_row(f, i) for f in c.forums for i in f.items],
        "instruments": [instrument_row(i) for i in c.instruments],
        "adopted": [{"id": t.id, "instrument": t.instrument_id, "forum": t.forum_id, "title": t.title,
                     "problem": t.problem, "status_quo": t.status_quo, "description": t.description,
                     "contribution": t.contribution, "ogp_relevance": t.ogp_relevance, "values": t.values}
                    for f in c.forums for t in f.texts],
        "matches": [{"forum": f.forum.id, "agreed_item": i, "adopted": t} for f in c.forums
                    for i, t in sorted(f.matches.items())],
        "discrepancies": [discrepancy_row(f, d, c) for f in c.forums for d in f.discrepancies],
    }


def agreed_row(f, i) -> dict:
    return {"forum": f.forum.id, "agreed_item": i.id, "agreed_at": rfc3339(f.agreed.agreed_at),
            "plan_sha256": f.agreed.sha256, "commitment": i.commitment_id, "version": i.version_number,
            "title": i.version.title, "sha256": i.sha256}


def instrument_row(i) -> dict:
    return {"id": i.id, "kind": i.kind, "number": i.number, "issuer": i.issuer,
            "published_on": i.published_on.isoformat(), "starts_on": i.starts_on.isoformat(),
            "ends_on": i.ends_on.isoformat(), "url": i.url, "pdf_sha256": i.pdf_sha256, "retroactive": i.retroactive}


def discrepancy_row(f, d, c: CyclePlans) -> dict:
    return {"id": d.id, "forum": f.forum.id, "kind": d.kind,
            "commitment": d.agreed_item.commitment_id if d.agreed_item else None,
            "agreed_item": d.agreed_item_id, "adopted": d.adopted_text_id, "instrument": d.instrument_id,
            "fields": d.field_list, "days": d.days, "opened_at": rfc3339(d.opened_at),
            "due_at": rfc3339(deadlines.clock(d, f.forum).due), "state": deadlines.state(d, c.now, f.forum),
            "answer": d.answer, "answered_at": rfc3339(d.answered_at), "days_late": deadlines.days_late(d, f.forum),
            "dissents": [{"organisation": {"id": x.organisation_id, "name": x.organisation.name}, "reason": x.reason,
                          "at": rfc3339(x.created_at)} for x in c.dissents.get(d.id, [])]}


def cycle_records(forum_ids) -> list[dict]:
    """The record of every cycle with a forum in scope, restricted to those forums."""
    from sqlalchemy import select

    from ..extensions import db
    from ..forums.models import Forum
    from ..plans.queries import cycle_plans
    forums = list(db.session.scalars(select(Forum).where(Forum.id.in_(list(forum_ids))).order_by(Forum.id)))
    by_cycle: dict[str, list] = {}
    for f in forums:
        by_cycle.setdefault(f.cycle, []).append(f)
    return [cycle_record(cycle_plans(fs, cycle)) for cycle, fs in sorted(by_cycle.items())]
