"""Form helpers shared by every area."""
import base64
import binascii
from datetime import datetime

from flask_babel import lazy_gettext as _l
from wtforms import HiddenField, IntegerField, SelectField, SelectMultipleField
from wtforms.fields.choices import SelectChoice
from wtforms.validators import StopValidation, ValidationError
from wtforms.widgets import CheckboxInput, ListWidget

from .clock import utcnow
from .lookup import MAX_ID, whole_number


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


class WholeNumber:
    """The one range check of every form field that holds a number (an id in a select or a
    hidden input, a count of days): ASCII digits from `low` to `high`, at most MAX_ID, the
    bound of the path converter and of `core.args`. A forged 99999999999999999999 is refused
    next to the field, before it can overflow a database column (a 500) or be read as
    "nothing" (a comment posted as an individual when an organisation was named). Blank
    passes: DataRequired or Optional decide whether a blank is allowed. `part` reads one
    piece of a "kind:id" value. tests/fuzz/test_fuzz.py checks every form's numbers carry it."""

    def __init__(self, low: int = 1, high: int = MAX_ID, message=None, part: int | None = None):
        assert 0 <= low <= high <= MAX_ID
        self.low, self.high, self.message, self.part = low, high, message, part

    def __call__(self, _form, field) -> None:
        raw = field.raw_data if isinstance(field, SelectMultipleField) else \
            (field.raw_data or [field.data])[:1]
        for value in raw:
            text = "" if value is None else str(value)
            if self.part is not None and text:
                pieces = text.split(":")
                text = pieces[self.part] if len(pieces) > abs(self.part) else "x"
            if text == "":
                continue
            if whole_number(text, self.low, self.high, digits=len(str(MAX_ID))) is None:
                field.errors[:] = []  # "Not a valid integer value" says less than the range
                raise StopValidation(self.message or _l("Give a number from %(low)d to %(high)d.",
                                                         low=self.low, high=self.high))


NAMES_NOTHING = _l("This choice names nothing here: choose one of the options.")


def _with_range(kwargs: dict) -> dict:
    return {**kwargs, "validators": [*(kwargs.get("validators") or []), WholeNumber(message=NAMES_NOTHING)]}


class IdField(SelectField):
    """A select whose options are rows (an organisation, a paragraph, a commitment): its
    value is range-checked, and `number` is the id or None when blank."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, **_with_range({**kwargs, "validators": validators}))

    @property
    def number(self) -> int | None:
        return int(self.data) if self.data else None


class IdsField(SelectMultipleField):
    """Several rows chosen at once (supporting organisations), each range-checked."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, **_with_range({**kwargs, "validators": validators}))


class HiddenIdField(HiddenField):
    """A row's id carried in the page (the comment a reply answers), range-checked."""

    def __init__(self, label=None, validators=None, **kwargs):
        super().__init__(label, **_with_range({**kwargs, "validators": validators}))


class NumberField(IntegerField):
    """A count typed by a person (days of notice), between `low` and `high`, with `message`
    when it is anything else."""

    def __init__(self, label=None, validators=None, low: int = 1, high: int = MAX_ID, message=None, **kwargs):
        super().__init__(label, validators=[*(validators or []), WholeNumber(low, high, message)], **kwargs)


def _text_fields(area: str) -> tuple[dict[str, str], set[str]]:
    """The free-text fields declared in forum/ (name → label, those of `area`'s forms first,
    as names repeat across forms), and the names that are a password or a hidden value in
    any form: those are never shown back."""
    from wtforms import Form, PasswordField, StringField
    from wtforms.fields.core import UnboundField

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)
    labels: dict[str, str] = {}
    secret: set[str] = set()
    chosen_here: set[str] = set()  # a choice in this area's forms ("values": boxes ticked), text elsewhere
    for cls in sorted(below(Form), key=lambda c: not c.__module__.startswith(area)):
        if not cls.__module__.startswith("forum."):
            continue
        for name in dir(cls):
            unbound = getattr(cls, name, None)
            if not isinstance(unbound, UnboundField):
                continue
            if not issubclass(unbound.field_class, StringField):
                if cls.__module__.startswith(area):
                    chosen_here.add(name)
                continue
            if issubclass(unbound.field_class, (PasswordField, HiddenField)):
                secret.add(name)
            elif name not in chosen_here:
                labels.setdefault(name, unbound.args[0] if unbound.args else unbound.kwargs.get("label") or name)
    return labels, secret - {""}


def typed_text(formdata, area: str = "forum.") -> list[tuple[str, str]]:
    """The text a person typed into a refused POST (an expired form), labelled, so a page
    can give it back: free-text fields only (not a choice, not a box ticked), never a
    password, a hidden value or the token (a name secret in any form is secret in all).
    `area` is the view's package, whose forms name the fields first."""
    labels, secret = _text_fields(area)
    typed = []
    for key, values in formdata.lists():
        name = key.rsplit("-", 1)[-1]  # "comment-body", "milestones-0-description"
        if name in labels and name not in secret and name != "csrf_token":
            typed += [(str(labels[name]), value) for value in values if isinstance(value, str) and value.strip()]
    return typed


def sent_file(form, default_name: str = "plan.csv") -> tuple[bytes | None, str]:
    """The file a form carries: the one uploaded now (`form.file`), or the one a preview sent
    back base64-encoded in a hidden field (`form.content`, `form.filename`) so that
    confirming a dry run does not ask for the file again. (None, "") when there is neither or
    the hidden field was tampered with."""
    if form.file.data:
        return form.file.data.read(), form.file.data.filename or default_name
    if form.content.data:
        try:
            return base64.b64decode(form.content.data, validate=True), form.filename.data or default_name
        except (binascii.Error, ValueError):
            return None, ""
    return None, ""
