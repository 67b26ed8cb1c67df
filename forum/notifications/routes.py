import json

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from ..accounts.forms import EmptyForm
from ..core.views import actor, run
from ..extensions import db
from .models import Notification
from .services import describe, mark_all_read

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.get("/")
@login_required
def index():
    from ..proposals.models import Proposal
    notes = db.session.execute(
        select(Notification, Proposal.title).join(Proposal, Proposal.id == Notification.proposal_id)
        .where(Notification.user_id == current_user.id).order_by(Notification.id.desc()).limit(200)).all()
    items = [(n, describe(n.kind, title, json.loads(n.params))) for n, title in notes]
    return render_template("notifications/index.html", items=items, form=EmptyForm())


@bp.post("/read")
@login_required
def read():
    if EmptyForm().validate_on_submit():
        run(None, mark_all_read, actor())
    return redirect(url_for("notifications.index"))


