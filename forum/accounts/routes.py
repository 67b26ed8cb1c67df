from flask import Blueprint, flash, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..core import security_log
from ..core.args import TEXT, arg, query
from ..core.urls import safe_next
from ..core.views import run
from ..pagecache import not_cached
from ..ratelimits import password_refused
from . import fresh, services
from .forms import ChangePasswordForm, EmptyForm, ForgotForm, LoginForm, ReauthForm, RegisterForm, ResetForm

bp = Blueprint("accounts", __name__, url_prefix="/account")


def _next_url(default="pages.home"):
    return safe_next(arg("next")) or url_for(default)


@bp.route("/register", methods=["GET", "POST"])
def register():
    form = RegisterForm()
    if form.validate_on_submit():
        if run(form, services.register, form.email.data, form.display_name.data, form.password.data):
            # The same answer whether the address was new or known (see services.register).
            flash(_("We sent a message to %(email)s. Open the link in it to confirm your address, then log in.",
                    email=form.email.data.strip()), "success")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/register.html", form=form), 400 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
@query(next=TEXT)
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = run(form, services.authenticate, form.email.data, form.password.data)
        if not user:
            security_log.event("login_failed", account=security_log.account_ref(form.email.data))
        if user:
            session.clear()  # a new session at login: nothing set before it carries over
            login_user(user, remember=form.remember.data)
            fresh.mark()
            return redirect(_next_url())
    return render_template("accounts/login.html", form=form), 400 if form.errors or form.form_errors else 200


@bp.route("/reauth", methods=["GET", "POST"])
@login_required
@query(next=TEXT)
def reauth():
    """Type the password again before a sensitive act (see fresh.py)."""
    form = ReauthForm()
    if form.validate_on_submit():
        if run(form, services.check_password, current_user._get_current_object(), form.password.data):
            fresh.mark()
            return redirect(safe_next(arg("next")) or url_for("accounts.profile"))
        security_log.event("reauth_failed")
        password_refused()  # counts towards ratelimits.PASSWORD_TYPED
    return render_template("accounts/reauth.html", form=form), 400 if form.errors else 200


@bp.post("/logout")
def logout():
    if EmptyForm().validate_on_submit():
        if current_user.is_authenticated:
            run(None, services.end_sessions, current_user._get_current_object())
        logout_user()
        flash(_("You are logged out."), "info")
    return redirect(url_for("pages.home"))


@bp.route("/", methods=["GET", "POST"])
@login_required
def profile():
    form = ChangePasswordForm()
    if form.validate_on_submit():
        if run(form, services.change_password, current_user._get_current_object(),
               form.current.data, form.new.data):
            login_user(current_user._get_current_object())  # keep this session, end the others
            flash(_("Your password was changed. Other devices were logged out."), "success")
            return redirect(url_for("accounts.profile"))
        if form.current.errors:  # the current password was wrong (not a weak new one)
            security_log.event("password_change_failed")
            password_refused()  # counts towards ratelimits.PASSWORD_TYPED
    from ..organisations.queries import acting_organisations
    return render_template("accounts/profile.html", form=form, resend=EmptyForm(),
                           acting_orgs=acting_organisations(current_user)), 400 if form.errors else 200


@bp.post("/confirm")
@login_required
def resend_confirmation():
    if EmptyForm().validate_on_submit() and current_user.email_confirmed_at is None:
        run(None, services.send_confirmation, current_user._get_current_object())  # mailed once committed
        flash(_("We sent you a new confirmation link."), "info")
    return redirect(url_for("accounts.profile"))


@bp.get("/confirm/<token>")
def confirm(token):
    if run(None, services.confirm_email, token):
        flash(_("Your email address is confirmed."), "success")
    return redirect(url_for("accounts.profile" if current_user.is_authenticated else "accounts.login"))


@bp.route("/forgot", methods=["GET", "POST"])
def forgot():
    form = ForgotForm()
    if form.validate_on_submit():
        run(None, services.request_password_reset, form.email.data)
        flash(_("If an account exists for that address, we sent it a link to reset the password."), "info")
        return redirect(url_for("accounts.login"))
    return render_template("accounts/forgot.html", form=form)


@bp.route("/reset/<token>", methods=["GET", "POST"])
@not_cached
def reset(token):
    from .tokens import read_reset_token

    if read_reset_token(token) is None:
        return render_template("error.html", code=400, message=_(
            "This reset link is invalid, expired or already used. Ask for a new one.")), 400
    form = ResetForm()
    if form.validate_on_submit():
        if run(form, services.reset_password, token, form.password.data):
            flash(_("Your password was changed. Log in with the new one."), "success")
            return redirect(url_for("accounts.login"))
    return render_template("accounts/reset.html", form=form), 400 if form.errors else 200
