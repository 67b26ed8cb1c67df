"""A cycle's clusters (forming one: co-chairs of its forums or an admin) and a cluster's
page, where an appointed reviewer records the IRM's assessment of it."""
from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from .. import pageasks
from ..core.forms import options
from ..core.views import actor, get_or_404, run
from ..forums.queries import cycles
from . import assessment_queries, cluster_queries, irm_scales, policy
from .cluster_models import Cluster
from .forms import AssessmentForm, ClusterForm
from .labels import irm_value_labels
from .services import assessments, clusters

bp = Blueprint("clusters", __name__)


def _cycle_or_404(cycle: str) -> str:
    if cycle not in cycles():
        abort(404)
    return cycle


@bp.get("/cycles/<cycle>/clusters")
def index(cycle, form=None, status=200):
    cycle = _cycle_or_404(cycle)
    if form is None and pageasks.ask(policy.may_create_cluster, cycle):  # forum/pageasks.py
        form = ClusterForm(prefix="cluster")
    if form is not None:
        form.commitments.choices = options(cluster_queries.choices(cycle))
    found = cluster_queries.in_cycle(cycle)
    return render_template("commitments/clusters.html", cycle=cycle, clusters=found, form=form,
                           titles=cluster_queries.titles(i for c in found for i in c.commitment_ids)), status


@bp.post("/cycles/<cycle>/clusters")
@login_required
def create(cycle):
    cycle = _cycle_or_404(cycle)
    policy.may_create_cluster(actor(), cycle).require()
    form = ClusterForm(prefix="cluster")
    form.commitments.choices = options(cluster_queries.choices(cycle))
    form.commitments.pre_validate = lambda _form: None  # the service names a bad choice beside the field
    if form.validate_on_submit():
        done = run(form, clusters.create, actor(), cycle, form.name.data, form.ids())
        if done:
            flash(_("The cluster is formed and on the public trail."), "success")
            return redirect(url_for("clusters.show", cluster_id=done.id))
    return index(cycle, form, 400)


@bp.get("/clusters/<int:cluster_id>")
def show(cluster_id, form=None, status=200):
    cluster = get_or_404(Cluster, cluster_id)
    if form is None and pageasks.ask(policy.may_assess_cluster, cluster):
        form = AssessmentForm(prefix="assess")
    history = assessment_queries.cluster_history(cluster)
    return render_template("commitments/cluster.html", cluster=cluster, form=form, history=history,
                           titles=cluster_queries.titles(cluster.commitment_ids), irm_words=irm_scales.words,
                           values=irm_value_labels()), status


@bp.post("/clusters/<int:cluster_id>/assessments")
@login_required
def assess(cluster_id):
    cluster = get_or_404(Cluster, cluster_id)
    policy.may_assess_cluster(actor(), cluster).require()
    form = AssessmentForm(prefix="assess")
    if form.validate_on_submit() and run(form, assessments.assess_cluster, actor(), cluster, form.fields()):
        flash(_("The cluster's assessment is recorded on each of its commitments, and public."), "success")
        return redirect(url_for("clusters.show", cluster_id=cluster.id))
    return show(cluster_id, form, 400)
