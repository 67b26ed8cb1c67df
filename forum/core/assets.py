"""Static files named by their content: every `url_for('static', ...)` gets `?v=<hash of
the file>`, and a request carrying the current hash is cached for a year as immutable.
A changed file gets a new URL, so no browser keeps an old stylesheet; a request without
the hash (or with an old one) is answered with a short cache and revalidation instead.
nginx applies the same rule in front of the app (deploy/)."""
import hashlib
import os

from flask import Flask, request
from werkzeug.security import safe_join

YEAR = 365 * 24 * 3600


def init_app(app: Flask) -> None:
    seen: dict[str, tuple[float, str]] = {}  # filename -> (mtime, hash): recomputed when the file changes

    def version(filename: str) -> str | None:
        path = safe_join(app.static_folder or "", filename)  # the name may come from a request
        if path is None or not os.path.isfile(path):
            return None
        mtime = os.stat(path).st_mtime
        if filename not in seen or seen[filename][0] != mtime:
            with open(path, "rb") as fh:
                seen[filename] = (mtime, hashlib.sha256(fh.read()).hexdigest()[:12])
        return seen[filename][1]

    @app.url_defaults
    def _fingerprint(endpoint, values):
        if endpoint == "static" and "filename" in values and "v" not in values:
            v = version(values["filename"])
            if v:
                values["v"] = v

    def max_age(filename: str | None) -> int | None:
        if filename and request.args.get("v") and request.args.get("v") == version(filename):
            return YEAR
        return 300

    app.get_send_file_max_age = max_age  # type: ignore[method-assign]

    @app.after_request
    def _immutable(resp):
        if request.endpoint == "static" and resp.cache_control.max_age == YEAR:
            resp.cache_control.immutable = True
        return resp
