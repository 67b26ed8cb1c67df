"""What a reader may see of a moderated thing — a proposal, a comment on one, a consultation
comment — and in what words. The one home of "hidden by the co-chairs" on the read side
(`moderation.hide` is the one writer).

Why one home: each reader (the API, the archive, the feeds, search, the front page, the inbox,
the provenance labels, the templates) used to redact a hidden item in its own words — `None`,
`""`, `"#12"`, "Hidden proposal" — and to filter it out with its own SQL. A reader now asks:

- `shown(Model)`: the SQL condition "a reader may see its words", for a query;
- `is_shown(obj)`: the same in Python, for a row in hand (tests/crosscutting/... prove the two
  agree on every record of the demo);
- `withheld(obj)`: None for a visible thing, else the one redacted view (`Withheld`): its number
  and the co-chairs' public reason, with the sentences every reader prints;
- `words(obj, value)`, `title(p)`: the text, or what stands in its place.

A hidden thing keeps its number, dates, status and answers everywhere: hiding takes back the
words, never the record that there were some, nor the duty to answer them.
"""
from dataclasses import dataclass
from typing import Any, TypeVar

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import ColumnElement

T = TypeVar("T")


@dataclass(frozen=True)
class Withheld:
    """The redacted view of a hidden thing: the same shape for every reader."""

    id: int
    reason: str

    @property
    def notice(self) -> str:
        """The sentence shown where the words were."""
        return _("Hidden by the co-chairs: %(reason)s", reason=self.reason)

    @property
    def label(self) -> str:
        """How it is named where it is listed or linked to."""
        return _("#%(id)d, hidden by the co-chairs: %(reason)s", id=self.id, reason=self.reason)

    def __str__(self) -> str:
        return self.label


HIDDEN_TITLE = _l("Hidden by the co-chairs")


def shown(model) -> ColumnElement[bool]:
    """SQL: the rows of `model` whose words a reader may see."""
    return model.hidden_reason.is_(None)


def is_shown(obj) -> bool:
    return getattr(obj, "hidden_reason", None) is None


def withheld(obj) -> Withheld | None:
    reason = getattr(obj, "hidden_reason", None)
    return None if reason is None else Withheld(obj.id, reason)


def words(obj, value: T, hidden: Any = None) -> T | Any:
    """`value` (a field of `obj`) as a reader sees it: `hidden` in its place once hidden."""
    return value if is_shown(obj) else hidden


def title(p) -> str:
    """A proposal's title as listed: its own, or that it was hidden (the reason is on its page)."""
    return p.title if is_shown(p) else str(HIDDEN_TITLE)
