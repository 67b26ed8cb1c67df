from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import RadioField

from ..core.forms import options
from .preferences import FREQUENCIES


class MailForm(FlaskForm):
    frequency = RadioField(_l("E-mail me what waits for me"), choices=options(FREQUENCIES.items()),
                           validate_choice=False)  # the service says why an unknown value is refused
