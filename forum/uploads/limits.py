"""The request size an upload needs. MAX_CONTENT_LENGTH (2 MB) guards every form, and it
is applied while CSRF and NUL checks read the body, before any view runs: so a view that
takes a file is marked with `accepts_upload`, and the request class gives that endpoint
UPLOAD_MAX_BYTES plus room for the other fields. A file a little over the limit is
refused next to its field (uploads.storage counts while streaming); a body beyond even
that is stopped by werkzeug without being read, with a page that names the file limit."""
from flask import current_app, render_template, request
from flask.wrappers import Request
from werkzeug.exceptions import RequestEntityTooLarge

from .storage import max_bytes, too_big_message

FORM_ROOM = 1024 * 1024  # the other fields and the multipart framing


def accepts_upload(view):
    view.traza_accepts_upload = True
    return view


def _is_upload_endpoint(endpoint: str | None) -> bool:
    view = current_app.view_functions.get(endpoint or "")
    return bool(getattr(view, "traza_accepts_upload", False))


class UploadAwareRequest(Request):
    @property
    def max_content_length(self) -> int | None:
        if self._max_content_length is None and current_app and _is_upload_endpoint(self.endpoint):
            return max_bytes() + FORM_ROOM
        return super().max_content_length

    @max_content_length.setter
    def max_content_length(self, value: int | None) -> None:
        self._max_content_length = value


def init_app(app) -> None:
    app.request_class = UploadAwareRequest
    from .. import web
    from .storage import drop_leftovers

    def too_large(err):
        if not _is_upload_endpoint(request.endpoint) or web._wants_json():
            return web._http_error(err)
        return render_template("error.html", code=413, message=too_big_message()), 413

    app.register_error_handler(RequestEntityTooLarge, too_large)
    app.teardown_request(drop_leftovers)
