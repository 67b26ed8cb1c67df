"""Who may do what with an organisation."""
from flask_babel import lazy_gettext as _l

from ..accounts.policy import is_admin, must_be_admin, must_sign_in
from ..core.policy import Decision, allow, deny, first_refusal, refuse
from .models import Organisation, OrgStatus
from .queries import approved_membership


def may_register(user) -> Decision:
    return must_sign_in(user, _l("Log in to register an organisation."))


def may_verify(user) -> Decision:
    return must_be_admin(user)


def may_manage(user, organisation: Organisation) -> Decision:
    """Organisation admins decide join requests; platform admins always may."""
    if is_admin(user):
        return allow()
    membership = approved_membership(user, organisation)
    if membership is not None and membership.is_admin:
        return allow()
    return deny(_l("Only this organisation's admins can decide on members."))


def may_ask_to_join(user, organisation: Organisation) -> Decision:
    return first_refusal(
        must_sign_in(user, _l("Log in to ask to join.")),
        lambda: refuse(_l("This organisation was not verified; it cannot take members."))
        if organisation.status == OrgStatus.REJECTED else allow())
