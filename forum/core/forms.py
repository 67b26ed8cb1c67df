"""Form helpers shared by every area."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from wtforms import SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from .clock import utcnow


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms select choices."""
    return [SelectChoice(str(value), label) for value, label in pairs]


class CheckboxesField(SelectMultipleField):
    """A multiple choice shown as a list of checkboxes (OGP values, supporting bodies)."""
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


YEARS_AHEAD = 10


def plausible_time(_form, field) -> None:
    """A meeting or a comment period between the year 2000 and ten years ahead: a typo such
    as 9999 is refused next to the field (it would not even convert to UTC)."""
    value = field.data
    if value is None:
        return
    latest = utcnow().year + YEARS_AHEAD
    if not isinstance(value, datetime) or not 2000 <= value.year <= latest:
        raise ValidationError(_l("Give a date between the year 2000 and %(year)d.", year=latest))
