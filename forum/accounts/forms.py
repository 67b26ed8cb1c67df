from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, EmailField, PasswordField, StringField
from wtforms.validators import DataRequired, Email, EqualTo, Length

from .passwords import MAX_LENGTH, MIN_LENGTH
from .services import EMAIL_MAX, NAME_MAX, NAME_MIN


def _email():
    return EmailField(_l("Email"), validators=[
        DataRequired(_l("This field is required.")), Length(max=EMAIL_MAX),
        Email(_l("Enter a valid email address."), check_deliverability=False)])


def _new_password(label):
    return PasswordField(label, validators=[
        DataRequired(_l("This field is required.")),
        Length(min=MIN_LENGTH, max=MAX_LENGTH,
               message=_l("Use between %(min)d and %(max)d characters."))])


class RegisterForm(FlaskForm):
    email = _email()
    display_name = StringField(_l("Display name"), validators=[
        DataRequired(_l("This field is required.")), Length(min=NAME_MIN, max=NAME_MAX)],
        description=_l("Shown publicly next to what you do, with your organisation."))
    password = _new_password(_l("Password"))
    confirm = PasswordField(_l("Repeat password"), validators=[
        EqualTo("password", _l("The passwords do not match."))])


class LoginForm(FlaskForm):
    email = _email()
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("This field is required."))])
    remember = BooleanField(_l("Keep me logged in on this device"))


class ReauthForm(FlaskForm):
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("This field is required."))])


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Current password"), validators=[DataRequired(_l("This field is required."))])
    new = _new_password(_l("New password"))
    confirm = PasswordField(_l("Repeat new password"), validators=[
        EqualTo("new", _l("The passwords do not match."))])


class ForgotForm(FlaskForm):
    email = _email()


class ResetForm(FlaskForm):
    password = _new_password(_l("New password"))
    confirm = PasswordField(_l("Repeat new password"), validators=[
        EqualTo("password", _l("The passwords do not match."))])


class EmptyForm(FlaskForm):
    """A form with only the CSRF token, for buttons that change state."""
