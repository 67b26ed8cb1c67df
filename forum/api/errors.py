"""API refusals as JSON with a reason a person can act on (and the field it concerns)."""
from flask import jsonify
from flask_babel import gettext as _
from marshmallow import ValidationError, fields, validate


class ApiError(Exception):
    def __init__(self, status: int, error: str, message, field: str | None = None):
        super().__init__(str(message))
        self.status, self.error, self.message, self.field = status, error, message, field


def respond(err: ApiError):
    return jsonify(error=err.error, message=str(err.message), field=err.field), err.status


def from_validation(err: ValidationError, schema) -> ApiError:
    """The first bad argument, explained from its own validator (allowed values, range)."""
    messages = err.messages if isinstance(err.messages, dict) else {}
    name = sorted(messages)[0] if messages else ""
    field = schema.fields.get(name)
    if field is None:
        allowed = ", ".join(sorted(schema.fields))
        return ApiError(400, "unknown_filter", _("Unknown query parameter “%(name)s”. This list accepts: %(allowed)s.",
                                                 name=name, allowed=allowed), field=name)
    return ApiError(400, "bad_parameter", _("Invalid value for “%(name)s”: %(why)s", name=name, why=_explain(field)),
                    field=name)


def _explain(field) -> str:
    for v in field.validators:
        if isinstance(v, validate.OneOf):
            return _("use one of %(choices)s.", choices=", ".join(map(str, v.choices)))
        if isinstance(v, validate.Range):
            return _("use a whole number from %(min)s to %(max)s.", min=v.min, max=v.max)
        if isinstance(v, validate.Regexp):
            return _("use the form 2019-2021.")
        if isinstance(v, validate.Length):
            return _("use at most %(max)s characters.", max=v.max)
    if isinstance(field, fields.Date):
        return _("use a date such as 2024-03-31.")
    return _("use a whole number.")
