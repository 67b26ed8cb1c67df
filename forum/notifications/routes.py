import json

from flask import Blueprint, redirect, render_template, url_for
from flask_login import login_required

from ..accounts.forms import EmptyForm
from ..core.views import actor, run
from ..inbox.notices import DESCRIBE, with_titles
from .services import mark_all_read

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


@bp.get("/")
@login_required
def index():
    items = [(n, DESCRIBE[n.kind](n.kind, ptitle or ctitle or "", json.loads(n.params)))
             for n, ptitle, ctitle in with_titles(actor().id)]
    return render_template("notifications/index.html", items=items, form=EmptyForm())


@bp.post("/read")
@login_required
def read():
    if EmptyForm().validate_on_submit():
        run(None, mark_all_read, actor())
    return redirect(url_for("notifications.index"))
