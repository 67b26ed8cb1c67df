"""The web edge of civil society's part in implementation: appointing the co-monitor,
confirming, contesting and answering, and the lists each figure links to. A refused form
comes back on its own page with the reason beside the field."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..accounts.forms import EmptyForm
from ..accounts.models import User
from ..commitments.labels import level_labels
from ..commitments.models import Commitment, ProgressUpdate
from ..core.args import TEXT, arg, query
from ..core.clock import utcnow
from ..core.forms import options
from ..core.lookup import get_optional
from ..core.views import actor, get_or_404, run
from ..dashboards.figures import cycle_forums
from ..forums.models import Forum
from ..organisations.models import Organisation
from . import deadlines, labels, page, policy, queries, services
from .forms import AnswerForm, AppointForm, ContestForm
from .models import UpdateVerdict

bp = Blueprint("monitoring", __name__)


def _back(commitment_id: int):
    return redirect(url_for("commitments.show", commitment_id=commitment_id) + "#civil-society")


@bp.route("/commitments/<int:commitment_id>/co-monitor", methods=["GET", "POST"])
@login_required
def appoint(commitment_id):
    commitment = get_or_404(Commitment, commitment_id)
    policy.may_appoint(actor(), commitment).require()
    form = AppointForm()
    form.co_monitor.choices = options([("", "—"), *page.candidates(commitment.forum)])
    if form.validate_on_submit():
        uid, _sep, oid = (form.co_monitor.data or "").partition(":")
        person, org = get_optional(User, uid), get_optional(Organisation, oid)
        if run(form, services.appoint, actor(), commitment, person, org, form.reason.data):
            flash(_("The co-monitor is appointed; it is on the trail."), "success")
            return _back(commitment.id)
    return render_template("monitoring/appoint.html", form=form, c=commitment,
                           current=policy.current_monitor(commitment.id)), 400 if form.errors else 200


@bp.post("/progress/<int:update_id>/confirm")
@login_required
def confirm(update_id):
    update = get_or_404(ProgressUpdate, update_id)
    if EmptyForm().validate_on_submit() and run(None, services.confirm, actor(), update):
        flash(_("You confirmed this update for civil society."), "success")
    return _back(update.commitment_id)


@bp.route("/progress/<int:update_id>/contest", methods=["GET", "POST"])
@login_required
def contest(update_id):
    update = get_or_404(ProgressUpdate, update_id)
    policy.may_judge(actor(), update, utcnow()).require()
    form = ContestForm()
    if form.validate_on_submit() and run(form, services.contest, actor(), update, form.reason.data):
        flash(_("You contested this update. The State's side owes a reasoned answer."), "info")
        return _back(update.commitment_id)
    return render_template("monitoring/reason.html", form=form, update=update, verdict=None,
                           levels=level_labels()), 400 if form.errors else 200


@bp.route("/contests/<int:verdict_id>/answer", methods=["GET", "POST"])
@login_required
def answer(verdict_id):
    verdict = get_or_404(UpdateVerdict, verdict_id)
    policy.may_answer(actor(), verdict).require()
    form = AnswerForm()
    if form.validate_on_submit() and run(form, services.answer, actor(), verdict, form.reason.data):
        flash(_("Your answer is published with the contest."), "success")
        return _back(verdict.commitment_id)
    update = get_or_404(ProgressUpdate, verdict.update_id)
    return render_template("monitoring/reason.html", form=form, update=update, verdict=verdict,
                           levels=level_labels()), 400 if form.errors else 200


def _list(title, forum_ids, back):
    show = arg("show")
    now = utcnow()
    if show == "neglected":
        rows, commitments = [], queries.neglected_list(forum_ids, now)
    elif show in queries.SHOWS:
        rows, commitments = queries.updates_list(forum_ids, show, now), []
    else:
        abort(404)
    return render_template("monitoring/list.html", title=title, show=show, rows=rows, commitments=commitments,
                           back=back, shows=labels.shows(), levels=level_labels(), statuses=labels.statuses(),
                           now=now, limit=queries.LIST_MAX, window_days=deadlines.window_days(),
                           days_late=deadlines.answer_days_late, answer_clock=deadlines.answer_clock)


@bp.get("/forums/<int:forum_id>/monitoring")
@query(show=TEXT)
def forum_list(forum_id):
    forum = get_or_404(Forum, forum_id)
    return _list(forum.title, [forum.id], url_for("dashboards.forum", forum_id=forum.id))


@bp.get("/cycles/<cycle>/monitoring")
@query(show=TEXT)
def cycle_list(cycle):
    forums = cycle_forums(cycle)
    if not forums:
        abort(404)
    return _list(cycle, [f.id for f in forums], url_for("dashboards.cycle", cycle=cycle))
