"""The forms of the absorbed-contributions pages: link a suggestion, dismiss it, claim a
passage, confirm or reject a claim. Shape only; the services judge the rest."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, TextAreaField
from wtforms.validators import DataRequired, Length

from ..core.forms import IdField, NumberField, options
from .labels import how_labels
from .services.absorbed import REASON_MAX, REASON_MIN
from .services.claims import PASSAGE_MAX, PASSAGE_MIN
from .services.links import EXPLANATION_MAX, EXPLANATION_MIN

REQUIRED = _l("This field is required.")


class LinkItForm(FlaskForm):
    how = SelectField(_l("How it shaped this version"), choices=options(how_labels().items()))
    explanation = TextAreaField(_l("Explanation"), validators=[
        DataRequired(REQUIRED), Length(min=EXPLANATION_MIN, max=EXPLANATION_MAX)])


class DismissForm(FlaskForm):
    reason = TextAreaField(_l("Public reason"), validators=[
        DataRequired(_l("Give the reason: it is published.")), Length(min=REASON_MIN, max=REASON_MAX)])


class ClaimForm(FlaskForm):
    version = NumberField(_l("Version"), validators=[DataRequired(REQUIRED)])
    organisation = IdField(_l("Your organisation"), validators=[DataRequired(REQUIRED)], validate_choice=False)
    proposal = NumberField(_l("Your organisation's proposal number"), validators=[DataRequired(REQUIRED)])
    passage = TextAreaField(_l("The passage, word for word as the version says it"), validators=[
        DataRequired(REQUIRED), Length(min=PASSAGE_MIN, max=PASSAGE_MAX)])
