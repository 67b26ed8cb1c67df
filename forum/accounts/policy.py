"""Who someone is, before any area asks what they may do."""
from flask_babel import lazy_gettext as _l

from ..core.policy import Decision, allow, deny


def signed_in(user) -> bool:
    return user is not None and bool(getattr(user, "is_authenticated", True))


def is_admin(user) -> bool:
    return signed_in(user) and bool(user.is_admin)


def must_sign_in(user, reason=None) -> Decision:
    return allow() if signed_in(user) else deny(reason or _l("Log in first."))


def must_be_confirmed(user) -> Decision:
    """Only people who proved their address count: an account that never confirmed it (a
    script can make those by the hundred) cannot endorse, comment or vote."""
    if not signed_in(user) or user.email_confirmed_at is not None:
        return allow()
    return deny(_l("Confirm your e-mail address first: open the link we sent you, or ask for a new one on "
                   "your account page."))


def may_suspend(user, account) -> Decision:
    """A platform admin, about someone else's account."""
    if not is_admin(user):
        return deny(_l("Only a platform administrator can do this."))
    if account.id == user.id:
        return deny(_l("You cannot suspend your own account."))
    return allow()


def must_be_admin(user) -> Decision:
    return allow() if is_admin(user) else deny(_l("Only a platform administrator can do this."))
