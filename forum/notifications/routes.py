import json

from flask import Blueprint, redirect, render_template, url_for
from flask_login import current_user, login_required
from sqlalchemy import select

from ..accounts.forms import EmptyForm
from ..commitments import notices as commitments_notices
from ..consultations import notices as consultations_notices
from ..consultations.models import Consultation
from ..core.views import actor, run
from ..extensions import db
from ..proposals import notices as proposals_notices
from ..proposals.models import Proposal
from .models import Notification
from .services import mark_all_read

bp = Blueprint("notifications", __name__, url_prefix="/notifications")

#: Each kind's sentence comes from the area that sends it.
DESCRIBE = {kind: area.describe for area in (proposals_notices, commitments_notices, consultations_notices)
            for kind in area.KINDS}


@bp.get("/")
@login_required
def index():
    notes = db.session.execute(
        select(Notification, Proposal.title, Consultation.title)
        .outerjoin(Proposal, Proposal.id == Notification.proposal_id)
        .outerjoin(Consultation, Consultation.id == Notification.consultation_id)
        .where(Notification.user_id == current_user.id).order_by(Notification.id.desc()).limit(200)).all()
    items = [(n, DESCRIBE[n.kind](n.kind, ptitle or ctitle or "", json.loads(n.params))) for n, ptitle, ctitle in notes]
    return render_template("notifications/index.html", items=items, form=EmptyForm())


@bp.post("/read")
@login_required
def read():
    if EmptyForm().validate_on_submit():
        run(None, mark_all_read, actor())
    return redirect(url_for("notifications.index"))


