"""Who may see what the public pages show of a person."""
from flask_babel import lazy_gettext as _l

from ..accounts.policy import is_admin, signed_in
from ..core.policy import Decision, allow, deny
from ..forums.names import public_people


def may_see_person(viewer, user) -> Decision:
    """A person's page: for people in a public role; the person and the platform admins
    always see it. A registered person with no public role is named nowhere, so the page
    answers as if there were none (the route's 404)."""
    if signed_in(viewer) and (viewer.id == user.id or is_admin(viewer)):
        return allow()
    if user.id in public_people({user.id}):
        return allow()
    return deny(_l("This person holds no public role, so their page is not public."))
