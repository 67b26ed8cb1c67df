from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import URL, DataRequired, Length, Optional

from ..core.forms import options
from .labels import kind_labels
from .services import DESCRIPTION_MAX, NAME_MAX, NAME_MIN, REASON_MAX, REASON_MIN, WEBSITE_MAX


class OrganisationForm(FlaskForm):
    name = StringField(_l("Name"), validators=[DataRequired(_l("This field is required.")),
                                               Length(min=NAME_MIN, max=NAME_MAX)])
    kind = SelectField(_l("Kind"), choices=options([("", "—")] + list(kind_labels().items())),
                       validators=[DataRequired(_l("Choose a kind of organisation."))],
                       description=_l("Government entities and civil-society organisations are "
                                      "verified by a platform administrator before anyone acts for them."))
    website = StringField(_l("Website"), validators=[
        Optional(), Length(max=WEBSITE_MAX),
        URL(message=_l("Enter a web address starting with http:// or https://."))])
    description = TextAreaField(_l("Description"), validators=[Length(max=DESCRIPTION_MAX)])


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Public reason"), validators=[
        DataRequired(_l("Give the reason: it is published.")),
        Length(min=REASON_MIN, max=REASON_MAX,
               message=_l("Write between %(min)d and %(max)d characters."))])
