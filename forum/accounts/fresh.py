"""A fresh login for the acts that change who holds power or what is adopted: appointing a
co-chair, opening or closing a forum, signing off a commitment version. A session older than
FRESH_SECONDS (or one restored from a remember-me cookie) is asked for the password again
before such a POST, so a borrowed, unlocked laptop cannot do them. Wall-clock time on
purpose: the domain's clock may be frozen or shifted, a login's age may not."""
import time
from urllib.parse import urlsplit

from flask import flash, redirect, request, session, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from ..core.urls import safe_next

SENSITIVE = frozenset({"forums.appoint_chair", "forums.change_status", "commitments.sign", "plans.sign"})
FRESH_SECONDS = 15 * 60
KEY = "auth_at"


def mark() -> None:
    """Called when the password was just typed (login, re-authentication)."""
    session[KEY] = int(time.time())


def is_fresh() -> bool:
    return time.time() - session.get(KEY, 0) <= FRESH_SECONDS


def require_for_sensitive_acts():
    """before_request: send a stale session to confirm the password, then back to the page."""
    if request.method != "POST" or request.endpoint not in SENSITIVE or not current_user.is_authenticated:
        return None
    if is_fresh():
        return None
    flash(_l("For this step, confirm your password; then repeat it. Nothing was changed."), "info")
    return redirect(url_for("accounts.reauth", next=_back()))


def _back() -> str:
    """The page the act was started from, if it is on this site."""
    ref = urlsplit(request.referrer or "")
    path = ref.path + (f"?{ref.query}" if ref.query else "")
    return (safe_next(path) if ref.netloc == request.host else None) or "/"
