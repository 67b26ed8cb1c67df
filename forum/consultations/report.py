"""The consultation report: participation by stakeholder group, every comment with its
response, the commitment versions it led to, and whether the promise made at opening was
kept. One function builds the plain data the page, the CSV and the API all show."""
from collections import Counter

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..core.clock import iso
from ..extensions import db
from ..proposals import public as moderated
from . import deadlines
from .models import ConsultationComment
from .public import published
from .response_queries import history


def moment(c, now) -> tuple:
    """All that the clock changes in a report: its phase (comments published or not) and
    whether the response deadline has passed. Between two such instants it is the same."""
    return (c.phase(now), deadlines.clock(c).late(now))


def promise_kept(c, now) -> dict:
    """Kept means: every comment answered, each by the deadline. With the period still
    running nothing can be said yet (`kept` is None)."""
    rows = db.session.execute(select(ConsultationComment.answered_at)
                              .where(ConsultationComment.consultation_id == c.id)).scalars().all()
    clock = deadlines.clock(c)
    answered = sum(1 for at in rows if at is not None)
    on_time = sum(1 for at in rows if at is not None and not clock.late(at))
    late_open = sum(1 for at in rows if at is None and clock.late(now))
    if now < c.ends_at:
        kept = None
    elif answered == len(rows) and on_time == len(rows):
        kept = True
    elif late_open or on_time < answered:
        kept = False
    else:
        kept = None  # still within the deadline with answers to come
    return {"comments": len(rows), "answered": answered, "on_time": on_time, "deadline": clock.due, "kept": kept}


def build(c, now, shaped_by) -> dict:
    """`shaped_by(comment ids)` says which commitment versions each comment shaped
    (commitments.queries.shaped_by_comments): commitments sit above consultations, so the
    caller hands the question in."""
    rows = list(db.session.scalars(
        select(ConsultationComment).options(selectinload(ConsultationComment.author),
                                            selectinload(ConsultationComment.organisation))
        .where(ConsultationComment.consultation_id == c.id)
        .order_by(ConsultationComment.id))) if published(c, now) else []
    all_rows = db.session.execute(select(ConsultationComment.group, ConsultationComment.author_id,
                                         ConsultationComment.organisation_id)
                                  .where(ConsultationComment.consultation_id == c.id)).all()
    by_group: dict[str, dict] = {}
    for group, author, org in all_rows:
        g = by_group.setdefault(group, {"comments": 0, "people": set(), "organisations": set()})
        g["comments"] += 1
        g["people"].add(author)
        if org:
            g["organisations"].add(org)
    participation = {group: {"comments": g["comments"], "people": len(g["people"]),
                             "organisations": len(g["organisations"])} for group, g in sorted(by_group.items())}
    responses = history([r.id for r in rows])
    led_to = shaped_by([r.id for r in rows])
    comments = [{
        "id": r.id, "paragraph": r.paragraph, "group": r.group, "author": r.author.display_name,
        "author_id": r.author_id, "organisation": r.organisation.name if r.organisation_id else None,
        # A hidden comment keeps its place and its answer; its words are not republished.
        "body": moderated.words(r, r.body), "suggestion": moderated.words(r, r.suggestion),
        "withheld": moderated.withheld(r), "created_at": r.created_at, "channel": r.channel, "region": r.region,
        "answer": r.answer, "answered_at": r.answered_at,
        "responses": [{"revision": x.revision, "outcome": x.outcome, "reason": x.reason,
                       "by": x.responder.display_name, "organisation": x.organisation.name, "at": x.created_at}
                      for x in responses.get(r.id, [])],
        "links": led_to.get(r.id, []),
    } for r in rows]
    versions = Counter((x["commitment"], x["version"], x["title"]) for xs in led_to.values() for x in xs
                       if x["how"] != "not_taken_up")
    return {
        "participation": participation,
        "totals": {"comments": len(all_rows), "people": len({a for _g, a, _o in all_rows}),
                   "organisations": len({o for _g, _a, o in all_rows if o}),
                   "on_paragraphs": sum(1 for r in rows if r.paragraph is not None),
                   "with_suggestion": sum(1 for r in rows if r.suggestion)},
        "answers": dict(Counter(r.answer for r in rows if r.answer)),
        "promise": promise_kept(c, now),
        "comments": comments,
        "versions": [{"commitment": cid, "version": number, "title": title, "comments": n}
                     for (cid, number, title), n in sorted(versions.items())],
        "published": published(c, now),
    }


def as_json(c, data: dict) -> dict:
    """The report as open data: dates in ISO 8601 UTC, ids beside names."""
    promise = dict(data["promise"], deadline=iso(data["promise"]["deadline"]))
    return {
        "consultation": {"id": c.id, "forum": c.forum_id, "title": c.title, "starts_at": iso(c.starts_at),
                         "ends_at": iso(c.ends_at), "audience": c.audience, "visibility": c.visibility,
                         "promise_level": c.promise_level, "promise": c.promise, "commitment": c.commitment_id,
                         "version": c.version_number, "document_sha256": c.document_sha256,
                         "concluded_at": iso(c.concluded_at)},
        "participation": data["participation"], "totals": data["totals"], "answers": data["answers"],
        "promise": promise, "versions": data["versions"],
        "comments": [_json_comment(x) for x in data["comments"]],
    }


def _json_comment(x: dict) -> dict:
    """A comment as open data: the redacted view's reason as `hidden_reason`, as in the archive."""
    out = {k: v for k, v in x.items() if k != "withheld"}
    return dict(out, created_at=iso(x["created_at"]), answered_at=iso(x["answered_at"]),
                hidden_reason=x["withheld"].reason if x["withheld"] else None,
                responses=[dict(r, at=iso(r["at"])) for r in x["responses"]])


CSV_COLUMNS = ("comment", "paragraph", "group", "author", "organisation", "submitted_at", "comment_text",
               "suggested_text", "outcome", "response", "responded_at", "commitment_versions", "hidden_reason",
               "channel", "region")


def csv_rows(data: dict):
    """One row per comment with its response in force, for spreadsheets and open data."""
    yield CSV_COLUMNS
    for x in data["comments"]:
        latest = x["responses"][0] if x["responses"] else None
        yield (x["id"], x["paragraph"] or "", x["group"], x["author"], x["organisation"] or "",
               iso(x["created_at"]), x["body"], x["suggestion"] or "",
               latest["outcome"] if latest else "", latest["reason"] if latest else "",
               iso(latest["at"]) if latest else "",
               "; ".join(f"commitment {v['commitment']} v{v['version']} ({v['how']})" for v in x["links"]),
               x["withheld"].reason if x["withheld"] else "", x["channel"], x["region"] or "")
