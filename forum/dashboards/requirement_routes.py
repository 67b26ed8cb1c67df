"""Pages of the OGP minimum requirements, per cycle and per forum, and the evidence pack."""
from flask import Blueprint, Response, abort, render_template
from flask_babel import lazy_gettext as _l

from ..core.views import download_json, get_or_404
from ..forums.models import Forum
from ..trail import checkpoints, receipts
from ..trail.models import TrailEntry
from . import evidence_pack, figures, requirements, review_attendance, thresholds
from .labels import evidence_labels, figure_labels, requirement_titles, verdict_labels

bp = Blueprint("requirements", __name__)

NO_CYCLE = _l("There is no such cycle: no forum belongs to it, so there is nothing to judge or to pack.")


def _cycle_forums(cycle: str) -> list[Forum]:
    forums = figures.cycle_forums(cycle)
    if not forums:
        abort(404, description=NO_CYCLE)
    return forums


def _page(report, cycle, forum=None):
    return render_template("dashboards/requirements.html", report=report, cycle=cycle, forum=forum,
                           verdicts=verdict_labels(), kinds=evidence_labels(), latest=checkpoints.latest(),
                           titles=requirement_titles(), names=figure_labels(),
                           why=review_attendance.reasons())


@bp.get("/cycles/<cycle>/requirements")
def cycle(cycle):
    return _page(requirements.evaluate(_cycle_forums(cycle), thresholds.current()), cycle)


@bp.get("/forums/<int:forum_id>/requirements")
def forum(forum_id):
    f = get_or_404(Forum, forum_id)
    return _page(requirements.evaluate([f], thresholds.current()), f.cycle, f)


@bp.get("/cycles/<cycle>/requirements/evidence.zip")
def pack(cycle):
    data, name = evidence_pack.build(cycle, requirements.evaluate(_cycle_forums(cycle), thresholds.current()))
    return Response(data, mimetype="application/zip", headers={
        "Content-Disposition": f'attachment; filename="{name}"', "X-Content-Type-Options": "nosniff"})


@bp.get("/requirements/receipts/<int:seq>.json")
def receipt(seq):
    """The receipt of one piece of evidence, proved in the latest checkpoint (the evidence
    pack's), rather than in the first one that covered it (/trail/<seq>/receipt.json)."""
    return download_json(receipts.receipt(get_or_404(TrailEntry, seq), checkpoints.latest()),
                         f"traza-receipt-{seq}.json")
