"""Recording and confirming the IRM's assessment of a commitment; the form sits on the
commitment's page (routes.show), which re-renders with the reasons when one is refused."""
from flask import Blueprint, flash, redirect, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..accounts.forms import EmptyForm
from ..core.args import ID, query
from ..core.views import actor, get_or_404, run
from . import policy
from .forms import AssessmentForm
from .models import Assessment, Assessor, Commitment
from .routes import show
from .services import assessments

bp = Blueprint("assessments", __name__)


@bp.post("/commitments/<int:commitment_id>/assessments")
@login_required
@query(v=ID)  # re-renders show()
def assess(commitment_id):
    commitment = get_or_404(Commitment, commitment_id)
    policy.may_assess(actor(), commitment).require()
    form = AssessmentForm(prefix="assess")
    if form.validate_on_submit():
        done = run(form, assessments.assess, actor(), commitment, form.fields())
        if done:
            flash(_("The assessment is recorded and public.") if done.assessor == Assessor.REVIEWER else
                  _("The assessment is recorded. It counts once the other side's co-chair confirms it."), "success")
            return redirect(url_for("commitments.show", commitment_id=commitment.id, _anchor="assessment"))
    return show(commitment_id, {"assess": form}, 400)


@bp.post("/assessments/<int:assessment_id>/confirm")
@login_required
def confirm(assessment_id):
    a = get_or_404(Assessment, assessment_id)
    if EmptyForm().validate_on_submit() and run(None, assessments.confirm, actor(), a):
        flash(_("Confirmed: the assessment is in force."), "success")
    return redirect(url_for("commitments.show", commitment_id=a.commitment_id, _anchor="assessment"))
