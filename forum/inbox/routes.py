"""The inbox page: what waits for the signed-in person (inbox/queries.py decides)."""
from flask import Blueprint, render_template
from flask_babel import lazy_gettext as _l
from flask_login import login_required

from ..commitments.labels import fate_labels
from ..core.clock import utcnow
from ..core.views import actor
from ..proposals.labels import status_labels
from ..sessions.labels import status_labels as session_status_labels
from . import queries

bp = Blueprint("inbox", __name__)

KINDS = {
    "verify_org": _l("Organisation awaiting verification"),
    "join_request": _l("Asks to join your organisation"),
    "answer_proposal": _l("Proposal awaiting the forum's reasoned response"),
    "answer_comment": _l("Consultation comments awaiting a reasoned response"),
    "sign_version": _l("Commitment version awaiting your side's signature"),
    "approve_minutes": _l("Minutes awaiting your side's approval"),
}


@bp.get("/inbox")
@login_required
def index():
    return render_template("inbox/index.html", inbox=queries.for_user(actor()), now=utcnow(), kinds=KINDS,
                           statuses=status_labels(), fates=fate_labels(), session_statuses=session_status_labels())
