"""Absolute links for mail, built the same way inside a request or from the CLI, and the
one check of where the app may send a browser after login."""
from urllib.parse import unquote, urlsplit

from flask import current_app, url_for
from flask.globals import request_ctx


def external_url(endpoint: str, **values) -> str:
    """A link built by the app that sends it. A request of this app gives its host; anything
    else (the CLI, an after-commit e-mail, or a request context of another app left underneath,
    as a test of sentences pushes) uses PUBLIC_URL: url_for would otherwise build with that
    other app's routes and fail on an endpoint it lacks (`admin.index`), losing the e-mail."""
    if request_ctx and request_ctx.app is current_app._get_current_object():  # type: ignore[attr-defined]
        return url_for(endpoint, _external=True, **values)
    with current_app.test_request_context(base_url=current_app.config["PUBLIC_URL"]):
        return url_for(endpoint, _external=True, **values)


def safe_next(target: str | None) -> str | None:
    """`target` if it is a path on this site, else None. Refuses what browsers may read as
    another site: "//host", backslashes ("/\\host" is "//host" to them), control characters
    they strip ("/%09/host" becomes "//host"), schemes, and the same once percent-decoded."""
    if not target or len(target) > 2000 or not target.startswith("/"):
        return None
    for form in (target, unquote(target), unquote(unquote(target))):
        cleaned = "".join(c for c in form if ord(c) >= 32 and ord(c) != 127)
        if len(cleaned) != len(form) or "\\" in form or cleaned.lstrip().startswith("//"):
            return None
        parts = urlsplit(cleaned)
        if parts.scheme or parts.netloc:
            return None
    return target
