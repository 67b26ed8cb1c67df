"""The pages of contributions absorbed without credit: per forum and per commitment (public),
a suggestion's and a claim's decision pages (co-chairs), and the claim form (members of
organisations). Each POST asks the predicate first, so a stranger gets the reason, then the
service through `run`; a refusal re-renders the form with the reason beside the field."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..core.forms import options
from ..core.lookup import get_optional
from ..core.views import actor, get_or_404, run
from ..forums.models import Forum
from ..organisations.models import Organisation
from ..organisations.queries import acting_organisations
from ..proposals.models import Proposal
from . import absorbed_policy
from .absorbed_forms import ClaimForm, DismissForm, LinkItForm
from .absorbed_models import Claim, Suggestion
from .absorbed_queries import STATES
from .absorbed_queries import absorbed as summary
from .inputs import describe, resolve
from .labels import source_labels
from .models import Commitment, CommitmentVersion
from .queries import version
from .services import absorbed, claims

bp = Blueprint("absorbed", __name__)


def _page(forum, commitment=None):
    return render_template("commitments/absorbed.html", forum=forum, commitment=commitment,
                           a=summary(forum.id, commitment.id if commitment else None), states=STATES,
                           kinds=source_labels())


@bp.get("/forums/<int:forum_id>/absorbed")
def forum_page(forum_id):
    return _page(get_or_404(Forum, forum_id))


@bp.get("/commitments/<int:commitment_id>/absorbed")
def commitment_page(commitment_id):
    c = get_or_404(Commitment, commitment_id)
    return _page(c.forum, c)


def _suggestion_page(s: Suggestion, forms=None, status=200):
    forms = forms or {}
    c = get_or_404(Commitment, s.commitment_id)
    v = get_or_404(CommitmentVersion, s.version_id)
    label, href = describe(s.source_type, resolve(s.source_type, s.source_id), s.source_id)
    return render_template("commitments/absorbed_suggestion.html", s=s, c=c, v=v, label=label, href=href,
                           kinds=source_labels(), link_form=forms.get("link") or LinkItForm(prefix="link"),
                           dismiss_form=forms.get("dismiss") or DismissForm(prefix="dismiss")), status


@bp.get("/suggestions/<int:suggestion_id>")
def suggestion(suggestion_id):
    return _suggestion_page(get_or_404(Suggestion, suggestion_id))


def _decide(row, may, prefix: str, form_class, service, fields: tuple[str, ...], done: str, page):
    """What the four decisions share: the predicate first (a stranger gets its reason, 403),
    then the form and the service; a refusal re-renders `page` with the reason beside the field."""
    may(actor(), row).require()
    form = form_class(prefix=prefix)
    if form.validate_on_submit() and run(form, service, actor(), row, *(getattr(form, f).data for f in fields)):
        flash(done, "success")
        return redirect(url_for("absorbed.commitment_page", commitment_id=row.commitment_id))
    return page(row, {prefix: form}, 400)


@bp.post("/suggestions/<int:suggestion_id>/link")
@login_required
def link(suggestion_id):
    return _decide(get_or_404(Suggestion, suggestion_id), absorbed_policy.may_decide_suggestion, "link", LinkItForm,
                   absorbed.link, ("how", "explanation"),
                   _("Linked: the input now counts as shaping this version."), _suggestion_page)


@bp.post("/suggestions/<int:suggestion_id>/dismiss")
@login_required
def dismiss(suggestion_id):
    return _decide(get_or_404(Suggestion, suggestion_id), absorbed_policy.may_decide_suggestion, "dismiss",
                   DismissForm, absorbed.dismiss, ("reason",), _("Dismissed, with its public reason."),
                   _suggestion_page)


def _claim_form(form: ClaimForm) -> ClaimForm:
    form.organisation.choices = options([("", "—")] + [(o.id, o.name) for o in acting_organisations(actor())])
    return form


@bp.route("/commitments/<int:commitment_id>/claim", methods=["GET", "POST"])
@login_required
def claim(commitment_id):
    """A claim on another organisation's behalf, or from another organisation's proposal,
    is refused (403) with the reason beside the field it names, and nothing is written."""
    c = get_or_404(Commitment, commitment_id)
    form = _claim_form(ClaimForm(prefix="claim"))
    status = 200
    if form.validate_on_submit():
        v = version(c, form.version.data) if form.version.data and form.version.data <= c.latest else None
        decision = absorbed_policy.may_claim(actor(), c, get_optional(Organisation, form.organisation.number),
                                             get_optional(Proposal, form.proposal.data))
        if v is None:
            form.version.errors = [_("Commitment #%(c)d has no version %(n)d.", c=c.id, n=form.version.data)]
        elif not decision:
            getattr(form, decision.field or "organisation").errors = [str(decision.reason)]
            status = 403
        elif run(form, claims.claim, actor(), v, form.organisation.number, form.proposal.data, form.passage.data):
            flash(_("Claimed: the co-chairs of the other side will confirm or reject it."), "success")
            return redirect(url_for("absorbed.commitment_page", commitment_id=c.id))
    elif form.is_submitted():
        status = 400
    if form.errors and status == 200:
        status = 400
    return render_template("commitments/absorbed_claim.html", c=c, v=version(c), form=form), status


def _claim_page(row: Claim, forms=None, status=200):
    forms = forms or {}
    c = get_or_404(Commitment, row.commitment_id)
    v = get_or_404(CommitmentVersion, row.version_id)
    return render_template("commitments/absorbed_decide_claim.html", claim=row, c=c, v=v,
                           proposal=get_or_404(Proposal, row.proposal_id),
                           organisation=get_or_404(Organisation, row.organisation_id),
                           confirm_form=forms.get("confirm") or LinkItForm(prefix="confirm"),
                           reject_form=forms.get("reject") or DismissForm(prefix="reject")), status


@bp.get("/claims/<int:claim_id>")
def show_claim(claim_id):
    return _claim_page(get_or_404(Claim, claim_id))


@bp.post("/claims/<int:claim_id>/confirm")
@login_required
def confirm(claim_id):
    return _decide(get_or_404(Claim, claim_id), absorbed_policy.may_decide_claim, "confirm", LinkItForm,
                   claims.confirm, ("how", "explanation"),
                   _("Confirmed: the proposal now counts as shaping this version."), _claim_page)


@bp.post("/claims/<int:claim_id>/reject")
@login_required
def reject(claim_id):
    return _decide(get_or_404(Claim, claim_id), absorbed_policy.may_decide_claim, "reject", DismissForm,
                   claims.reject, ("reason",), _("Rejected, with its public reason."), _claim_page)
