from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..core.forms import CheckboxesField, HiddenIdField, IdField, options
from ..core.text import REASON_MAX, REASON_MIN
from .labels import outcome_labels, value_labels
from .services import TEXT_MAX, TEXT_MIN, TITLE_MAX, TITLE_MIN
from .services.comments import BODY_MAX, BODY_MIN
from .services.moderation import REASON_MAX as HIDE_MAX
from .services.moderation import REASON_MIN as HIDE_MIN

REQUIRED = _l("This field is required.")


class ProposalForm(FlaskForm):
    organisation = IdField(_l("On behalf of"), validators=[DataRequired(REQUIRED)])
    title = StringField(_l("Title"), validators=[DataRequired(REQUIRED), Length(min=TITLE_MIN, max=TITLE_MAX)])
    problem = TextAreaField(_l("The problem it addresses"), validators=[
        DataRequired(REQUIRED), Length(min=TEXT_MIN, max=TEXT_MAX)])
    proposal = TextAreaField(_l("What is proposed"), validators=[
        DataRequired(REQUIRED), Length(min=TEXT_MIN, max=TEXT_MAX)])
    expected_result = TextAreaField(_l("Expected result"), validators=[
        DataRequired(REQUIRED), Length(min=TEXT_MIN, max=TEXT_MAX)])
    values = CheckboxesField(_l("OGP values it serves"), choices=options(value_labels().items()),
                             validators=[DataRequired(_l("Choose at least one OGP value."))])
    links = TextAreaField(_l("Links (optional, one per line)"), validators=[Length(max=5000)])


class ResponseForm(FlaskForm):
    outcome = SelectField(_l("Outcome"), choices=options([("", "—")] + list(outcome_labels().items())),
                          validators=[DataRequired(_l("Choose an outcome."))])
    merged_into = IdField(_l("Merged into (only for “Merged”)"), choices=[], validate_choice=False)
    reason = TextAreaField(_l("Public reason"), validators=[
        DataRequired(_l("Give the reason: it is published.")),
        Length(min=REASON_MIN, max=REASON_MAX, message=_l("Write between %(min)d and %(max)d characters."))],
        description=_l("Published with the response and signed with your name and organisation."))


class EndorseForm(FlaskForm):
    organisation = IdField(_l("Endorse as"), validate_choice=True)
    notify = BooleanField(_l("Tell me when it gets a response or a comment"))


class CommentForm(FlaskForm):
    body = TextAreaField(_l("Comment (Markdown)"), validators=[
        DataRequired(REQUIRED), Length(min=BODY_MIN, max=BODY_MAX)])
    parent = HiddenIdField()
    organisation = IdField(_l("Speaking as"))


class HideForm(FlaskForm):
    reason = TextAreaField(_l("Public reason for hiding"), validators=[
        DataRequired(_l("Give the reason: it is published.")),
        Length(min=HIDE_MIN, max=HIDE_MAX, message=_l("Write between %(min)d and %(max)d characters."))])
