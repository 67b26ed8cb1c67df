"""Domain errors: raised by services, translated to pages, form errors or JSON by the edges."""


class DomainError(Exception):
    """A rule refused the action. ``field`` names the form field the message belongs next to."""

    status = 400

    def __init__(self, message, field: str | None = None):
        super().__init__(str(message))
        self.message = message
        self.field = field


class PermissionDenied(DomainError):
    """The actor may not do this (HTTP 403)."""

    status = 403


class NotFound(DomainError):
    status = 404
