"""Form helpers shared by every area."""
from wtforms.fields.choices import SelectChoice


def options(pairs) -> list[SelectChoice]:
    """(value, label) pairs as WTForms select choices."""
    return [SelectChoice(str(value), label) for value, label in pairs]
