from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileAllowed, FileField
from wtforms import (
    DateField,
    EmailField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.validators import DataRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..core.forms import NAMES_NOTHING, CheckboxesField, IdField, IdsField, WholeNumber, options
from ..core.many_options import ManyOptions
from ..proposals.labels import value_labels
from ..uploads.forms import UploadField
from . import irm_scales
from .labels import how_labels, irm_value_labels, level_labels
from .services import CHANGE_NOTE_MAX, MILESTONE_MAX, TEXT_MAX, TEXT_MIN, TITLE_MAX, TITLE_MIN, assessments
from .services.links import EXPLANATION_MAX, EXPLANATION_MIN
from .services.progress import NOTE_MAX, NOTE_MIN
from .services.signoff import REASON_MAX, REASON_MIN

REQUIRED = _l("This field is required.")


def _text(label, description=None):
    return TextAreaField(label, description=description, validators=[
        DataRequired(REQUIRED), Length(min=TEXT_MIN, max=TEXT_MAX)])


class MilestoneForm(Form):
    """One row of the milestones table; a row left blank is ignored."""

    description = StringField(_l("Milestone"), validators=[Optional(), Length(max=MILESTONE_MAX)])
    responsible_id = IdField(_l("Responsible"), validate_choice=False)
    start_date = DateField(_l("Start"), validators=[Optional()])
    end_date = DateField(_l("End"), validators=[Optional()], description=_l("The target's due date"))
    indicator = StringField(_l("Indicator"), validators=[Optional(), Length(max=MILESTONE_MAX)])
    baseline_value = StringField(_l("Baseline value"), validators=[Optional(), Length(max=MILESTONE_MAX)])
    baseline_date = DateField(_l("Baseline date"), validators=[Optional()])
    baseline_source = StringField(_l("Baseline source"), validators=[Optional(), Length(max=MILESTONE_MAX)])
    target = StringField(_l("Target"), validators=[Optional(), Length(max=MILESTONE_MAX)])
    unit = StringField(_l("Responsible unit"), validators=[Optional(), Length(max=MILESTONE_MAX)])
    verification = StringField(_l("Means of verification"), validators=[Optional(), Length(max=MILESTONE_MAX)])


class CommitmentForm(FlaskForm):
    title = StringField(_l("Title"), validators=[DataRequired(REQUIRED), Length(min=TITLE_MIN, max=TITLE_MAX)])
    problem = _text(_l("Problem addressed"))
    status_quo = _text(_l("Status quo"))
    description = _text(_l("Commitment description"))
    contribution = _text(_l("How it will contribute to solving the problem"))
    ogp_relevance = _text(_l("Relevance to OGP values"))
    values = CheckboxesField(_l("OGP values"), choices=options(value_labels().items()),
                             validators=[DataRequired(_l("Choose at least one OGP value."))])
    lead_agency_id = IdField(_l("Lead agency"), validators=[DataRequired(REQUIRED)])
    supporting = IdsField(_l("Supporting stakeholders"), validate_choice=False)
    start_date = DateField(_l("Start date"), validators=[DataRequired(_l("Give a date (YYYY-MM-DD)."))])
    end_date = DateField(_l("End date"), validators=[DataRequired(_l("Give a date (YYYY-MM-DD)."))])
    milestones = FieldList(FormField(MilestoneForm), min_entries=1)
    change_note = TextAreaField(_l("What changed and why"), validators=[Length(max=CHANGE_NOTE_MAX)])


class RefuseForm(FlaskForm):
    reason = TextAreaField(_l("Public reason for refusing"), validators=[
        DataRequired(_l("Give the reason: it is published.")),
        Length(min=REASON_MIN, max=REASON_MAX, message=_l("Write between %(min)d and %(max)d characters."))])


class OverrideForm(FlaskForm):
    reason = TextAreaField(_l("Public reason for signing milestones the check cannot verify"), validators=[
        DataRequired(_l("Give the reason: it is published.")),
        Length(min=REASON_MIN, max=REASON_MAX, message=_l("Write between %(min)d and %(max)d characters."))])


class LinkForm(FlaskForm):
    # Choices: the forum's eligible inputs by kind (commitments.queries.input_choices). Not
    # validated against them here: the link service refuses anything else with its reason.
    source = SelectField(_l("Input"), validate_choice=False, widget=ManyOptions(),
                         validators=[DataRequired(_l("Choose the input.")),
                                     WholeNumber(message=NAMES_NOTHING, part=-1)],
                         description=_l("Only inputs of this forum that the forum accepted, are published and "
                                        "visible are listed."))
    how = SelectField(_l("How it shaped this version"), choices=options(how_labels().items()))
    explanation = TextAreaField(_l("Explanation"), validators=[
        DataRequired(REQUIRED), Length(min=EXPLANATION_MIN, max=EXPLANATION_MAX)])


class ProposalLinkForm(FlaskForm):
    """On a proposal's page: link it to a commitment of the same forum."""

    commitment = IdField(_l("Commitment"), validators=[DataRequired(REQUIRED)])
    how = SelectField(_l("How it shaped the commitment"), choices=options(how_labels().items()))
    explanation = TextAreaField(_l("Explanation"), validators=[
        DataRequired(REQUIRED), Length(min=EXPLANATION_MIN, max=EXPLANATION_MAX)])


class RetractForm(FlaskForm):
    reason = TextAreaField(_l("Public reason for retracting"), validators=[
        DataRequired(_l("Give the reason: it is published.")), Length(min=EXPLANATION_MIN, max=EXPLANATION_MAX)])


class SupersedeForm(FlaskForm):
    how = SelectField(_l("How it shaped this version"), choices=options(how_labels().items()))
    explanation = TextAreaField(_l("Explanation"), validators=[
        DataRequired(REQUIRED), Length(min=EXPLANATION_MIN, max=EXPLANATION_MAX)])
    reason = TextAreaField(_l("Why the link changes"), validators=[
        DataRequired(REQUIRED), Length(min=EXPLANATION_MIN, max=EXPLANATION_MAX)])


class ProgressForm(FlaskForm):
    milestone = IdField(_l("Milestone"), validators=[DataRequired(REQUIRED)])
    level = SelectField(_l("Progress"), choices=options(level_labels().items()))
    note = TextAreaField(_l("What was done"), validators=[DataRequired(REQUIRED), Length(min=NOTE_MIN, max=NOTE_MAX)])
    evidence = TextAreaField(_l("Evidence (web addresses, one per line)"), validators=[Length(max=5000)],
                             description=_l("A link, with the date you checked it, or a document below."))
    evidence_checked_on = DateField(_l("Date the link was checked"), validators=[Optional()])
    document = UploadField(_l("Evidence document"), required=False,
                           description=_l("PDF, image, office document or CSV, at most 20 MB."))


YES_NO = [("yes", _l("Yes")), ("no", _l("No"))]


def _yes_no(label, missing):
    return RadioField(label, choices=options(YES_NO), validators=[DataRequired(missing)])


class AssessmentForm(FlaskForm):
    """The IRM's fields on its current scale (irm_scales). Completion and 'did it open
    government' stay blank until assessed."""

    relevance = CheckboxesField(_l("Relevant to these OGP values"), choices=options(irm_value_labels().items()),
                                description=_l("Tick none if it is not relevant to any OGP value."))
    verifiable = _yes_no(_l("Verifiable: are the milestones specific and measurable?"),
                         _l("Say whether the milestones are specific and measurable."))
    ogp_lens = _yes_no(_l("Open-government lens: does it make government more transparent, participatory or "
                          "accountable?"), _l("Say whether it is seen through an open-government lens."))
    potential = SelectField(_l("Potential for results"), choices=options(
        irm_scales.potential_words(irm_scales.CURRENT).items()))
    promising = _yes_no(_l("Promising: is it one of the plan's promising commitments?"),
                        _l("Say whether it is a promising commitment."))
    completion = SelectField(_l("Completion"), choices=options(
        [("", _l("Not assessed yet"))] + list(irm_scales.completion_words(irm_scales.CURRENT).items())))
    opened_government = SelectField(_l("Did it open government?"), choices=options(
        [("", _l("Not assessed yet (end of term)"))] + list(irm_scales.opened_words(irm_scales.CURRENT).items())))
    reason = TextAreaField(_l("Public reasoning"), validators=[
        DataRequired(_l("Give the reasoning: it is published.")),
        Length(min=assessments.REASON_MIN, max=assessments.REASON_MAX)])

    def fields(self) -> assessments.Fields:
        yes_no = {"yes": True, "no": False}
        return assessments.Fields(
            relevance=self.relevance.data or [], verifiable=yes_no.get(self.verifiable.data or ""),
            potential=self.potential.data, completion=self.completion.data or None,
            opened_government=self.opened_government.data or None, reason=self.reason.data,
            ogp_lens=yes_no.get(self.ogp_lens.data or ""), promising=yes_no.get(self.promising.data or ""))


class ClusterForm(FlaskForm):
    """Commitments of one cycle the IRM assesses together; the view fills the choices."""

    name = StringField(_l("Name of the cluster"), validators=[DataRequired(REQUIRED), Length(max=200)])
    commitments = IdsField(_l("Commitments in the cluster"), widget=ListWidget(prefix_label=False),
                           option_widget=CheckboxInput(),
                           description=_l("Two or more commitments of this cycle that are in no other cluster."))

    def ids(self) -> list[int]:
        return [int(x) for x in self.commitments.data or []]


class ReviewerForm(FlaskForm):
    email = EmailField(_l("The reviewer's e-mail address"), validators=[DataRequired(REQUIRED), Length(max=254)])
    cycle = SelectField(_l("Cycle"), validators=[DataRequired(REQUIRED)])
    reason = TextAreaField(_l("Public reason for the appointment"), validators=[
        DataRequired(_l("Give the reason: it is published.")),
        Length(min=assessments.REASON_MIN, max=assessments.REASON_MAX)])


class PlanImportForm(FlaskForm):
    """Step one sends the file; the preview sends it back (as text, with its name) to import."""

    file = FileField(_l("Action plan file (CSV or JSON, OGP template)"),
                     validators=[FileAllowed(["csv", "json", "txt"], _l("Send a .csv or .json file."))])
    content = HiddenField()
    filename = HiddenField()
