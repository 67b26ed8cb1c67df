from flask import Blueprint, abort, current_app, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from .. import pageasks
from ..accounts.models import User
from ..core.args import PAGE, TEXT, arg, query
from ..core.errors import DomainError
from ..core.forms import options
from ..core.lookup import get_optional
from ..core.views import actor, get_or_404, run
from ..extensions import db
from ..organisations.labels import group_labels
from ..organisations.models import Organisation
from ..trail.versions import front_news
from . import policy, queries, services
from .forms import (
    ChairForm,
    DeadlineForm,
    ForumForm,
    MemberForm,
    RemoveForm,
    SessionRulesForm,
    StatusForm,
    quorum_labels,
)
from .labels import influence_labels, role_labels, status_labels
from .models import Forum, Seat
from .names import names_for

bp = Blueprint("forums", __name__, url_prefix="/forums")


@bp.get("/")
@query(sector=TEXT, cycle=TEXT, status=TEXT, page=PAGE)
def index():
    args = {k: arg(k) or None for k in ("sector", "cycle", "status")}
    page = db.paginate(queries.list_forums(**args), page=arg("page"), per_page=current_app.config["PAGE_SIZE"],
                       error_out=False)
    return render_template("forums/index.html", page=page, args=args, filters=queries.filter_values(),
                           counts=queries.seat_counts([f.id for f in page.items]),
                           statuses=status_labels(), influence=influence_labels())


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    policy.may_create_forum(actor()).require()
    form = ForumForm()
    if form.validate_on_submit():
        forum = run(form, services.create_forum, actor(), sector=form.sector.data, cycle=form.cycle.data,
                    title=form.title.data, description=form.description.data,
                    terms_of_reference=form.terms_of_reference.data,
                    influence_target=form.influence_target.data)
        if forum:
            flash(_("Forum created as a draft. Appoint both co-chairs so they can open it."), "success")
            return redirect(url_for("forums.show", forum_id=forum.id))
    return render_template("forums/new.html", form=form), 400 if form.errors else 200


@bp.get("/<int:forum_id>")
def show(forum_id):
    forum = get_or_404(Forum, forum_id)
    return _render_show(forum, _forms(forum))


def _forms(forum) -> dict:
    """The management forms the reader may see on the forum page, each asked of its policy
    through pageasks (forum/pageasks.py): the page is shared with readers answering the same."""
    forms = {}
    if pageasks.ask(policy.may_appoint_chair, forum):
        forms["chair"] = ChairForm(prefix="chair")
        forms["chair"].candidate.choices = _candidate_choices(forum)
    if pageasks.ask(policy.may_add_member, forum):
        forms["member"] = MemberForm(prefix="member")
        forms["member"].candidate.choices = _candidate_choices(forum)
    if pageasks.ask(policy.may_change_status, forum):
        forms["status"] = StatusForm(prefix="status")
    if pageasks.ask(policy.may_remove_member, forum):
        forms["remove"] = RemoveForm(prefix="remove")
    if pageasks.ask(policy.may_change_settings, forum):
        forms["deadline"] = DeadlineForm(prefix="deadline", days=forum.response_deadline_days)
        forms["session_rules"] = SessionRulesForm(prefix="session_rules", notice_days=forum.session_notice_days,
                                                  quorum_rule=forum.quorum_rule)
    return forms


def _render_show(forum, forms, status=200):
    activity = front_news(limit=10, forum_id=forum.id)  # not the busy acts: trail/versions.py
    from ..sessions.queries import upcoming_and_past
    upcoming, past = upcoming_and_past(forum)
    return render_template(
        "forums/show.html", forum=forum, forms=forms,
        upcoming=upcoming[:3], past=past[:3], quorum_rules=quorum_labels(),
        comp=queries.composition(forum), groups=group_labels(), roles=role_labels(),
        statuses=status_labels(), influence=influence_labels(),
        activity=activity, names=names_for(activity), hide_forum=True,
    ), status


def _candidate_choices(forum):
    return options([("", "—")] + [(f"{u.id}:{o.id}", f"{u.display_name} — {o.name}")
                                  for u, o in queries.candidates(forum)])


def _candidate(form):
    """Resolve 'user:org' to objects; a forged or stale value becomes a field error."""
    user_id, _sep, org_id = (form.candidate.data or "").partition(":")
    user, org = get_optional(User, user_id), get_optional(Organisation, org_id)
    if user is None or org is None:
        raise DomainError(_("Choose a person and the organisation they represent."), "candidate")
    return user, org


def _manage(forum_id, form_cls, prefix, do, success, allowed, choices=False):
    """Shared POST handling for the management forms on the forum page. A person the
    policy refuses gets its reason before any form error."""
    forum = get_or_404(Forum, forum_id)
    user = actor()
    allowed(user, forum).require()
    form = form_cls(prefix=prefix)
    if choices:
        form.candidate.choices = _candidate_choices(forum)
    if form.validate_on_submit() and run(form, do, forum, form):
        flash(success, "success")
        return redirect(url_for("forums.show", forum_id=forum.id))
    forms = _forms(forum)
    forms[prefix] = form
    return _render_show(forum, forms, 400)


@bp.post("/<int:forum_id>/chairs")
@login_required
def appoint_chair(forum_id):
    def do(forum, form):
        user, org = _candidate(form)
        return services.appoint_chair(actor(), forum, form.role.data, user, org)
    return _manage(forum_id, ChairForm, "chair", do, _("Co-chair appointed."), policy.may_appoint_chair, choices=True)


@bp.post("/<int:forum_id>/members")
@login_required
def add_member(forum_id):
    def do(forum, form):
        user, org = _candidate(form)
        return services.add_member(actor(), forum, user, org)
    return _manage(forum_id, MemberForm, "member", do, _("Member added."), policy.may_add_member, choices=True)


@bp.post("/<int:forum_id>/members/<int:seat_id>/remove")
@login_required
def remove_member(forum_id, seat_id):
    seat = get_or_404(Seat, seat_id)
    if seat.forum_id != forum_id:
        abort(404)
    return _manage(forum_id, RemoveForm, "remove",
                   lambda forum, form: services.remove_member(actor(), forum, seat, form.reason.data),
                   _("Member removed."), policy.may_remove_member)


@bp.post("/<int:forum_id>/status")
@login_required
def change_status(forum_id):
    return _manage(forum_id, StatusForm, "status",
                   lambda forum, form: services.change_status(actor(), forum, form.status.data, form.reason.data),
                   _("Forum status changed."), policy.may_change_status)


@bp.post("/<int:forum_id>/session-rules")
@login_required
def set_session_rules(forum_id):
    return _manage(forum_id, SessionRulesForm, "session_rules",
                   lambda forum, form: services.set_session_rules(actor(), forum, form.notice_days.data,
                                                                   form.quorum_rule.data),
                   _("Session rules saved."), policy.may_change_settings)


@bp.post("/<int:forum_id>/deadline")
@login_required
def set_deadline(forum_id):
    return _manage(forum_id, DeadlineForm, "deadline",
                   lambda forum, form: services.set_response_deadline(actor(), forum, form.days.data),
                   _("Response deadline saved."), policy.may_change_settings)
