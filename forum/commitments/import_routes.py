"""Importing a published action plan: send the file, read the dry run (what would be
created, each refused row with its reason), then import it; the domain is importer.py."""
import base64
import binascii

from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import login_required

from ..core.views import actor, get_or_404
from ..extensions import db
from ..forums.models import Forum
from . import importer, policy
from .forms import PlanImportForm

bp = Blueprint("plan_import", __name__)


@bp.route("/forums/<int:forum_id>/commitments/import", methods=["GET", "POST"])
@login_required
def upload(forum_id):
    forum = get_or_404(Forum, forum_id)
    policy.may_draft(actor(), forum).require()
    form = PlanImportForm()
    plan, confirm = None, False
    if form.validate_on_submit():
        data, name = sent(form)
        if data is None:
            form.file.errors = [*form.file.errors, _("Choose the action plan file to send.")]
        else:
            plan = importer.read(data, name)
            confirm = bool(form.content.data)
            plan = importer.run(actor(), forum, plan, dry_run=not confirm)
            if confirm and plan.ok:
                db.session.commit()
                flash(ngettext("%(num)d draft commitment imported; the trail records the file's SHA-256 %(sha)s.",
                               "%(num)d draft commitments imported; the trail records the file's SHA-256 %(sha)s.",
                               len(plan.created), sha=plan.sha256[:16] + "…"), "success")
                return redirect(url_for("commitments.index", forum_id=forum.id))
            form.content.data = base64.b64encode(data).decode()
            form.filename.data = plan.filename
    return render_template("commitments/import.html", forum=forum, form=form, plan=plan, confirm=confirm), 400 if (
        plan is not None and not plan.ok) else 200


def sent(form: PlanImportForm) -> tuple[bytes | None, str]:
    """The uploaded file, or the one the preview sent back."""
    if form.file.data:
        return form.file.data.read(), form.file.data.filename or "plan.csv"
    if form.content.data:
        try:
            return base64.b64decode(form.content.data, validate=True), form.filename.data or "plan.csv"
        except (binascii.Error, ValueError):
            return None, ""
    return None, ""
