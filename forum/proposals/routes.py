from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from .. import pageasks
from ..commitments import policy as commitments_policy
from ..commitments import queries as commitment_queries
from ..commitments.forms import ProposalLinkForm
from ..commitments.inputs import refusal
from ..commitments.labels import fate_labels, how_labels
from ..core.args import ID, PAGE, TEXT, arg, query
from ..core.clock import utcnow
from ..core.forms import options
from ..core.lookup import get_optional, get_row
from ..core.views import actor, get_or_404, run
from ..extensions import db
from ..forums.models import Forum
from ..forums.names import names_for
from ..organisations.labels import group_labels
from ..organisations.models import Organisation
from ..organisations.queries import acting_organisations
from ..trail.queries import filtered
from . import deadlines, policy, queries, response_queries, services
from .forms import CommentForm, EndorseForm, HideForm, ProposalForm, ResponseForm
from .labels import group_kind, outcome_labels, status_labels, value_labels
from .models import Comment, Proposal, ProposalVersion
from .services import comments, endorsements, moderation, responses

bp = Blueprint("proposals", __name__)


def _labels() -> dict:
    return dict(statuses=status_labels(), outcomes=outcome_labels(), values=value_labels(),
                groups=group_labels(), group_kind=group_kind, fate_words=fate_labels())


@bp.get("/proposals/")
@bp.get("/forums/<int:forum_id>/proposals")
@query(status=TEXT, group=TEXT, value=TEXT, q=TEXT, cycle=TEXT, stage=TEXT, organisation=ID, sort=TEXT, page=PAGE)
def index(forum_id=None):
    forum = get_or_404(Forum, forum_id) if forum_id else None
    args = {k: arg(k) or None for k in ("status", "group", "value", "q", "cycle", "stage")}
    args["organisation"] = arg("organisation")
    args["sort"] = arg("sort") if arg("sort") in queries.SORTS else "newest"
    query = queries.browse(forum_id=forum_id, status=args["status"], group=args["group"],
                           organisation_id=args["organisation"], value=args["value"], q=args["q"],
                           sort=args["sort"], cycle=args["cycle"], stage=args["stage"])
    page = db.paginate(query, page=arg("page"), per_page=current_app.config["PAGE_SIZE"], error_out=False)
    return render_template("proposals/index.html", forum=forum, page=page, args=args,
                           clocks=_clocks(page.items), fates=commitment_queries.fates(page.items),
                           **_labels())


def _clocks(proposals) -> dict:
    """What the response clock says of each proposal, for the template to show (it derives
    nothing itself): proposals/deadlines.py decides."""
    now = utcnow()
    return {p.id: {"waiting": deadlines.waiting(p), "days": deadlines.days_waited(p, now),
                   "overdue": deadlines.overdue(p, now), "days_late": deadlines.days_late(p)} for p in proposals}


def _my_endorsement(user, p):
    return queries.my_endorsement(p, user)


def _org_choices(allow_none_label=None):
    """The organisations the reader may act for: a question the page keeps (forum/pageasks.py)."""
    orgs = pageasks.ask(acting_organisations)
    pairs = [(o.id, o.name) for o in orgs]
    if allow_none_label is not None:
        pairs = [("", allow_none_label)] + pairs
    return options(pairs), orgs


@bp.route("/forums/<int:forum_id>/proposals/new", methods=["GET", "POST"])
@login_required
def new(forum_id):
    forum = get_or_404(Forum, forum_id)
    form = ProposalForm()
    form.organisation.choices, _orgs = _org_choices()
    policy.may_submit(actor(), forum).require()
    if form.validate_on_submit():
        org = get_optional(Organisation, form.organisation.data)
        p = run(form, services.submit, actor(), forum, org, **_text(form))
        if p:
            flash(_("Your proposal was submitted. The co-chairs owe it a public, reasoned response."), "success")
            return redirect(url_for("proposals.show", proposal_id=p.id))
    return render_template("proposals/form.html", form=form, forum=forum, proposal=None), 400 if form.errors else 200


def _text(form) -> dict:
    return dict(title=form.title.data, problem=form.problem.data, proposal=form.proposal.data,
                expected_result=form.expected_result.data, values=form.values.data, links=form.links.data)


@bp.route("/proposals/<int:proposal_id>/edit", methods=["GET", "POST"])
@login_required
def edit(proposal_id):
    p = get_or_404(Proposal, proposal_id)
    policy.may_edit(actor(), p).require()
    form = ProposalForm(obj=p if request.method == "GET" else None)
    form.organisation.choices = options([(p.organisation_id, p.organisation.name)])
    if request.method == "GET":
        form.values.data, form.organisation.data = p.value_list, str(p.organisation_id)
    if form.validate_on_submit() and run(form, services.edit, actor(), p, **_text(form)):
        flash(_("Saved as version %(n)d.", n=p.version), "success")
        return redirect(url_for("proposals.show", proposal_id=p.id))
    return render_template("proposals/form.html", form=form, forum=p.forum, proposal=p), 400 if form.errors else 200


@bp.get("/proposals/<int:proposal_id>")
def show(proposal_id):
    p = get_or_404(Proposal, proposal_id)
    return _render_show(p)


def _render_show(p, forms=None, status=200):
    # Shared between readers with the same answers: every question about the reader is asked
    # through pageasks (forum/pageasks.py), none read from actor().
    forms = forms or {}
    mine = pageasks.ask(_my_endorsement, p)
    if pageasks.signed_in():
        if "comment" not in forms:
            forms["comment"] = CommentForm(prefix="comment")
        forms["comment"].organisation.choices, _orgs = _org_choices(_("Myself"))
        if "endorse" not in forms:
            forms["endorse"] = EndorseForm(prefix="endorse")
        forms["endorse"].organisation.choices = forms["comment"].organisation.choices
    may = {"edit": pageasks.ask(policy.may_edit, p), "withdraw": pageasks.ask(policy.may_withdraw, p),
           "endorse": pageasks.ask(policy.may_endorse, p), "discuss": pageasks.ask(policy.may_discuss, p),
           "respond": pageasks.ask(policy.may_respond, p), "moderate": pageasks.ask(policy.may_moderate, p.forum)}
    if may["respond"]:
        forms.setdefault("respond", ResponseForm(prefix="respond"))
        forms["respond"].merged_into.choices = options(
            [("", "—")] + [(t.id, f"#{t.id} {t.title}") for t in queries.merge_targets(p)])
    if may["moderate"]:
        forms.setdefault("hide", HideForm(prefix="hide"))
    may["link"] = pageasks.ask(commitments_policy.may_revise_any, p.forum)
    if may["link"] and refusal("proposal", p) is None:
        forms["plink"] = ProposalLinkForm(prefix="plink")
        forms["plink"].commitment.choices = commitment_queries.commitment_choices(p.forum)
    trail_entries = list(db.session.scalars(filtered(subject=("proposal", p.id)).limit(100)))
    joined, fate_rows = commitment_queries.fate_followed(p)
    return render_template(
        "proposals/show.html", p=p, forms=forms, may=may, mine=mine, fate=fate_rows, joined=joined, hows=how_labels(),
        history=response_queries.history(p), thread=queries.thread(p), versions=queries.versions(p),
        merged_here=queries.merged_here(p), endorsers=queries.endorsing_organisations(p),
        on_behalf=queries.on_behalf_counts([p.id]).get(p.id, 0),
        clock=_clocks([p])[p.id],
        activity=trail_entries, names=names_for(trail_entries), hide_forum=True,
        fates=commitment_queries.fates([p]), **_labels()), status


@bp.get("/proposals/<int:proposal_id>/versions/<int:number>")
def version(proposal_id, number):
    p = get_or_404(Proposal, proposal_id)
    v = db.session.scalar(db.select(ProposalVersion).where(ProposalVersion.proposal_id == p.id,
                                                           ProposalVersion.number == number))
    if v is None:
        abort(404)
    return render_template("proposals/version.html", p=p, v=v, **_labels())


def _post(p, form, service, *args, success=None, **kwargs):
    """Validate a form on the proposal page, call the service, and come back to the page."""
    if form.validate_on_submit():
        if run(form, service, *args, **kwargs):
            if success:
                flash(success, "success")
            return redirect(url_for("proposals.show", proposal_id=p.id))
    return _render_show(p, {form._prefix.rstrip("-"): form}, 400)


@bp.post("/proposals/<int:proposal_id>/withdraw")
@login_required
def withdraw(proposal_id):
    p = get_or_404(Proposal, proposal_id)
    from ..accounts.forms import EmptyForm
    return _post(p, EmptyForm(), services.withdraw, actor(), p, success=_("The proposal is withdrawn."))


@bp.post("/proposals/<int:proposal_id>/endorse")
@login_required
def endorse(proposal_id):
    p = get_or_404(Proposal, proposal_id)
    form = EndorseForm(prefix="endorse")
    form.organisation.choices, _orgs = _org_choices(_("Myself"))
    org = get_optional(Organisation, form.organisation.data)

    def endorse_once():
        """A repeat (a double click, two tabs) is harmless: say so instead of failing."""
        if not endorsements.endorse(actor(), p, org, form.notify.data):
            flash(_("You already endorse this proposal."), "info")
        return True
    return _post(p, form, endorse_once, success=_("You endorse this proposal."))


@bp.post("/proposals/<int:proposal_id>/unendorse")
@login_required
def unendorse(proposal_id):
    p = get_or_404(Proposal, proposal_id)
    from ..accounts.forms import EmptyForm
    return _post(p, EmptyForm(), lambda: endorsements.withdraw_endorsement(actor(), p) or True,
                 success=_("Your endorsement is withdrawn."))


@bp.post("/proposals/<int:proposal_id>/comments")
@login_required
def comment(proposal_id):
    p = get_or_404(Proposal, proposal_id)
    form = CommentForm(prefix="comment")
    form.organisation.choices, _orgs = _org_choices(_("Myself"))
    parent = get_optional(Comment, form.parent.data)
    org = get_optional(Organisation, form.organisation.data)
    return _post(p, form, comments.post, actor(), p, form.body.data, parent, org,
                 success=_("Your comment is published."))


@bp.post("/proposals/<int:proposal_id>/respond")
@login_required
def respond(proposal_id):
    p = get_or_404(Proposal, proposal_id)
    form = ResponseForm(prefix="respond")
    target_id = form.merged_into.data
    target = get_optional(Proposal, target_id)
    if target_id and target is None:
        form.merged_into.errors = [_("Choose the proposal this one is merged into.")]
    return _post(p, form, responses.respond, actor(), p, form.outcome.data, form.reason.data, target,
                 success=_("The response is published."))


@bp.post("/proposals/<int:proposal_id>/hide")
@login_required
def hide(proposal_id):
    p = get_or_404(Proposal, proposal_id)
    form = HideForm(prefix="hide")
    return _post(p, form, moderation.hide_proposal, actor(), p, form.reason.data, success=_("The proposal is hidden."))


@bp.post("/comments/<int:comment_id>/hide")
@login_required
def hide_comment(comment_id):
    c = get_or_404(Comment, comment_id)
    p = get_row(Proposal, c.proposal_id)
    form = HideForm(prefix=f"hide-comment-{c.id}")
    if form.validate_on_submit():
        if run(form, moderation.hide_comment, actor(), c, form.reason.data):
            flash(_("The comment is hidden."), "success")
            return redirect(url_for("proposals.show", proposal_id=p.id))
    for err in [*form.reason.errors, *form.form_errors]:
        flash(str(err), "error")
    return _render_show(p, None, 400)


@bp.get("/forums/<int:forum_id>/ledger")
@query(page=PAGE)
def ledger(forum_id):
    forum = get_or_404(Forum, forum_id)
    query = queries.browse(forum_id=forum.id, sort="oldest")  # indexed, whatever the page
    page = db.paginate(query, page=arg("page"), per_page=50, error_out=False)
    return render_template("proposals/ledger.html", forum=forum, page=page, figures=queries.ledger_figures(forum),
                           fates=commitment_queries.fates(page.items), clocks=_clocks(page.items), **_labels())
