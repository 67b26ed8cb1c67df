from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    DateTimeLocalField,
    FieldList,
    Form,
    FormField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional

from ..core.forms import NumberField, options, plausible_time
from .labels import subject_labels
from .services import ITEM_MAX, PLACE_MAX, REASON_MAX, TITLE_MAX, TITLE_MIN, URL_MAX

REQUIRED = _l("This field is required.")
WHEN = _l("Give a date and time (local time, Lima).")


class ItemForm(Form):
    """One agenda row; a row left blank is ignored."""

    title = StringField(_l("Item"), validators=[Optional(), Length(max=ITEM_MAX)])
    subject_type = SelectField(_l("About"), choices=options(subject_labels().items()), validators=[Optional()])
    subject_id = NumberField(_l("Number"), validators=[Optional()])


class ScheduleForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(REQUIRED), Length(min=TITLE_MIN, max=TITLE_MAX)])
    starts_at = DateTimeLocalField(_l("Starts"), format="%Y-%m-%dT%H:%M",
                                   validators=[DataRequired(WHEN), plausible_time],
                                   description=_l("Local time, Lima."))
    ends_at = DateTimeLocalField(_l("Ends"), format="%Y-%m-%dT%H:%M", validators=[DataRequired(WHEN), plausible_time])
    place = StringField(_l("Place"), validators=[Length(max=PLACE_MAX)])
    online_url = StringField(_l("Online link"), validators=[Length(max=URL_MAX)])
    agenda = FieldList(FormField(ItemForm), min_entries=1)
    notice_reason = TextAreaField(
        _l("Reason, if the session starts with less notice than this forum's minimum"),
        validators=[Length(max=REASON_MAX)], render_kw={"rows": 2, "maxlength": REASON_MAX},
        description=_l("Shown on the session page, in the minutes and on the trail. Leave it empty when the "
                       "notice is long enough."))
    implementation_review = BooleanField(
        _l("Implementation review: the session presents the plan's implementation results to civil society"))


class ReviewMarkForm(FlaskForm):
    """Marks a scheduled session as an implementation review, or takes the mark back."""

    implementation_review = BooleanField(_l("Implementation review"))
