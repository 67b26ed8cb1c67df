from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select

from .. import pageasks
from ..accounts.forms import EmptyForm
from ..core.args import ID, arg, query
from ..core.clock import utcnow
from ..core.forms import options
from ..core.lookup import get_optional
from ..core.views import actor, download_json, get_or_404, run
from ..extensions import db
from ..forums.models import Forum
from ..forums.names import names_for
from ..monitoring import labels as monitoring_labels
from ..monitoring import page as monitoring_page
from ..monitoring import policy as monitoring_policy
from ..organisations.labels import participant_labels
from ..organisations.models import Organisation, OrgKind, OrgStatus
from ..plans import queries as plan_queries
from ..proposals.labels import value_labels
from ..proposals.models import Proposal
from ..trail.queries import filtered
from ..uploads.limits import accepts_upload
from . import (
    assessment_queries,
    cluster_queries,
    graph,
    irm_scales,
    link_gap,
    policy,
    progress_queries,
    queries,
    services,
    verifiability,
)
from .diff import words_diff
from .forms import (
    AssessmentForm,
    CommitmentForm,
    LinkForm,
    OverrideForm,
    ProgressForm,
    ProposalLinkForm,
    RefuseForm,
    RetractForm,
    SupersedeForm,
)
from .inputs import describe
from .labels import (
    explain,
    how_labels,
    irm_value_labels,
    level_labels,
    opened_labels,
    potential_labels,
    source_labels,
    verdict_labels,
)
from .models import Commitment, InfluenceLink, Milestone
from .services import links, progress, signoff

bp = Blueprint("commitments", __name__)


@bp.get("/forums/<int:forum_id>/commitments")
def index(forum_id):
    forum = get_or_404(Forum, forum_id)
    items = queries.for_forum(forum)
    return render_template("commitments/index.html", forum=forum, items=items, titles=queries.titles(items))


def _template_form(form: CommitmentForm, extra_rows=2) -> CommitmentForm:
    orgs = db.session.scalars(select(Organisation).where(Organisation.status == OrgStatus.VERIFIED)
                              .order_by(Organisation.name)).all()
    form.lead_agency_id.choices = options([("", "—")] + [(o.id, o.name) for o in orgs if o.kind == OrgKind.GOVERNMENT])
    form.supporting.choices = options((o.id, o.name) for o in orgs)
    if request.method == "GET":
        for _i in range(extra_rows):
            form.milestones.append_entry()
    for row in form.milestones:
        row.form.responsible_id.choices = options([("", "—")] + [(o.id, o.name) for o in orgs])
    return form


def _inputs(form: CommitmentForm):
    template = {name: getattr(form, name).data for name in (
        "title", "problem", "status_quo", "description", "contribution", "ogp_relevance", "values",
        "lead_agency_id", "supporting", "start_date", "end_date", "change_note")}
    rows = [services.MilestoneInput(r.form.description.data or "", r.form.responsible_id.data,
                                    r.form.start_date.data, r.form.end_date.data,
                                    baseline_date=r.form.baseline_date.data,
                                    **{f: r.form[f].data for f in services.VERIFIABILITY_FIELDS})
            for r in form.milestones if (r.form.description.data or "").strip()]
    return template, rows


def _warnings(forum):
    """The check on each milestone row as typed, field by field, for the form to show beside
    the fields; a blank row says nothing."""
    def of(row) -> dict[str, list[str]]:
        data = row.form.data
        if not (data.get("description") or "").strip():
            return {}
        return explain(verifiability.check(services.MilestoneInput(**{
            k: data.get(k) for k in ("description", "responsible_id", "start_date", "end_date", "baseline_date",
                                     *services.VERIFIABILITY_FIELDS)}), forum.cycle))
    return of


@bp.route("/forums/<int:forum_id>/commitments/new", methods=["GET", "POST"])
@login_required
def new(forum_id):
    forum = get_or_404(Forum, forum_id)
    policy.may_draft(actor(), forum).require()
    form = _template_form(CommitmentForm())
    if form.validate_on_submit():
        commitment = run(form, services.create, actor(), forum, *_inputs(form))
        if commitment:
            flash(_("Version 1 is saved. Both co-chairs must sign it off before it is adopted."), "success")
            return redirect(url_for("commitments.show", commitment_id=commitment.id))
    status = 400 if form.errors else 200
    return render_template("commitments/form.html", form=form, forum=forum, commitment=None,
                           warnings=_warnings(forum)), status


@bp.route("/commitments/<int:commitment_id>/edit", methods=["GET", "POST"])
@login_required
def edit(commitment_id):
    commitment = get_or_404(Commitment, commitment_id)
    policy.may_revise(actor(), commitment).require()
    latest = queries.version(commitment)
    form = CommitmentForm(obj=latest if request.method == "GET" else None)
    if request.method == "GET":
        form.supporting.data = [str(i) for i in latest.supporting_ids]
        form.values.data, form.change_note.data = latest.values.split(","), ""
        form.lead_agency_id.data = str(latest.lead_agency_id)
        while len(form.milestones):
            form.milestones.pop_entry()
        for m in latest.milestones:
            form.milestones.append_entry({"description": m.description, "responsible_id": str(m.responsible_id),
                                          "start_date": m.start_date, "end_date": m.end_date,
                                          "baseline_date": m.baseline_date,
                                          **{f: getattr(m, f) or "" for f in services.VERIFIABILITY_FIELDS}})
    _template_form(form)
    if form.validate_on_submit():
        version = run(form, services.save_version, actor(), commitment, *_inputs(form))
        if version:
            flash(_("Saved as version %(n)d.", n=version.number), "success")
            return redirect(url_for("commitments.show", commitment_id=commitment.id))
    return render_template("commitments/form.html", form=form, forum=commitment.forum, commitment=commitment,
                           warnings=_warnings(commitment.forum)), 400 if form.errors else 200


@bp.get("/commitments/<int:commitment_id>")
@query(v=ID)
def show(commitment_id, forms=None, status=200):
    commitment = get_or_404(Commitment, commitment_id)
    number = arg("v") or commitment.latest
    version = queries.version(commitment, number) or abort(404)
    prov = queries.provenance(commitment)
    all_versions = prov.versions
    version_links = prov.up_to(version)
    retracted = {link.id: prov.retracted[link.id] for link in version_links if link.id in prov.retracted}
    gone = queries.ended_ids(version_links, retracted)
    sources = prov.sources
    # What the page shows of its reader is asked through pageasks (forum/pageasks.py), never
    # read from actor(): one build serves every reader who answers the same.
    chair = pageasks.ask(policy.may_revise, commitment)
    forms = forms or {}
    if chair:
        forms.setdefault("sign", EmptyForm())
        forms.setdefault("refuse", RefuseForm(prefix="refuse"))
        forms.setdefault("override", OverrideForm(prefix="override"))
    adopted = queries.adopted_version(commitment)
    latest_levels = progress_queries.latest_levels(adopted.milestones) if adopted else {}
    if pageasks.ask(policy.may_report_progress, commitment, adopted):
        forms.setdefault("progress", ProgressForm(prefix="progress"))
        forms["progress"].milestone.choices = options((m.id, f"{m.position}. {m.description}")
                                                      for m in adopted.milestones)
    if pageasks.ask(policy.may_assess, commitment):
        forms.setdefault("assess", AssessmentForm(prefix="assess"))
    history = progress_queries.history(commitment)
    mon = monitoring_page.build(commitment, latest_levels, history, utcnow(), is_me=pageasks.is_me,
                                answers=lambda: pageasks.ask(monitoring_policy.answering_org, commitment) is not None)
    activity = list(db.session.scalars(filtered(subject=("commitment", commitment.id)).limit(200)))
    assessed = assessment_queries.history(commitment)
    orgs = dict(db.session.execute(select(Organisation.id, Organisation.name)).all())
    return render_template(
        "commitments/show.html", c=commitment, v=version, versions=all_versions, links=version_links, gone=gone,
        retracted=retracted, sources=sources, decisions=prov.signed.get(version.id, {}), chair=chair, forms=forms,
        voice=queries.voice(version, (version_links, retracted, sources)), groups=participant_labels(),
        hows=how_labels(), kinds=source_labels(),
        values=value_labels(), orgs=orgs, activity=activity, names=names_for(activity), hide_forum=True,
        source_group=queries.source_group, describe=describe, number_of={x.id: x.number for x in all_versions},
        graph=graph.build(commitment, url_for, how_labels(), participant_labels(), orgs, prov),
        adopted_version=adopted, plan_gaps=plan_queries.for_commitment(commitment.id),
        latest_levels=latest_levels, levels=level_labels(), progress_history=history, mon=mon, now=utcnow(),
        cs_statuses=monitoring_labels.statuses(), can_appoint=pageasks.ask(monitoring_policy.may_appoint, commitment),
        completion=progress_queries.completion(adopted.milestones, latest_levels) if adopted else None,
        assessed=assessed, in_force=assessment_queries.is_in_force,
        irm_verifiable=next((a.verifiable for a, conf in assessed if assessment_queries.is_in_force(a, conf)), None),
        irm=dict(values=irm_value_labels(), potential=potential_labels(), opened=opened_labels()),
        irm_words=irm_scales.words, cluster=cluster_queries.of_commitments([commitment.id]).get(commitment.id),
        confirm_form=EmptyForm(), check=verifiability.check, verdict=verifiability.verdict, explain=explain,
        verdicts=verdict_labels(), tally=verifiability.tally(version.milestones, commitment.forum.cycle),
        overrides=queries.overrides(version), link_form=link_gap.fill), status


@bp.post("/commitments/<int:commitment_id>/progress")
@login_required
@query(v=ID)  # re-renders show()
@accepts_upload
def report_progress(commitment_id):
    commitment = get_or_404(Commitment, commitment_id)
    form = ProgressForm(prefix="progress")
    milestone = get_optional(Milestone, form.milestone.data)
    adopted = queries.adopted_version(commitment)
    form.milestone.choices = options((m.id, m.description) for m in (adopted.milestones if adopted else []))
    if form.validate_on_submit() and milestone is not None and run(
            form, progress.report, actor(), commitment, milestone, form.level.data, form.note.data, form.evidence.data,
            form.evidence_checked_on.data, form.document.data or None):
        flash(_("Progress reported."), "success")
        return _back(commitment)
    if milestone is None and not form.milestone.errors:
        form.milestone.errors = [_("Choose a milestone of the adopted version.")]
    return show(commitment_id, {"progress": form}, 400)


@bp.get("/commitments/<int:commitment_id>/compare")
@query(a=ID, b=ID)
def compare(commitment_id):
    commitment = get_or_404(Commitment, commitment_id)
    a = queries.version(commitment, arg("a") or max(1, commitment.latest - 1))
    b = queries.version(commitment, arg("b") or commitment.latest)
    if a is None or b is None:
        abort(404)
    fields = ("title", "problem", "status_quo", "description", "contribution", "ogp_relevance")
    diffs = {f: words_diff(getattr(a, f), getattr(b, f)) for f in fields}
    milestones = words_diff("\n".join(m.description for m in a.milestones),
                            "\n".join(m.description for m in b.milestones))
    return render_template("commitments/compare.html", c=commitment, a=a, b=b, diffs=diffs, milestones=milestones,
                           versions=queries.versions(commitment))


def _back(commitment, number=None):
    return redirect(url_for("commitments.show", commitment_id=commitment.id, v=number))


@bp.post("/commitments/<int:commitment_id>/versions/<int:number>/sign")
@login_required
def sign(commitment_id, number):
    commitment = get_or_404(Commitment, commitment_id)
    version = queries.version(commitment, number) or abort(404)
    if EmptyForm().validate_on_submit():
        adopted = run(None, signoff.sign, actor(), version)
        if adopted is True:
            flash(_("Both co-chairs have signed: version %(n)d is adopted.", n=number), "success")
        elif adopted is not None:
            flash(_("Signed. The other co-chair's signature is still needed."), "success")
    return _back(commitment, number)


@bp.post("/commitments/<int:commitment_id>/versions/<int:number>/refuse")
@login_required
@query(v=ID)  # re-renders show()
def refuse(commitment_id, number):
    return _with_reason(commitment_id, number, RefuseForm(prefix="refuse"), signoff.refuse,
                        _("Refused. The reason is public; a revised version can be signed."))


@bp.post("/commitments/<int:commitment_id>/versions/<int:number>/override")
@login_required
@query(v=ID)  # re-renders show()
def override(commitment_id, number):
    return _with_reason(commitment_id, number, OverrideForm(prefix="override"), signoff.override_check,
                        _("Your override is recorded with its reason. The other co-chair must record one too."),
                        ask=policy.may_override_check)


def _with_reason(commitment_id, number, form, service, done, ask=None):
    """A co-chair's key turned with a public reason; `ask` first, so a stranger gets the reason
    rather than a form error."""
    commitment = get_or_404(Commitment, commitment_id)
    version = queries.version(commitment, number) or abort(404)
    if ask is not None:
        ask(actor(), version).require()
    if form.validate_on_submit() and run(form, service, actor(), version, form.reason.data):
        flash(done, "info")
        return _back(commitment, number)
    return show(commitment_id, {form._prefix.rstrip("-"): form}, 400)


@bp.post("/commitments/<int:commitment_id>/links")
@login_required
@query(v=ID)  # re-renders show()
def add_link(commitment_id):
    commitment = get_or_404(Commitment, commitment_id)
    version = queries.version(commitment)
    form = LinkForm(prefix="link")
    form.source.choices = queries.input_choices(commitment)
    kind, _sep, ident = (form.source.data or "").partition(":")
    if form.validate_on_submit() and run(form, links.link, actor(), version, kind, ident, form.how.data,
                                         form.explanation.data):
        flash(_("The influence is recorded."), "success")
        return _back(commitment)
    return show(commitment_id, {"link": form}, 400)


@bp.route("/links/<int:link_id>/supersede", methods=["GET", "POST"])
@login_required
def supersede(link_id):
    old = get_or_404(InfluenceLink, link_id)
    version, commitment = queries.owner(old)
    policy.may_revise(actor(), commitment).require()
    form = SupersedeForm(how=old.how, explanation=old.explanation)
    if form.validate_on_submit() and run(form, links.supersede, actor(), old, form.how.data,
                                         form.explanation.data, form.reason.data):
        flash(_("The link is superseded; both stay visible."), "success")
        return _back(commitment, version.number)
    return render_template("commitments/supersede.html", form=form, link=old, c=commitment, v=version,
                           hows=how_labels()), 400 if form.errors else 200


@bp.post("/links/<int:link_id>/retract")
@login_required
@query(v=ID)  # re-renders show()
def retract(link_id):
    link = get_or_404(InfluenceLink, link_id)
    version, commitment = queries.owner(link)
    policy.may_revise(actor(), commitment).require()
    form = RetractForm(prefix=f"retract-{link.id}")
    if form.validate_on_submit() and run(form, links.retract, actor(), link, form.reason.data):
        flash(_("The link is retracted; it stays visible with your reason."), "success")
        return _back(commitment, version.number)
    return show(commitment.id, {"retract": (link.id, form)}, 400)


@bp.post("/proposals/<int:proposal_id>/link")
@login_required
def link_proposal(proposal_id):
    p = get_or_404(Proposal, proposal_id)
    policy.may_revise_any(actor(), p.forum).require()
    form = ProposalLinkForm(prefix="plink")
    form.commitment.choices = queries.commitment_choices(p.forum)
    commitment = get_optional(Commitment, form.commitment.data)
    if commitment is None:
        form.commitment.errors = [_("Choose a commitment of this forum.")]
    elif form.validate_on_submit() and run(form, links.link, actor(), queries.version(commitment), "proposal",
                                           p.id, form.how.data, form.explanation.data):
        flash(_("The influence is recorded."), "success")
        return redirect(url_for("proposals.show", proposal_id=p.id))
    for err in [*form.form_errors, *(e for f in form for e in f.errors)]:
        flash(str(err), "error")  # shown on the proposal page; the form there starts afresh
    return redirect(url_for("proposals.show", proposal_id=p.id))


@bp.get("/commitments/<int:commitment_id>/provenance.json")
def export(commitment_id):
    commitment = get_or_404(Commitment, commitment_id)
    return download_json(queries.export(commitment), f"traza-commitment-{commitment.id}.json")
