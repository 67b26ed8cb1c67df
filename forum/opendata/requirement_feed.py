"""The Atom feed of a cycle's OGP minimum requirements: what an auditor subscribes to in order
to learn when a verdict changes, without reading the page every week.

One entry per requirement holds the cycle's current verdict. Its id names the requirement
and the verdict (`…/cycles/C/requirements#forum-not_met`), so an unchanged verdict keeps its
entry — a reader does not announce it again — and a changed one is a new entry, which every
reader announces. Its updated time comes from the record, never from the wall clock: the
newest trail entry among the verdict's evidence (when it was written) in any of the cycle's forums (a session held,
minutes published, a consultation opened…), or the cycle's first forum's creation when the
verdict rests on no entry yet. Fetching the feed twice therefore gives the same document
until the record or a verdict changes."""
from datetime import datetime

from flask import url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ..dashboards import requirements, thresholds
from ..dashboards.labels import requirement_titles, verdict_labels
from ..extensions import db
from ..forums.models import Forum
from ..trail.models import TrailEntry
from .feeds import Item


def _updated(rows: list[requirements.Requirement], forums: list[Forum], at: dict[int, datetime]) -> datetime:
    """When the newest trail entry behind the verdict was written (an announced session's entry
    is its announcement, not its future date)."""
    times = [at[e.seq] for r in rows for e in r.evidence if e.seq in at]
    return max(times, default=min(f.created_at for f in forums))


def items(cycle: str, forums: list[Forum]) -> list[Item]:
    report = requirements.evaluate(forums, thresholds.current())
    page = url_for("requirements.cycle", cycle=cycle, _external=True)
    titles, verdicts = requirement_titles(), verdict_labels()
    seqs = {e.seq for reqs in report.by_forum.values() for r in reqs for e in r.evidence if e.seq is not None}
    at = dict(db.session.execute(select(TrailEntry.seq, TrailEntry.at).where(TrailEntry.seq.in_(seqs or {0}))).all())
    out = []
    for key in requirements.WORDING:
        rows = report.rows(key)
        verdict = report.verdicts[key]
        per_forum = "; ".join(f"{r.forum.title}: {verdicts[r.verdict]}" for r in rows)
        out.append(Item(id=f"{page}#{key}-{verdict}",
                        title=_("%(requirement)s: %(verdict)s", requirement=titles[key], verdict=verdicts[verdict]),
                        link=f"{page}#req-{key}", updated=_updated(rows, forums, at),
                        summary=_("Cycle %(cycle)s. By forum — %(forums)s. Rule: %(rule)s", cycle=cycle,
                                  forums=per_forum, rule=str(rows[0].rule))))
    return sorted(out, key=lambda i: i.updated, reverse=True)
