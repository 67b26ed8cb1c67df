"""Security events in the application log (logger "traza.security"), one JSON line each:
failed logins, refused actions, CSRF failures, rate-limit hits and suspensions — enough to
investigate (when, from where, who, what, why) and never a password, token or e-mail
address (an account is named by a short hash of its address)."""
import hashlib
import json
import logging

from flask import has_request_context, request
from flask_login import current_user

log = logging.getLogger("traza.security")


def account_ref(email: str | None) -> str:
    return hashlib.sha256((email or "").strip().lower().encode()).hexdigest()[:16]


def event(kind: str, level: int = logging.WARNING, **fields) -> None:
    record = {"event": kind, **{k: str(v) if not isinstance(v, int | None) else v for k, v in fields.items()}}
    if has_request_context():
        record.update(ip=request.remote_addr, method=request.method, path=request.path,
                      user=current_user.get_id() if current_user and current_user.is_authenticated else None)
    log.log(level, json.dumps(record, ensure_ascii=False, sort_keys=True))
