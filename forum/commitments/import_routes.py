"""Importing a published action plan: send the file, read the dry run (what would be
created, each refused row with its reason), then import it; the domain is importer.py."""
import base64

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_required

from ..core.forms import sent_file
from ..core.views import actor, get_or_404, run
from ..forums.models import Forum
from . import policy
from .forms import PlanImportForm
from .services import importer

bp = Blueprint("plan_import", __name__)


@bp.route("/forums/<int:forum_id>/commitments/import", methods=["GET", "POST"])
@login_required
def upload(forum_id):
    forum = get_or_404(Forum, forum_id)
    may = policy.may_draft(actor(), forum)
    if request.method == "GET" or (not may and may.forbidden):
        may.require()  # a stranger learns only that; the forum's state is said next to the file
    form = PlanImportForm()
    plan, confirm = None, False
    if form.validate_on_submit():
        data, name = sent_file(form)
        if data is None:
            form.file.errors = [*form.file.errors, _("Choose the action plan file to send.")]
        else:
            plan = importer.read(data, name)
            confirm = bool(form.content.data)
            if confirm and run(form, importer.import_plan, actor(), forum, plan):
                flash(ngettext("%(num)d draft commitment imported; the trail records the file's SHA-256 %(sha)s.",
                               "%(num)d draft commitments imported; the trail records the file's SHA-256 %(sha)s.",
                               len(plan.created), sha=plan.sha256[:16] + "…"), "success")
                return redirect(url_for("commitments.index", forum_id=forum.id))
            if not confirm:
                run(form, importer.run, actor(), forum, plan, dry_run=True)  # checks, then rolls back
            form.content.data = base64.b64encode(data).decode()
            form.filename.data = plan.filename
    refused = bool(form.errors) or (plan is not None and not plan.ok)
    return render_template("commitments/import.html", forum=forum, form=form, plan=plan, confirm=confirm), \
        400 if refused else 200


