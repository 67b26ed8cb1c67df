from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l

from ..commitments.labels import level_labels
from ..core.views import get_or_404
from ..forums.labels import influence_labels
from ..forums.models import Forum
from ..forums.queries import cycles
from ..monitoring import deadlines as monitoring_deadlines
from ..monitoring import labels as monitoring_labels
from ..organisations.labels import participant_labels
from ..plans.queries import cycle_survival as plan_survival
from . import figures, review_attendance
from .requirements import review_sessions

bp = Blueprint("dashboards", __name__)


def _charts(g: figures.Glance) -> dict:
    """Bars drawn as SVG in the page (templates/_charts.html): no chart library to download,
    nothing to run, and the same numbers are in the tables beside them."""
    groups, levels = participant_labels(), level_labels()

    def bars(counts, labels) -> list[tuple[str, str, int, float]]:
        keys = [k for k in labels if counts.get(k)] + [k for k in counts if k not in labels and counts[k]]
        top = max((counts[k] for k in keys), default=0)
        return [(k, str(labels.get(k, k)), counts[k], counts[k] / top) for k in keys]
    return {"inputs": bars(g.inputs_by_group, groups), "voice": bars(g.voice, groups),
            "completion": bars(g.completion_counts, levels)}


def _render(title, forums, scope_forum=None, cycle=None):
    rows = figures.plan(forums)
    g = figures.for_forums(forums, rows)
    return render_template("dashboards/glance.html", title=title, g=g, forum=scope_forum, cycle=cycle,
                           charts=_charts(g), groups=participant_labels(), levels=level_labels(),
                           influence=influence_labels(), plan=rows, forums=forums,
                           reviews=review_sessions(forums), why=review_attendance.reasons(),
                           survival=plan_survival(forums, cycle) if cycle else None,
                           cs_statuses=monitoring_labels.statuses(), cs_days=monitoring_deadlines.days())


@bp.get("/forums/<int:forum_id>/dashboard")
def forum(forum_id):
    f = get_or_404(Forum, forum_id)
    return _render(f.title, [f], scope_forum=f)


@bp.get("/plan")
def current_plan():
    """The navigation's "Action plan": the newest cycle's plan and figures."""
    newest = cycles()
    if not newest:
        abort(404, description=_l("There is no action plan yet: no forum has been created."))
    return redirect(url_for("dashboards.cycle", cycle=newest[0]))


@bp.get("/cycles/<cycle>")
def cycle(cycle):
    forums = figures.cycle_forums(cycle)
    if not forums:
        abort(404)
    return _render(cycle, forums, cycle=cycle)
