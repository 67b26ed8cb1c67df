"""Who may store a document and who may read one."""
from flask_babel import lazy_gettext as _l

from ..accounts.policy import must_sign_in
from ..core.policy import Decision, allow, deny
from . import purposes

NO_RULE = _l("This document is private, and no rule says who may open it.")


def may_upload(user) -> Decision:
    """Anyone signed in: what the document is for (a plan, evidence) has its own rule, asked
    by the feature that stores it."""
    return must_sign_in(user, _l("Log in to upload a document."))


def may_read(user, document) -> Decision:
    """A public document (an adopted plan, a progress update's evidence: no purpose) is
    readable by anyone, for accountability. A private one is read under the rule its
    purpose's owner registered (`uploads.purposes`); none registered, nobody reads it.
    Its SHA-256, size and type stay public either way (`Document.metadata_json`)."""
    if document.purpose is None:
        return allow()
    purpose = purposes.get(document.purpose)
    return purpose.may_read(user, document) if purpose else deny(NO_RULE)


def withheld(document):
    """Why a private document's bytes are withheld (its purpose's sentence), or None."""
    if document.purpose is None:
        return None
    purpose = purposes.get(document.purpose)
    return purpose.withheld if purpose else NO_RULE
