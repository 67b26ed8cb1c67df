"""The web forms of the agreed and adopted plans: shape only; the rules are the services'."""
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import DateField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional

from ..core.forms import IdField
from ..core.text import REASON_MAX
from ..uploads.forms import UploadField
from .labels import kind_labels
from .services.official import Official, Text

REQUIRED = _l("This field is required.")


class InstrumentForm(FlaskForm):
    kind = SelectField(_l("Kind of instrument"), validators=[DataRequired(REQUIRED)])
    number = StringField(_l("Number"), validators=[DataRequired(REQUIRED), Length(max=80)],
                         description=_l("e.g. 123-2020-PCM"))
    issuer = StringField(_l("Issuing body"), validators=[DataRequired(REQUIRED), Length(max=200)])
    published_on = DateField(_l("Date of publication"), validators=[DataRequired(REQUIRED)])
    starts_on = DateField(_l("Official start of the plan"), validators=[DataRequired(REQUIRED)])
    ends_on = DateField(_l("Official end of the plan"), validators=[DataRequired(REQUIRED)])
    url = StringField(_l("Web address of the publication"), validators=[DataRequired(REQUIRED), Length(max=500)])
    pdf = UploadField(_l("The instrument as published (PDF, at most 20 MB)"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.kind.choices = [(k, str(v)) for k, v in kind_labels().items()]

    def official(self) -> Official:
        return Official(self.kind.data, self.number.data, self.issuer.data, self.published_on.data,
                        self.starts_on.data, self.ends_on.data, self.url.data)


class TextForm(FlaskForm):
    forum = IdField(_l("Forum"), validate_choice=False, validators=[DataRequired(REQUIRED)])
    title = StringField(_l("Title"), validators=[DataRequired(REQUIRED), Length(max=200)])
    problem = TextAreaField(_l("Problem"), validators=[Optional(), Length(max=5000)])
    status_quo = TextAreaField(_l("Status quo"), validators=[Optional(), Length(max=5000)])
    description = TextAreaField(_l("Description"), validators=[Optional(), Length(max=10000)])
    contribution = TextAreaField(_l("Contribution"), validators=[Optional(), Length(max=5000)])
    ogp_relevance = TextAreaField(_l("Relevance to OGP values"), validators=[Optional(), Length(max=5000)])
    values = StringField(_l("OGP values (comma-separated)"), validators=[Optional(), Length(max=100)])

    def text(self) -> Text:
        return Text(self.title.data, self.problem.data or "", self.status_quo.data or "",
                    self.description.data or "", self.contribution.data or "", self.ogp_relevance.data or "",
                    self.values.data or "")


class MatchForm(FlaskForm):
    agreed = IdField(_l("Agreed commitment"), validate_choice=False, validators=[DataRequired(REQUIRED)])
    adopted = IdField(_l("Adopted commitment"), validate_choice=False, validators=[DataRequired(REQUIRED)])


class AnswerForm(FlaskForm):
    answer = TextAreaField(_l("The State's reasoned answer"), validators=[DataRequired(REQUIRED),
                                                                       Length(max=REASON_MAX)])


class DissentForm(FlaskForm):
    reason = TextAreaField(_l("Your organisation's reasons for dissenting"),
                           validators=[DataRequired(REQUIRED), Length(max=REASON_MAX)])
