"""Who may store a document and who may read one."""
from flask_babel import lazy_gettext as _l

from ..accounts.policy import must_sign_in
from ..core.policy import Decision, allow


def may_upload(user) -> Decision:
    """Anyone signed in: what the document is for (a plan, evidence) has its own rule, asked
    by the feature that stores it."""
    return must_sign_in(user, _l("Log in to upload a document."))


def may_read(user, document) -> Decision:
    """Every stored document is public for now: its hash is on the public trail, and what
    links to it (an adopted plan, a progress update's evidence) is public. A feature that
    stores something private must narrow this rule here, where the download asks."""
    return allow()
