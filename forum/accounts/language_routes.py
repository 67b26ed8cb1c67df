"""The language switch in the page header: a cookie for everyone, and for a signed-in
person the choice kept on the account (`services.choose_language`, committed by `run`),
so mail reaches them in it. The blueprint keeps the name "i18n" its links were made with."""
from flask import Blueprint, redirect, request, url_for
from flask_login import current_user

from ..config import LANGUAGES
from ..core.urls import safe_next
from ..core.views import actor, run
from ..i18n import COOKIE
from . import services

bp = Blueprint("i18n", __name__)


@bp.post("/lang")
def switch():
    """A POST (with the page's CSRF token): it may write the choice to the account."""
    code = request.form.get("code", "")
    # never an open redirect: the one check of where the app may send a browser
    resp = redirect(safe_next(request.form.get("next")) or url_for("pages.home"))
    if code in LANGUAGES:
        resp.set_cookie(COOKIE, code, max_age=60 * 60 * 24 * 365, samesite="Lax", httponly=True,
                        secure=request.is_secure)
        if current_user.is_authenticated:
            run(None, services.choose_language, actor(), code)
    return resp
