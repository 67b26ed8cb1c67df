"""The web edge of the agreed and adopted plans: one page per cycle, "Agreed and adopted",
and the forms that post to it."""
import base64

from flask import Blueprint, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required

from .. import pageasks
from ..accounts.forms import EmptyForm
from ..commitments.diff import words_diff
from ..commitments.forms import PlanImportForm
from ..commitments.services import importer
from ..core.args import TEXT, arg, query
from ..core.forms import sent_file
from ..core.views import actor, get_or_404, run
from ..extensions import db
from ..forums.models import Forum
from ..forums.queries import cycles
from ..uploads.limits import accepts_upload
from . import compare, deadlines, importing, labels, policy, queries, services
from .forms import AnswerForm, DissentForm, InstrumentForm, MatchForm, TextForm
from .models import Discrepancy, Instrument
from .services import agreed, official

bp = Blueprint("plans", __name__)


def _forums(cycle: str) -> list[Forum]:
    from ..dashboards.figures import cycle_forums
    found = cycle_forums(cycle)
    if not found:
        abort(404)
    return found


@bp.get("/cycles/<cycle>/agreed-adopted")
@query(kind=TEXT)
def cycle(cycle, forms=None, status=200):
    forums = _forums(cycle)
    c = queries.cycle_plans(forums, cycle)
    kind = arg("kind")
    if kind and kind not in labels.gap_labels():
        abort(404)
    forms = forms or {}
    suggestions = {fp.forum.id: compare.suggest([(i.id, i.version) for i in fp.items], fp.texts,
                                                set(fp.matches), set(fp.matches.values())) for fp in c.forums}
    return render_template(
        "plans/cycle.html", cycle=cycle, c=c, s=queries.survival(c), kind=kind, gaps=labels.gap_labels(),
        gap_help=labels.gap_help(compare.LATE_DAYS), late_days=compare.LATE_DAYS, kinds=labels.kind_labels(),
        fields=labels.field_labels(), states=labels.state_labels(), diff=words_diff, deadlines=deadlines,
        suggestions=suggestions, empty=EmptyForm(), may_answer=pageasks.ask(policy.answer_decisions, c.discrepancies),
        may_dissent=pageasks.ask(policy.dissent_decisions, c.discrepancies),
        may_sign_agreed=pageasks.ask(policy.sign_decisions, forums),  # asked, not read (forum/pageasks.py)
        instrument_form=forms.get("instrument") or InstrumentForm(prefix="instrument"),
        text_form=forms.get("text") or TextForm(prefix="text"),
        match_form=forms.get("match") or MatchForm(prefix="match"), failed=forms.get("failed"),
        answer_form=forms.get("answer") or AnswerForm(prefix="answer"),
        dissent_form=forms.get("dissent") or DissentForm(prefix="dissent"), cycles=cycles()), status


@bp.get("/forums/<int:forum_id>/agreed-adopted")
def for_forum(forum_id):
    """Where the trail's entries about a forum's plans lead: its part of the cycle's page."""
    forum = get_or_404(Forum, forum_id)
    return redirect(url_for("plans.cycle", cycle=forum.cycle, _anchor=f"forum-{forum.id}"))


@bp.get("/instruments/<int:instrument_id>")
def instrument(instrument_id):
    i = get_or_404(Instrument, instrument_id)
    return redirect(url_for("plans.cycle", cycle=i.cycle, _anchor="official"))


@bp.post("/forums/<int:forum_id>/agreed-plan/sign")
@login_required
def sign(forum_id):
    forum = get_or_404(Forum, forum_id)
    policy.may_sign_agreed(actor(), forum).require()
    if EmptyForm().validate_on_submit():
        plan = run(None, agreed.sign, actor(), forum)
        if plan:
            flash(_("Both co-chairs have signed: this is the plan as agreed.") if plan.agreed_at else
                  _("Signed. The plan is agreed once the other co-chair signs it too."), "success")
    return redirect(url_for("plans.cycle", cycle=forum.cycle, _anchor=f"forum-{forum.id}"))


@bp.post("/cycles/<cycle>/instruments")
@login_required
@accepts_upload
@query(kind=TEXT)  # re-renders cycle()
def record(cycle):
    _forums(cycle)
    policy.may_record_instrument(actor(), cycle).require()
    form = InstrumentForm(prefix="instrument")
    if form.validate_on_submit() and run(form, official.record, actor(), cycle, form.official(),
                                         form.pdf.data or None):
        flash(_("The official plan is recorded."), "success")
        return redirect(url_for("plans.cycle", cycle=cycle, _anchor="official"))
    return _again(cycle, "instrument", form)


@bp.post("/instruments/<int:instrument_id>/texts")
@login_required
@query(kind=TEXT)
def add_text(instrument_id):
    instrument = get_or_404(Instrument, instrument_id)
    form = TextForm(prefix="text")
    if form.validate_on_submit():
        forum = db.session.get(Forum, form.forum.number) if form.forum.number else None
        if run(form, official.add_text, actor(), instrument, forum, form.text()):
            flash(_("The adopted text is recorded."), "success")
            return redirect(url_for("plans.cycle", cycle=instrument.cycle, _anchor=f"forum-{forum.id}"))
    return _again(instrument.cycle, "text", form)


@bp.post("/forums/<int:forum_id>/plan-matches")
@login_required
@query(kind=TEXT)
def match(forum_id):
    forum = get_or_404(Forum, forum_id)
    policy.may_match(actor(), forum).require()
    form = MatchForm(prefix="match")
    if form.validate_on_submit() and run(form, services.match, actor(), forum, form.agreed.number,
                                         form.adopted.number):
        flash(_("Matched."), "success")
        return redirect(url_for("plans.cycle", cycle=forum.cycle, _anchor=f"forum-{forum.id}"))
    return _again(forum.cycle, "match", form)


@bp.post("/forums/<int:forum_id>/plan-comparison")
@login_required
def publish(forum_id):
    forum = get_or_404(Forum, forum_id)
    policy.may_publish(actor(), forum).require()
    if EmptyForm().validate_on_submit():
        found = run(None, services.publish, actor(), forum)
        if found:
            flash(_("The comparison is published: each discrepancy now awaits the State's reasoned answer."),
                  "success")
    return redirect(url_for("plans.cycle", cycle=forum.cycle, _anchor=f"forum-{forum.id}"))


@bp.post("/discrepancies/<int:discrepancy_id>/answer")
@login_required
@query(kind=TEXT)
def answer(discrepancy_id):
    return _on_discrepancy(discrepancy_id, policy.may_answer, AnswerForm(prefix="answer"), "answer",
                           services.answer, lambda f: f.answer.data, _("Your answer is published."))


@bp.post("/discrepancies/<int:discrepancy_id>/dissent")
@login_required
@query(kind=TEXT)
def dissent(discrepancy_id):
    return _on_discrepancy(discrepancy_id, policy.may_dissent, DissentForm(prefix="dissent"), "dissent",
                           services.dissent, lambda f: f.reason.data, _("Your dissent is published."))


def _on_discrepancy(discrepancy_id, may, form, name, service, text, done):
    """A reasoned text on one discrepancy (the State's answer, a dissent): the predicate's
    refusal first, then the reason beside the field or the page at the discrepancy."""
    d = get_or_404(Discrepancy, discrepancy_id)
    may(actor(), d).require()
    if form.validate_on_submit() and run(form, service, actor(), d, text(form)):
        flash(done, "success")
        return redirect(url_for("plans.cycle", cycle=d.forum.cycle, _anchor=f"d-{d.id}"))
    return _again(d.forum.cycle, name, form, d.id)


@bp.route("/instruments/<int:instrument_id>/forums/<int:forum_id>/import", methods=["GET", "POST"])
@login_required
def import_texts(instrument_id, forum_id):
    """Send the official plan's file, read the dry run (each row beside the agreed commitment it
    would likely match, each refused row with its reason), then import it."""
    instrument, forum = get_or_404(Instrument, instrument_id), get_or_404(Forum, forum_id)
    policy.may_add_text(actor(), instrument, forum).require()
    form = PlanImportForm()
    plan, lines, confirm = None, [], False
    if form.validate_on_submit():
        data, name = sent_file(form)
        if data is None:
            form.file.errors = [*form.file.errors, _("Choose the action plan file to send.")]
        else:
            plan = importer.read(data, name)
            confirm = bool(form.content.data)
            if confirm and plan.ok and run(form, importing.run, actor(), instrument, forum, plan):
                flash(_("The official plan's commitments are recorded."), "success")
                return redirect(url_for("plans.cycle", cycle=forum.cycle, _anchor=f"forum-{forum.id}"))
            lines = importing.preview(instrument, forum, plan)
            form.content.data = base64.b64encode(data).decode()
            form.filename.data = plan.filename
    return render_template("plans/import.html", instrument=instrument, forum=forum, form=form, plan=plan,
                           lines=lines, kinds=labels.kind_labels()), 400 if plan is not None and not plan.ok else 200


def _again(cycle_name, name, form, failed=None):
    """The page again with what was typed and the reason beside the field."""
    return cycle(cycle_name, {name: form, "failed": failed}, 400)
