"""Absolute links for mail, built the same way inside a request or from the CLI, and the
one check of where the app may send a browser after login."""
from urllib.parse import unquote, urlsplit

from flask import current_app, has_request_context, url_for


def external_url(endpoint: str, **values) -> str:
    if has_request_context():
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
