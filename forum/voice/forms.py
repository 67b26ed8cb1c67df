"""The voice area's forms: they check shape only; the services judge the content (a region
that does not exist, a target above 100 %), so the same reasons reach every edge."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from ..consultations.services import BODY_MAX as COMMENT_MAX
from ..core.forms import CheckboxesField, IdField, NumberField, WholeNumber, options
from ..uploads.forms import UploadField
from .labels import channel_labels, dimension_labels, region_labels
from .models import RECORDED
from .services import MOTIVATION_MAX, REASON_MAX, REASON_MIN
from .services.workshops import ATTENDANCE_MAX, PLACE_MAX, TEXT_MAX, TITLE_MAX, WITNESS_MAX

REQUIRED = _l("This field is required.")


def region_choices(blank=True):
    return options(([("", "—")] if blank else []) + list(region_labels().items())[:-1])


class RegionSelect(SelectField):
    """The service says whether a code is a region, with its own reason; a forged value is
    not turned into WTForms' "Not a valid choice"."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, validators, choices=region_choices(), validate_choice=False, **kwargs)


class OrgRegionForm(FlaskForm):
    region = RegionSelect(_l("Region"), validators=[DataRequired(_l("Choose one of Peru's regions."))])


class SeatRequestForm(FlaskForm):
    organisation = IdField(_l("On behalf of"), validators=[DataRequired(_l("Choose your organisation."))],
                           validate_choice=False)
    motivation = TextAreaField(_l("Why your organisation should sit in this forum"),
                               validators=[Length(max=MOTIVATION_MAX)])


class RefuseForm(FlaskForm):
    reason = TextAreaField(_l("Public reason"), validators=[
        DataRequired(_l("Give the reason: it is published.")),
        Length(min=REASON_MIN, max=REASON_MAX, message=_l("Write between %(min)d and %(max)d characters."))])


class FacilitatorForm(FlaskForm):
    email = StringField(_l("E-mail of the person"), validators=[DataRequired(REQUIRED), Length(max=254)])


class TargetForm(FlaskForm):
    dimension = SelectField(_l("Counted"), choices=options(dimension_labels().items()), validate_choice=False)
    group = StringField(_l("Group (a region code, a channel, invited or self_joined)"),
                        validators=[DataRequired(REQUIRED), Length(max=12)])
    outside = BooleanField(_l("Count the inputs from outside this group"))
    percent = NumberField(_l("At least this percentage of the inputs"), validators=[
        InputRequired(_l("Give a percentage between 0 and 100."))], low=0, high=1000,
        message=_l("Give a percentage between 0 and 100."))


class WorkshopForm(FlaskForm):
    place = StringField(_l("Place"), validators=[DataRequired(REQUIRED), Length(max=PLACE_MAX)])
    held_on = DateField(_l("Date"), validators=[DataRequired(_l("Give the date the workshop was held."))])
    region = RegionSelect(_l("Region"), validators=[DataRequired(_l("Choose one of Peru's regions."))])
    attendance = NumberField(_l("How many people attended"), validators=[
        DataRequired(_l("Give how many people attended (at least 1)."))], low=1, high=ATTENDANCE_MAX,
        message=_l("Give how many people attended (at least 1)."))
    organisations = CheckboxesField(_l("Organisations present"), validate_choice=False,
                                    validators=[WholeNumber(message=_l("Choose the organisations present."))])


class RecordedInputForm(FlaskForm):
    organisation = IdField(_l("Organisation that gave it"), validators=[
        DataRequired(_l("Choose one of the organisations present at the workshop."))], validate_choice=False)
    channel = SelectField(_l("How it was given"), choices=options((c, channel_labels()[c]) for c in RECORDED),
                          validate_choice=False)
    title = StringField(_l("Title (optional)"), validators=[Optional(), Length(max=TITLE_MAX)])
    text = TextAreaField(_l("Text of the input, as written on the sheet"), validators=[
        DataRequired(REQUIRED), Length(max=TEXT_MAX)])
    witness = StringField(_l("Name of the local witness"), validators=[DataRequired(REQUIRED),
                                                                      Length(max=WITNESS_MAX)])
    sheet = UploadField(_l("Scan or photo of the sheet"))


class RecordedCommentForm(FlaskForm):
    """A consultation comment made at a workshop or on paper, as its facilitator records it."""

    organisation = IdField(_l("Organisation that made it (none: a person for themselves)"), validate_choice=False)
    paragraph = IdField(_l("About"), validate_choice=False)
    channel = SelectField(_l("How it was given"), choices=options((c, channel_labels()[c]) for c in RECORDED),
                          validate_choice=False)
    text = TextAreaField(_l("Text of the comment, as written on the sheet"), validators=[
        DataRequired(REQUIRED), Length(max=COMMENT_MAX)])
    made_on = DateField(_l("Day it was made"), validators=[DataRequired(_l("Give the day the comment was made."))])
    region = RegionSelect(_l("Region (blank: the organisation's)"))
    witness = StringField(_l("Name of the local witness"), validators=[DataRequired(REQUIRED),
                                                                      Length(max=WITNESS_MAX)])
    sheet = UploadField(_l("Scan or photo of the sheet"))
