"""The shape of every "may this person do this?" answer.

Each area's ``policy.py`` answers with a ``Decision``: allowed, or refused with a reason
the person can act on. The same answer serves every edge: a service calls ``.require()``
and raises with that reason, a template shows the control or says why it is missing, the
JSON API returns the reason. Two kinds of "no" keep their HTTP meaning: *who you are*
(403, ``PermissionDenied``) and *the state of things* (400, ``DomainError``: the forum is
closed, the proposal was already answered).
"""
from dataclasses import dataclass
from typing import Any

from .errors import DomainError, PermissionDenied


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: Any = None  # a lazy, translatable string when refused
    forbidden: bool = True  # a refusal about the person (403) rather than the state of things
    field: str | None = None

    def __bool__(self) -> bool:
        return self.allowed

    def require(self) -> "Decision":
        """Raise with the reason unless allowed; returns itself so a caller can chain."""
        if not self.allowed:
            raise self.error()
        return self

    def error(self) -> DomainError:
        """The exception a refusal raises: PermissionDenied (403) or DomainError (400)."""
        return (PermissionDenied if self.forbidden else DomainError)(self.reason, self.field)


ALLOWED = Decision(True)


def allow() -> Decision:
    return ALLOWED


def deny(reason, field: str | None = None) -> Decision:
    """Refused because of who the person is (HTTP 403)."""
    return Decision(False, reason, True, field)


def refuse(reason, field: str | None = None) -> Decision:
    """Refused because of the state of things, whoever asks (HTTP 400)."""
    return Decision(False, reason, False, field)


def first_refusal(*decisions) -> Decision:
    """The first "no" among checks (callables or decisions), in the order given: who the
    person is before the state of things, so a stranger learns nothing about the state."""
    for d in decisions:
        d = d() if callable(d) else d
        if not d:
            return d
    return ALLOWED
