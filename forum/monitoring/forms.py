from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..core.text import REASON_MAX
from ..forums.forms import PERSON_AND_ORGANISATION


class AppointForm(FlaskForm):
    co_monitor = SelectField(_l("Co-monitor"), choices=[], validate_choice=False,  # the service says why not
                             description=_l("A member of a civil-society organisation seated in this forum."),
                             validators=[DataRequired(_l("Choose a person and the organisation they represent.")),
                                         *PERSON_AND_ORGANISATION])
    reason = TextAreaField(_l("Reason (required when replacing the co-monitor)"), validators=[Length(max=REASON_MAX)])


class ContestForm(FlaskForm):
    reason = TextAreaField(_l("Why you contest this update"), validators=[Length(max=REASON_MAX)],
                           description=_l("Public. The State's side owes a reasoned answer."))


class AnswerForm(FlaskForm):
    reason = TextAreaField(_l("The State's reasoned answer"), validators=[Length(max=REASON_MAX)])
