from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length

from ..core.forms import NAMES_NOTHING, IdField, NumberField, WholeNumber, options
from ..organisations.services import REASON_MAX, REASON_MIN
from .labels import influence_labels
from .models import SeatRole
from .services import DESCRIPTION_MAX, SECTOR_MAX, SECTOR_MIN, TITLE_MAX, TITLE_MIN, TOR_MAX


class ForumForm(FlaskForm):
    sector = StringField(_l("Sector"), validators=[DataRequired(_l("This field is required.")),
                                                   Length(min=SECTOR_MIN, max=SECTOR_MAX)])
    cycle = StringField(_l("Action-plan cycle"), validators=[DataRequired(_l("This field is required."))],
                        description=_l("Two years, e.g. 2019-2021."))
    title = StringField(_l("Title"), validators=[DataRequired(_l("This field is required.")),
                                                 Length(min=TITLE_MIN, max=TITLE_MAX)])
    description = TextAreaField(_l("Description"), validators=[Length(max=DESCRIPTION_MAX)])
    terms_of_reference = TextAreaField(_l("Terms of reference (Markdown)"), validators=[Length(max=TOR_MAX)])
    influence_target = SelectField(_l("Target level of public influence (IAP2)"),
                                   choices=options(influence_labels().items()), default="consult")


# "person:organisation", both ids
PERSON_AND_ORGANISATION = [WholeNumber(message=NAMES_NOTHING, part=0), WholeNumber(message=NAMES_NOTHING, part=1)]


class ChairForm(FlaskForm):
    role = SelectField(_l("Co-chair"), choices=options([(SeatRole.STATE_CHAIR, _l("State co-chair")),
                                                        (SeatRole.CIVIL_CHAIR, _l("Civil-society co-chair"))]))
    candidate = SelectField(_l("Person and organisation"), validators=[
        DataRequired(_l("Choose a person and the organisation they represent.")), *PERSON_AND_ORGANISATION])


class MemberForm(FlaskForm):
    candidate = SelectField(_l("Person and organisation"), validators=[
        DataRequired(_l("Choose a person and the organisation they represent.")), *PERSON_AND_ORGANISATION])


class StatusForm(FlaskForm):
    status = SelectField(_l("New status"), choices=options([("open", _l("Open")), ("closed", _l("Closed"))]))
    reason = TextAreaField(_l("Public reason"), validators=[
        DataRequired(_l("Give the reason: it is published.")),
        Length(min=REASON_MIN, max=REASON_MAX, message=_l("Write between %(min)d and %(max)d characters."))])


class RemoveForm(FlaskForm):
    reason = TextAreaField(_l("Public reason"), validators=[
        DataRequired(_l("Give the reason: it is published.")),
        Length(min=REASON_MIN, max=REASON_MAX, message=_l("Write between %(min)d and %(max)d characters."))])


class DeadlineForm(FlaskForm):
    days = NumberField(_l("Days a proposal may wait for its response"), validators=[
        DataRequired(_l("Give a number of days between 1 and 365."))],
        low=1, high=365, message=_l("Give a number of days between 1 and 365."))


def quorum_labels() -> dict:
    return {"majority_both": _l("A majority of members, with the State and civil society both present"),
            "majority": _l("A majority of members")}


class SessionRulesForm(FlaskForm):
    notice_days = NumberField(_l("Days of notice for sessions and consultations"), validators=[
        InputRequired(_l("Give a number of days between 0 and 60."))],
        low=0, high=60, message=_l("Give a number of days between 0 and 60."))
    quorum_rule = SelectField(_l("Quorum"), choices=options(quorum_labels().items()))


class WitnessForm(FlaskForm):
    key = StringField(_l("Witness key"), validators=[DataRequired(_l("Paste the witness key.")), Length(max=300)],
                      description=_l("As printed by 'traza-witness init': name+key ID+base64 key."))
    organisation = IdField(_l("Organisation"), validators=[DataRequired(_l("Choose the organisation."))])
