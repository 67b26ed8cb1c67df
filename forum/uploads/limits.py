"""The request size an upload needs. MAX_CONTENT_LENGTH (2 MB) guards every form, and it
is applied while CSRF and NUL checks read the body, before any view runs: so a view that
takes a file is marked with `accepts_upload`, and the request class gives that endpoint
UPLOAD_MAX_BYTES plus room for the other fields. A file a little over the limit is
refused next to its field (uploads.storage counts while streaming); a body beyond even
that is stopped by werkzeug without being read, with a page that names the file limit."""
from flask import current_app
from flask.wrappers import Request

from .storage import max_bytes, too_big_message

FORM_ROOM = 1024 * 1024  # the other fields and the multipart framing


def accepts_upload(view):
    view.traza_accepts_upload = True
    return view


def is_upload_endpoint(endpoint: str | None) -> bool:
    view = current_app.view_functions.get(endpoint or "")
    return bool(getattr(view, "traza_accepts_upload", False))


class UploadAwareRequest(Request):
    @property
    def max_content_length(self) -> int | None:
        if self._max_content_length is None and current_app and is_upload_endpoint(self.endpoint):
            return max_bytes() + FORM_ROOM
        return super().max_content_length

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value


def too_large_page(endpoint: str | None) -> str | None:
    """The 413 page's message when the refused body was sent to a view that takes a file:
    it names the file limit (web.py's error handler asks; the edges sit above this area)."""
    return too_big_message() if is_upload_endpoint(endpoint) else None


def init_app(app) -> None:
    app.request_class = UploadAwareRequest
    from .storage import drop_leftovers
    app.teardown_request(drop_leftovers)
