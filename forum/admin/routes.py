"""Platform administration: verifying organisations, appointing independent reviewers,
suspending accounts registered in bursts.
Forum creation lives with forums."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..accounts import suspension_queries
from ..accounts.forms import EmptyForm
from ..accounts.models import User
from ..accounts.policy import may_suspend, must_be_admin
from ..accounts.services import suspension
from ..commitments import policy as commitments_policy
from ..commitments.forms import ReviewerForm
from ..commitments.models import Reviewer
from ..commitments.services import assessments
from ..core import security_log
from ..core.forms import options
from ..core.views import actor, get_or_404, run
from ..extensions import db
from ..forums import queries as forum_queries
from ..organisations import policy, services
from ..organisations.forms import ReasonForm
from ..organisations.labels import kind_labels
from ..organisations.models import Organisation
from ..organisations.queries import pending_organisations

bp = Blueprint("admin", __name__, url_prefix="/admin")


@bp.get("/")
@login_required
def index():
    policy.may_verify(actor()).require()
    return render_template("admin/index.html", pending=pending_organisations(),
                           kinds=kind_labels(), form=EmptyForm(), reject=ReasonForm())


@bp.post("/organisations/<int:org_id>/verify")
@login_required
def verify(org_id):
    policy.may_verify(actor()).require()
    org = get_or_404(Organisation, org_id)
    if EmptyForm().validate_on_submit() and run(None, services.verify_organisation, actor(), org):
        flash(_("%(name)s is verified.", name=org.name), "success")
    return redirect(url_for("admin.index"))


@bp.post("/organisations/<int:org_id>/reject")
@login_required
def reject(org_id):
    policy.may_verify(actor()).require()
    org = get_or_404(Organisation, org_id)
    form = ReasonForm()
    if form.validate_on_submit():
        if run(form, services.reject_organisation, actor(), org, form.reason.data):
            flash(_("%(name)s was not verified; the reason is public.", name=org.name), "info")
            return redirect(url_for("admin.index"))
    return render_template("admin/index.html", pending=pending_organisations(),
                           kinds=kind_labels(), form=EmptyForm(), reject=form, reject_id=org.id), 400


@bp.route("/reviewers", methods=["GET", "POST"])
@login_required
def reviewers():
    """Appointing independent reviewers, who assess a cycle's commitments with the IRM's fields."""
    commitments_policy.may_appoint_reviewer(actor()).require()
    form = ReviewerForm()
    form.cycle.choices = options((c, c) for c in forum_queries.cycles())
    if form.validate_on_submit() and run(form, assessments.appoint_reviewer, actor(), form.email.data,
                                         form.cycle.data, form.reason.data):
        flash(_("The reviewer is appointed; the appointment and its reason are on the trail."), "success")
        return redirect(url_for("admin.reviewers"))
    listed = db.session.scalars(select(Reviewer).options(selectinload(Reviewer.user))
                                .order_by(Reviewer.cycle, Reviewer.id)).all()
    return render_template("admin/reviewers.html", form=form, reviewers=listed), 400 if form.errors else 200


@bp.get("/accounts")
@login_required
def accounts():
    must_be_admin(actor()).require()
    return _accounts_page(ReasonForm(), None)


def _accounts_page(form, form_for, status=200):
    return render_template("admin/accounts.html", bursts=suspension_queries.bursts(), form=form, form_for=form_for,
                           size=suspension_queries.BURST_SIZE,
                           minutes=int(suspension_queries.BURST_WINDOW.total_seconds() // 60)), status


@bp.post("/accounts/<int:user_id>/suspend")
@login_required
def suspend(user_id):
    return _decide(user_id, suspension.suspend, "account_suspended",
                   lambda name: _("%(name)s is suspended; the reason is on the public trail.", name=name))


@bp.post("/accounts/<int:user_id>/reinstate")
@login_required
def reinstate(user_id):
    return _decide(user_id, suspension.reinstate, "account_reinstated",
                   lambda name: _("%(name)s is reinstated; the reason is on the public trail.", name=name))


def _decide(user_id, service, event, done):
    """Suspending and reinstating: a reasoned decision on one account, logged and on the trail."""
    account = get_or_404(User, user_id)
    may_suspend(actor(), account).require()
    form = ReasonForm()
    if form.validate_on_submit() and run(form, service, actor(), account, form.reason.data):
        security_log.event(event, target=account.id)
        flash(done(account.display_name), "info")
        return redirect(url_for("admin.accounts"))
    return _accounts_page(form, account.id, 400)
