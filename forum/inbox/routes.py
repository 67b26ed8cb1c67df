"""The inbox page (inbox/queries.py decides what is in it), the choice of e-mail and the
one-click unsubscribe link (inbox/preferences.py)."""
from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..commitments.labels import fate_labels
from ..core.clock import utcnow
from ..core.views import actor, run
from ..extensions import csrf
from ..forums.names import names_for
from ..pagecache import not_cached
from ..proposals.labels import status_labels
from ..sessions.labels import status_labels as session_status_labels
from . import preferences, queries
from .forms import MailForm
from .labels import KINDS

bp = Blueprint("inbox", __name__)


@bp.get("/inbox")
@login_required
def index():
    user = actor()
    mine = queries.own_entries(user)
    return render_template("inbox/index.html", inbox=queries.for_user(user), now=utcnow(), kinds=KINDS,
                           statuses=status_labels(), fates=fate_labels(), session_statuses=session_status_labels(),
                           frequencies=preferences.FREQUENCIES, activity=mine, names=names_for(mine))


@bp.route("/inbox/email", methods=["GET", "POST"])
@login_required
def email():
    user = actor()
    form = MailForm(frequency=user.mail_frequency)
    if form.validate_on_submit() and run(form, preferences.set_frequency, user, form.frequency.data):
        flash(_("Saved: %(choice)s.", choice=preferences.FREQUENCIES[user.mail_frequency]), "success")
        return redirect(url_for("inbox.email"))
    return render_template("inbox/email.html", form=form), 400 if form.errors else 200


@bp.get("/inbox/unsubscribe/<token>")
@not_cached
def unsubscribe(token):
    """Shows what the link would do; nothing changes until the button (mail scanners follow
    links, and a GET must not unsubscribe anybody)."""
    status, user = preferences.read_unsubscribe(token)
    if status != "ok":
        return render_template("inbox/unsubscribe.html", refused=preferences.REFUSED[status], status=status), \
            200 if status == "used" else 400
    return render_template("inbox/unsubscribe.html", token=token, email=_masked(user.email))


@bp.post("/inbox/unsubscribe/<token>")
@csrf.exempt  # RFC 8058: the mail client posts "List-Unsubscribe=One-Click"; the signed token is the credential
def unsubscribe_now(token):
    status, _user = preferences.read_unsubscribe(token)
    if status != "ok":
        return render_template("inbox/unsubscribe.html", refused=preferences.REFUSED[status], status=status), \
            200 if status == "used" else 400
    run(None, preferences.unsubscribe, token)
    if request.form.get("List-Unsubscribe") == "One-Click":
        return "", 204
    return render_template("inbox/unsubscribe.html", done=True)


def _masked(address: str) -> str:
    """Enough of the address to recognise it, not enough to harvest it from a forwarded link."""
    name, _at, domain = address.partition("@")
    return f"{name[:2]}…@{domain}"
