"""Helpers every view uses: run a service, commit at the request boundary, put refusals
next to the field they concern."""
import logging

from flask import abort, flash, jsonify
from flask_login import current_user

from ..extensions import db
from . import security_log
from .errors import DomainError, PermissionDenied


def commit(service, *args, **kwargs):
    """Call a service and commit once: the one place an edge turns a service's answer into a
    committed change. Returns (result, None), or (None, the refusal) after rolling back, so
    nothing refused is written. Every edge maps the refusal to its own shape from here: `run`
    to a form field or a flash, the live session's socket handler to a JSON error."""
    try:
        result = service(*args, **kwargs)
        db.session.commit()
    except DomainError as err:
        db.session.rollback()
        if not isinstance(err, PermissionDenied):
            security_log.event("refused", logging.INFO, status=err.status, reason=err.message, field=err.field)
        return None, err
    return result, None


def run(form, service, *args, **kwargs):
    """Call a service and commit. On a rule refusal roll back, attach the message to the
    form field it names (or flash it) and return None so the view re-renders the form with
    what the user typed. Permission refusals become the 403 page."""
    result, err = commit(service, *args, **kwargs)
    if err is None:
        return result if result is not None else True
    if isinstance(err, PermissionDenied):
        raise err
    field = getattr(form, err.field, None) if form is not None and err.field else None
    if field is not None:
        field.errors = list(field.errors) + [str(err.message)]
    elif form is not None:
        form.form_errors.append(str(err.message))
    else:
        flash(str(err.message), "error")
    return None


def get_or_404(model, ident):
    obj = db.session.get(model, ident)
    if obj is None:
        abort(404)
    return obj


def actor():
    """The signed-in user as a service actor (None when anonymous). A page that reads its
    reader this way is built for that reader alone (forum/pageasks.py)."""
    from .. import pageasks
    pageasks.personal()
    return current_user._get_current_object() if current_user.is_authenticated else None



def download_json(data, filename: str):
    """JSON a browser saves as a file (a receipt, a provenance record) rather than shows."""
    resp = jsonify(data)
    resp.headers["Content-Disposition"] = f'attachment; filename="{filename}"'
    return resp
