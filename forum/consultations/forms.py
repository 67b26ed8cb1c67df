from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, DateTimeLocalField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..commitments.labels import how_labels
from ..commitments.services.links import EXPLANATION_MAX
from ..core.forms import IdField, options, plausible_time
from ..core.text import REASON_MAX, REASON_MIN
from ..forums.labels import influence_labels
from ..proposals.services.moderation import REASON_MAX as HIDE_MAX
from ..proposals.services.moderation import REASON_MIN as HIDE_MIN
from .labels import answer_labels, audience_labels, visibility_labels
from .services import (
    BODY_MAX,
    BODY_MIN,
    DOCUMENT_MAX,
    INTRO_MAX,
    PROMISE_MAX,
    PROMISE_MIN,
    SUGGESTION_MAX,
    TITLE_MAX,
    TITLE_MIN,
)

REQUIRED = _l("This field is required.")
WHEN = _l("Give a date and time (local time, Lima).")


class OpenForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(REQUIRED), Length(min=TITLE_MIN, max=TITLE_MAX)])
    introduction = TextAreaField(_l("What you ask and why (Markdown, optional)"), validators=[Length(max=INTRO_MAX)])
    draft = RadioField(_l("Draft put to consultation"), default="document", choices=options([
        ("document", _l("A document written here")), ("commitment", _l("The newest version of a commitment"))]))
    body = TextAreaField(_l("Document (Markdown)"), validators=[Length(max=DOCUMENT_MAX)],
                         description=_l("Blank lines separate paragraphs; each is numbered so people can "
                                        "comment on it."))
    commitment = IdField(_l("Commitment"), validate_choice=False)
    starts_at = DateTimeLocalField(_l("Comments open"), format="%Y-%m-%dT%H:%M",
                                   validators=[DataRequired(WHEN), plausible_time],
                                   description=_l("Local time, Lima."))
    ends_at = DateTimeLocalField(_l("Comments close"), format="%Y-%m-%dT%H:%M",
                                 validators=[DataRequired(WHEN), plausible_time],
                                 description=_l("Local time, Lima. Nothing is received from this instant."))
    audience = SelectField(_l("Who may comment"), choices=options(audience_labels().items()))
    visibility = SelectField(_l("When comments are published"), choices=options(visibility_labels().items()))
    promise_level = SelectField(_l("Level of participation promised (IAP2)"),
                                choices=options(influence_labels().items()), default="consult")
    promise = TextAreaField(_l("Promise to participants"), validators=[
        DataRequired(REQUIRED), Length(min=PROMISE_MIN, max=PROMISE_MAX)],
        description=_l("Shown on the consultation; the report says whether it was kept."))
    accept_short_notice = BooleanField(_l("Open it anyway, with less notice or time than the forum's minimum"))


class CommentForm(FlaskForm):
    paragraph = IdField(_l("About"), validate_choice=False)
    body = TextAreaField(_l("Comment"), validators=[DataRequired(REQUIRED), Length(min=BODY_MIN, max=BODY_MAX)])
    suggestion = TextAreaField(_l("Suggested replacement text for the paragraph (optional)"),
                               validators=[Length(max=SUGGESTION_MAX)])
    organisation = IdField(_l("Speaking as"), validate_choice=False)


class AnswerForm(FlaskForm):
    outcome = SelectField(_l("Outcome"), choices=options([("", "—")] + list(answer_labels().items())),
                          validators=[DataRequired(_l("Choose an outcome."))])
    reason = TextAreaField(_l("Public reason"), validators=[
        DataRequired(_l("Give the reason: it is published.")),
        Length(min=REASON_MIN, max=REASON_MAX, message=_l("Write between %(min)d and %(max)d characters."))],
        description=_l("Published with the response and signed with your name and organisation."))
    commitment = IdField(_l("It shaped the newest version of (optional)"), validate_choice=False)
    how = SelectField(_l("How it shaped that version"), choices=options(how_labels().items()), validators=[Optional()])
    explanation = TextAreaField(_l("Explanation of the influence (optional: the reason is used)"),
                                validators=[Length(max=EXPLANATION_MAX)])


class ConcludeForm(FlaskForm):
    confirm = BooleanField(_l("Every comment has its final, public response: conclude the consultation"))


class HideForm(FlaskForm):
    reason = TextAreaField(_l("Public reason for hiding"), validators=[
        DataRequired(_l("Give the reason: it is published.")),
        Length(min=HIDE_MIN, max=HIDE_MAX, message=_l("Write between %(min)d and %(max)d characters."))])
