import csv
import io
from datetime import timedelta

from flask import Blueprint, Response, abort, current_app, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import get_locale, to_user_timezone, to_utc
from flask_babel import gettext as _
from flask_login import login_required
from markupsafe import Markup

from .. import pageasks
from ..commitments.labels import how_labels
from ..commitments.models import Commitment
from ..commitments.queries import commitment_choices, shaped_by_comments, titles
from ..commitments.services import links as commitment_links
from ..core import spreadsheet
from ..core.args import FLAG, TEXT, arg, query
from ..core.clock import utcnow
from ..core.forms import NAMES_NOTHING, options
from ..core.lookup import get_optional
from ..core.views import actor, get_or_404, run
from ..extensions import db
from ..forums.labels import influence_labels
from ..forums.models import Forum
from ..forums.names import names_for
from ..i18n import resolve
from ..organisations.labels import participant_labels
from ..organisations.models import Organisation
from ..organisations.queries import acting_organisations
from ..trail.cache import remembered
from ..trail.queries import filtered
from . import comment_list as comment_lists
from . import policy, public, queries, report, response_queries, services
from .forms import AnswerForm, CommentForm, ConcludeForm, HideForm, OpenForm
from .labels import answer_labels, audience_labels, phase_labels, promise_examples, section_labels, visibility_labels
from .models import Consultation

bp = Blueprint("consultations", __name__)


def _labels() -> dict:
    tables = dict(phases=phase_labels(), audiences=audience_labels(), visibilities=visibility_labels(),
                  answers=answer_labels(), sections=section_labels(), groups=participant_labels(), hows=how_labels(),
                  levels=influence_labels())
    return {name: resolve(table) for name, table in tables.items()}


@bp.get("/forums/<int:forum_id>/consultations")
def index(forum_id):
    forum = get_or_404(Forum, forum_id)
    return render_template("consultations/index.html", forum=forum, items=queries.for_forum(forum), now=utcnow(),
                           **_labels())


@bp.route("/forums/<int:forum_id>/consultations/new", methods=["GET", "POST"])
@login_required
def new(forum_id):
    forum = get_or_404(Forum, forum_id)
    policy.may_open(actor(), forum).require()
    form = OpenForm()
    form.commitment.choices = commitment_choices(forum, show_version=True)
    if request.method == "GET":
        start = to_user_timezone(utcnow()).replace(hour=9, minute=0, second=0, microsecond=0) + timedelta(days=15)
        form.starts_at.data = start.replace(tzinfo=None)
        form.ends_at.data = (start + timedelta(days=21)).replace(tzinfo=None)
        form.promise.data = str(promise_examples()["consult"])
    if form.validate_on_submit():
        c = run(form, services.open_consultation, actor(), forum, title=form.title.data,
                introduction=form.introduction.data, starts_at=to_utc(form.starts_at.data),
                ends_at=to_utc(form.ends_at.data), audience=form.audience.data, visibility=form.visibility.data,
                promise_level=form.promise_level.data, promise=form.promise.data,
                draft=form.draft.data, body=form.body.data, commitment=get_optional(Commitment, form.commitment.data),
                accept_short_notice=form.accept_short_notice.data)
        if c:
            flash(_("The consultation is published with its period and promise."), "success")
            return redirect(url_for("consultations.show", consultation_id=c.id))
    return render_template("consultations/new.html", form=form, forum=forum,
                           promises={k: str(v) for k, v in promise_examples().items()}), 400 if form.errors else 200


def _page(c: Consultation, comment_form=None, status=200, hiding=None):
    """`hiding`: (comment id, HideForm) refused, to show again open with its error."""
    now = utcnow()
    # Shared between readers with the same answers: the reader is asked about only through
    # pageasks (forum/pageasks.py); the comment list, through whose comments they are shown.
    viewer = pageasks.reader()
    pageasks.ask(queries.comments_seen, c)
    unanswered = arg("unanswered")
    phase = c.phase(now)
    can_comment = pageasks.ask(policy.may_comment, c)
    if can_comment and comment_form is None:
        comment_form = CommentForm()
    if comment_form is not None:
        _comment_choices(comment_form, c)
    chair = pageasks.ask(policy.may_chair, c)
    answerable = pageasks.ask(policy.may_answer, c)
    published = public.published(c, now)
    labels = _labels()
    comment_list = comment_lists.rendered(
        c, viewer, now, limit=INLINE, wanted=arg("all"), unanswered=unanswered, published=published,
        hiding=hiding, context={"phase": phase, "chair": chair, "answerable": answerable, **labels})
    activity = list(db.session.scalars(filtered(subject=("consultation", c.id)).limit(200)))
    return render_template(
        "consultations/show.html", c=c, phase=phase, now=now, comment_list=comment_list,
        published=published, form=comment_form,
        can_comment=can_comment, chair=chair, answerable=answerable,
        unanswered=unanswered, hiding=hiding,
        short=services.notice_warnings(c.forum, c.starts_at, c.ends_at, c.created_at),
        promise=report.promise_kept(c, now), conclude_form=ConcludeForm() if chair else None,
        commitment_title=titles([c.commitment]).get(c.commitment_id) if c.commitment_id else None,
        activity=activity, names=names_for(activity), hide_forum=True, **labels), status


INLINE = 10  # comments shown under each paragraph before "show all"


def _comment_choices(form, c):
    form.paragraph.choices = options([("", _("The whole document"))] + [
        (p.number, _("Paragraph %(n)d", n=p.number)) for p in c.paragraphs])
    form.organisation.choices = options([("", _("Myself"))] + [
        (o.id, o.name) for o in pageasks.ask(acting_organisations)])


@bp.get("/consultations/<int:consultation_id>")
@query(unanswered=FLAG, all=TEXT)
def show(consultation_id):
    return _page(get_or_404(Consultation, consultation_id))


@bp.post("/consultations/<int:consultation_id>/comments")
@login_required
@query(unanswered=FLAG, all=TEXT)  # re-renders _page()
def comment(consultation_id):
    c = get_or_404(Consultation, consultation_id)
    form = CommentForm()
    if form.validate_on_submit():
        paragraph, organisation = form.paragraph.number, get_optional(Organisation, form.organisation.data)
        if form.organisation.data and organisation is None:
            form.organisation.errors = [NAMES_NOTHING]
        else:
            row = run(form, services.comment, actor(), c, form.body.data, paragraph, form.suggestion.data,
                      organisation)
            if row:
                flash(_("Your comment was received. The co-chairs owe it a public, reasoned response."), "success")
                return redirect(url_for("consultations.show", consultation_id=c.id, all=paragraph or "doc")
                                + f"#c{row.id}")
    return _page(c, form, 400)


@bp.route("/consultations/<int:consultation_id>/comments/<int:comment_id>/answer", methods=["GET", "POST"])
@login_required
def answer(consultation_id, comment_id):
    c = get_or_404(Consultation, consultation_id)
    row = queries.comment_in(c, comment_id)
    if row is None:
        abort(404)
    policy.may_chair(actor(), c).require()
    form = AnswerForm()
    form.commitment.choices = commitment_choices(c.forum, _("— none —"), show_version=True)
    if request.method == "GET" and row.answer:
        form.outcome.data = row.answer
    if form.validate_on_submit():
        target = get_optional(Commitment, form.commitment.data)
        if form.commitment.data and target is None:
            form.commitment.errors = [_("There is no such commitment.")]
        elif run(form, commitment_links.answer_and_link, actor(), row, form.outcome.data, form.reason.data, target,
                 form.how.data, form.explanation.data):
            flash(_("The response is published and the participant is notified."), "success")
            return redirect(url_for("consultations.show", consultation_id=c.id, all=row.paragraph or "doc")
                            + f"#c{row.id}")
    paragraph = next((p for p in c.paragraphs if p.number == row.paragraph), None)
    return render_template("consultations/answer.html", c=c, comment=row, paragraph=paragraph, form=form,
                           history=response_queries.history([row.id]).get(row.id, []), phase=c.phase(utcnow()),
                           **_labels()), 400 if form.errors else 200


@bp.post("/consultations/<int:consultation_id>/comments/<int:comment_id>/hide")
@login_required
@query(unanswered=FLAG, all=TEXT)  # re-renders _page()
def hide(consultation_id, comment_id):
    c = get_or_404(Consultation, consultation_id)
    row = queries.comment_in(c, comment_id)
    if row is None:
        abort(404)
    policy.may_chair(actor(), c).require()
    form = HideForm(prefix=f"hide-{row.id}")
    if form.validate_on_submit() and run(form, services.hide_comment, actor(), row, form.reason.data):
        flash(_("The comment is hidden; its reason is public."), "success")
        return redirect(url_for("consultations.show", consultation_id=c.id, all=row.paragraph or "doc") + f"#c{row.id}")
    return _page(c, status=400, hiding=(row.id, form))


@bp.post("/consultations/<int:consultation_id>/conclude")
@login_required
def conclude(consultation_id):
    c = get_or_404(Consultation, consultation_id)
    form = ConcludeForm()
    if form.validate_on_submit() and run(None, services.conclude, actor(), c, form.confirm.data):
        flash(_("The consultation is concluded and its report is final."), "success")
        return redirect(url_for("consultations.report_page", consultation_id=c.id))
    return redirect(url_for("consultations.show", consultation_id=c.id) + "#conclude")


def _report(c, now) -> dict:
    """The report's data, built once per state of the record and moment (trail/cache.py)."""
    return remembered(("consultation-report", c.id, report.moment(c, now)),
                      lambda: report.build(c, now, shaped_by_comments))


@bp.get("/consultations/<int:consultation_id>/report")
def report_page(consultation_id):
    c = get_or_404(Consultation, consultation_id)
    now = utcnow()
    data, labels = _report(c, now), _labels()
    # The partial is rendered straight from the Jinja environment: render_template would run
    # the context processors (the footer's trail head, a visitor's inbox counts) for a
    # fragment that shows none of them.
    partial = current_app.jinja_env.get_template("consultations/_report_comments.html")
    table = remembered(("consultation-report-table", c.id, report.moment(c, now), str(get_locale())),
                       lambda: Markup(partial.render(data=data, **labels)))
    return render_template("consultations/report.html", c=c, phase=c.phase(now), data=data, comments_table=table,
                           commitment_title=titles([c.commitment]).get(c.commitment_id) if c.commitment_id else None,
                           **labels)


@bp.get("/consultations/<int:consultation_id>/report.csv")
def report_csv(consultation_id):
    c = get_or_404(Consultation, consultation_id)
    out = io.StringIO()
    csv.writer(out).writerows(spreadsheet.rows(report.csv_rows(_report(c, utcnow()))))
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv",  # BOM: spreadsheets read UTF-8 accents
                    headers={"Content-Disposition": f'attachment; filename="consultation-{c.id}.csv"'})


@bp.get("/consultations/<int:consultation_id>/report.json")
def report_json(consultation_id):
    c = get_or_404(Consultation, consultation_id)
    return jsonify(report.as_json(c, _report(c, utcnow())))
