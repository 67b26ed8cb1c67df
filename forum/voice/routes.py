"""The web edge of the voice area: seat requests, facilitators, workshops, targets and an
organisation's region. Every form re-renders beside its own reasons on a small page of its
own (templates/voice/form.html); the forum and cycle pages show the panel and the figures
through `voice_panel` and `voice_figures` (templates/voice/_forum.html, _figures.html)."""
from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select

from .. import pageasks
from ..accounts.models import User
from ..consultations.models import Consultation
from ..core.forms import options
from ..core.views import actor, get_or_404, run
from ..extensions import db
from ..forums.models import Forum
from ..organisations.models import Organisation, OrgStatus
from ..organisations.queries import acting_organisations
from ..uploads.limits import accepts_upload
from . import figures, policy, queries, services
from .forms import (
    FacilitatorForm,
    OrgRegionForm,
    RecordedCommentForm,
    RecordedInputForm,
    RefuseForm,
    SeatRequestForm,
    TargetForm,
    WorkshopForm,
)
from .labels import channel_labels, dimension_labels, group_labels, region_labels, request_labels
from .models import Facilitator, SeatRequest, Workshop
from .services import recorded_comments, workshops

bp = Blueprint("voice", __name__)
# A global too, for fragments rendered straight from the Jinja environment without the
# context processors (the consultation report's comment table).
bp.add_app_template_global(channel_labels, "voice_channels")


@bp.app_context_processor
def _panel():
    return {"voice_panel": panel, "voice_figures": figures_for, "voice_channels": channel_labels,
            "voice_regions": region_labels, "voice_recorded": recorded,
            "voice_may_record_comment": lambda c: bool(pageasks.ask(policy.may_record_comment, c)),
            "voice_recorded_comments": recorded_comments.of_comments}


def recorded(p):
    """How a proposal was recorded at a workshop, or None (one statement, on its page only)."""
    return queries.recorded_for([p.id]).get(p.id)


def figures_for(forum_ids, with_targets=False) -> dict:
    """The figures and their charts for a page (templates/voice/_figures.html)."""
    v = figures.for_forums(list(forum_ids), with_targets=with_targets)
    return {"v": v, "charts": charts(v), "dimensions": dimension_labels(), "labels": group_labels,
            "small": figures.SMALL}


def charts(v: figures.Voice) -> dict:
    """Bars of inputs received per group, for templates/_charts.html: a group of fewer than
    five people has no bar (its row in the table says "fewer than 5")."""
    out = {}
    for dim, rows in v.by.items():
        labels = group_labels(dim)
        shown = [r for r in rows if not r.small]
        top = max((r.received for r in shown), default=0)
        out[dim] = [(f"v-{r.group}", str(labels.get(r.group, r.group)), r.received, r.received / top)
                    for r in shown if r.received]
    return out


def panel(forum: Forum) -> dict:
    """What the forum page shows of this area, and the forms this person may use: asked
    through pageasks (forum/pageasks.py), so the forum page is shared with every reader who
    answers the same, never read from actor()."""
    forms = {}
    if pageasks.ask(policy.may_request_seat, forum):
        forms["request"] = _seat_form(pageasks.ask(acting_organisations))
    if pageasks.ask(policy.may_appoint_facilitator, forum):
        forms["facilitator"] = FacilitatorForm(prefix="facilitator")
    if pageasks.ask(policy.may_set_target, forum):
        forms["target"] = TargetForm(prefix="target")
    chair = bool(pageasks.ask(policy.forums.is_chair, forum))
    return {"figures": figures_for([forum.id], with_targets=True), "forms": forms, "chair": chair,
            "requests": queries.requests(forum), "facilitators": queries.facilitators(forum),
            "workshops": queries.workshops(forum), "may_record": bool(pageasks.ask(policy.may_record_workshop, forum)),
            "refuse_form": RefuseForm(prefix="refuse") if chair else None,
            "request_labels": request_labels(), "regions": region_labels()}


def _request_form(user):
    return _seat_form(acting_organisations(user))


def _seat_form(organisations) -> SeatRequestForm:
    form = SeatRequestForm(prefix="request")
    form.organisation.choices = [(str(o.id), o.name) for o in organisations]
    return form


def _form_page(form, title: str, action: str, back, status=400, **extra):
    return render_template("voice/form.html", form=form, title=title, action=action, back=back, **extra), status


@bp.post("/forums/<int:forum_id>/seat-requests")
@login_required
def request_seat(forum_id):
    forum = get_or_404(Forum, forum_id)
    policy.may_request_seat(actor(), forum).require()
    form = _request_form(actor())
    if form.validate_on_submit() and run(form, services.request_seat, actor(), forum,
                                         _own_org(form.organisation.number), form.motivation.data):
        flash(_("Your request was sent to the co-chairs."), "success")
        return redirect(url_for("forums.show", forum_id=forum.id) + "#seat-requests")
    return _form_page(form, _("Ask for a seat"), url_for("voice.request_seat", forum_id=forum.id), forum)


def _own_org(org_id):
    """The organisation named, if the person acts for it (the service says why not otherwise)."""
    return next((o for o in acting_organisations(actor()) if o.id == org_id), None)


def _request(request_id) -> SeatRequest:
    return get_or_404(SeatRequest, request_id)


@bp.post("/seat-requests/<int:request_id>/grant")
@login_required
def grant_seat(request_id):
    req = _request(request_id)
    policy.may_decide_request(actor(), req).require()
    if run(None, services.grant_seat, actor(), req):
        flash(_("Seat granted."), "success")
    return redirect(url_for("forums.show", forum_id=req.forum_id) + "#seat-requests")


@bp.post("/seat-requests/<int:request_id>/refuse")
@login_required
def refuse_seat(request_id):
    req = _request(request_id)
    policy.may_decide_request(actor(), req).require()
    form = RefuseForm(prefix="refuse")
    if form.validate_on_submit() and run(form, services.refuse_seat, actor(), req, form.reason.data):
        flash(_("Request refused; the reason is public."), "success")
        return redirect(url_for("forums.show", forum_id=req.forum_id) + "#seat-requests")
    return _form_page(form, _("Refuse the request of %(org)s", org=req.organisation.name),
                      url_for("voice.refuse_seat", request_id=req.id), req.forum)


@bp.post("/forums/<int:forum_id>/facilitators")
@login_required
def appoint_facilitator(forum_id):
    forum = get_or_404(Forum, forum_id)
    policy.may_appoint_facilitator(actor(), forum).require()
    form = FacilitatorForm(prefix="facilitator")
    if form.validate_on_submit():
        user = db.session.scalar(select(User).where(User.email == (form.email.data or "").strip().lower()))
        if user is None:
            form.email.errors = [_("Nobody has an account with this e-mail.")]
        elif run(form, services.appoint_facilitator, actor(), forum, user):
            flash(_("Facilitator appointed."), "success")
            return redirect(url_for("forums.show", forum_id=forum.id) + "#facilitators")
    return _form_page(form, _("Appoint a facilitator"), url_for("voice.appoint_facilitator", forum_id=forum.id),
                      forum)


@bp.post("/forums/<int:forum_id>/facilitators/<int:facilitator_id>/end")
@login_required
def end_facilitator(forum_id, facilitator_id):
    forum = get_or_404(Forum, forum_id)
    f = get_or_404(Facilitator, facilitator_id)
    policy.may_end_facilitator(actor(), forum).require()
    if run(None, services.end_facilitator, actor(), forum, f):
        flash(_("The facilitator's appointment ended."), "success")
    return redirect(url_for("forums.show", forum_id=forum.id) + "#facilitators")


@bp.post("/forums/<int:forum_id>/voice-targets")
@login_required
def set_target(forum_id):
    forum = get_or_404(Forum, forum_id)
    policy.may_set_target(actor(), forum).require()
    form = TargetForm(prefix="target")
    if form.validate_on_submit() and run(form, services.set_target, actor(), forum, dimension=form.dimension.data,
                                         group=(form.group.data or "").strip(), outside=form.outside.data,
                                         percent=form.percent.data):
        flash(_("Target saved."), "success")
        return redirect(url_for("forums.show", forum_id=forum.id) + "#voice")
    return _form_page(form, _("Set a participation target"), url_for("voice.set_target", forum_id=forum.id), forum)


def _workshop_form():
    form = WorkshopForm()
    form.organisations.choices = [(str(o.id), o.name) for o in db.session.scalars(
        select(Organisation).where(Organisation.status == OrgStatus.VERIFIED).order_by(Organisation.name))]
    return form


@bp.route("/forums/<int:forum_id>/workshops/new", methods=["GET", "POST"])
@login_required
def new_workshop(forum_id):
    forum = get_or_404(Forum, forum_id)
    policy.may_record_workshop(actor(), forum).require()
    form = _workshop_form()
    if form.validate_on_submit():
        chosen = [int(i) for i in form.organisations.data or []]
        orgs = list(db.session.scalars(select(Organisation).where(Organisation.id.in_(chosen)))) if chosen else []
        w = run(form, workshops.record_workshop, actor(), forum, place=form.place.data, held_on=form.held_on.data,
                region=form.region.data, attendance=form.attendance.data, organisations=orgs)
        if w:
            flash(_("Workshop recorded. Now record its inputs, one sheet at a time."), "success")
            return redirect(url_for("voice.workshop", workshop_id=w.id))
    return _form_page(form, _("Record a workshop held elsewhere"), url_for("voice.new_workshop", forum_id=forum.id),
                      forum, 400 if form.errors else 200, multipart=False)


@bp.get("/workshops/<int:workshop_id>")
def workshop(workshop_id):
    w = get_or_404(Workshop, workshop_id)
    form = _input_form(w) if policy.may_record_workshop(actor(), w.forum) else None
    return _workshop_page(w, form)


def _workshop_page(w, form, status=200):
    return render_template("voice/workshop.html", w=w, form=form, inputs=queries.recorded(w),
                           regions=region_labels(), channels=channel_labels()), status


def _input_form(w):
    form = RecordedInputForm()
    form.organisation.choices = [("", "—")] + [(str(o.organisation_id), o.organisation.name) for o in w.organisations]
    return form


@bp.post("/workshops/<int:workshop_id>/inputs")
@login_required
@accepts_upload
def record_input(workshop_id):
    w = get_or_404(Workshop, workshop_id)
    policy.may_record_workshop(actor(), w.forum).require()
    form = _input_form(w)
    if form.validate_on_submit():
        org = next((o.organisation for o in w.organisations if o.organisation_id == form.organisation.number), None)

        p = run(form, workshops.record_input, actor(), w, org, title=form.title.data, text=form.text.data,
                witness=form.witness.data, channel=form.channel.data, sheet=form.sheet.data)
        if p:
            flash(_("Input recorded. It is owed a reasoned response like any other."), "success")
            return redirect(url_for("voice.workshop", workshop_id=w.id))
    return _workshop_page(w, form, 400)


@bp.post("/organisations/<int:org_id>/region")
@login_required
def set_org_region(org_id):
    org = get_or_404(Organisation, org_id)
    policy.may_set_org_region(actor(), org).require()
    form = OrgRegionForm(prefix="region")
    if form.validate_on_submit() and run(form, services.set_org_region, actor(), org, form.region.data):
        flash(_("Region saved."), "success")
        return redirect(url_for("organisations.show", org_id=org.id))
    return _form_page(form, _("Where %(org)s works from", org=org.name),
                      url_for("voice.set_org_region", org_id=org.id), None)


def _comment_form(c):
    form = RecordedCommentForm()
    form.organisation.choices = options([("", "—")] + [(o.id, o.name) for o in db.session.scalars(
        select(Organisation).where(Organisation.status == OrgStatus.VERIFIED).order_by(Organisation.name))])
    form.paragraph.choices = options([("", _("The whole document"))] + [
        (p.number, _("Paragraph %(n)d", n=p.number)) for p in c.paragraphs])
    return form


@bp.route("/consultations/<int:consultation_id>/recorded-comments", methods=["GET", "POST"])
@login_required
@accepts_upload
def record_comment(consultation_id):
    """A facilitator of the consultation's forum records a comment made at a workshop or on paper."""
    c = get_or_404(Consultation, consultation_id)
    policy.may_record_comment(actor(), c).require()
    form = _comment_form(c)
    if form.validate_on_submit():
        org = db.session.get(Organisation, form.organisation.number) if form.organisation.number else None
        row = run(form, recorded_comments.record_comment, actor(), c, org, text=form.text.data,
                  made_on=form.made_on.data, region=form.region.data, witness=form.witness.data,
                  channel=form.channel.data, sheet=form.sheet.data, paragraph=form.paragraph.number)
        if row:
            flash(_("Comment recorded, with its channel. It is owed a reasoned response like any other."), "success")
            return redirect(url_for("consultations.show", consultation_id=c.id) + f"#c{row.id}")
    return _form_page(form, _("Record a comment made at a workshop or on paper"),
                      url_for("voice.record_comment", consultation_id=c.id), c.forum,
                      400 if form.errors else 200, multipart=True)
