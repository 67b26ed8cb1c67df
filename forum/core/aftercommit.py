"""Side effects that must wait for the commit: e-mail now, live broadcasts later.

A service queues a callable with `on_commit`; it runs only if the transaction commits and
is dropped on rollback, so nobody is told about something that did not happen.
"""
import logging

from sqlalchemy import event
from sqlalchemy.orm import Session

from ..extensions import db

log = logging.getLogger(__name__)
_KEY = "traza_after_commit"


def on_commit(fn, *args, **kwargs) -> None:
    db.session().info.setdefault(_KEY, []).append((fn, args, kwargs))


@event.listens_for(Session, "after_commit")
def _run(session):
    for fn, args, kwargs in session.info.pop(_KEY, []):
        try:
            fn(*args, **kwargs)
        except Exception:  # a failed e-mail must not undo or hide a committed decision
            log.exception("after-commit task %s failed", getattr(fn, "__name__", fn))


@event.listens_for(Session, "after_soft_rollback")
def _drop(session, previous_transaction):
    session.info.pop(_KEY, None)
