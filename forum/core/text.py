"""Checks on free text shared by every service: the same limits for forms, API and CLI."""
import re
import unicodedata

from flask_babel import lazy_gettext as _l

from .errors import DomainError


def clean(value: str | None, field: str, *, max_len: int, min_len: int = 0,
          required: bool = True) -> str:
    """Strip, then refuse blank or oversized text with a message for that field."""
    text = (value or "").strip()
    if required and not text:
        raise DomainError(_l("This field is required."), field)
    if len(text) > max_len:
        raise DomainError(_l("At most %(n)d characters.", n=max_len), field)
    if text and len(text) < min_len:
        raise DomainError(_l("At least %(n)d characters.", n=min_len), field)
    return text


REASON_MIN, REASON_MAX = 30, 5000


def reasoned(reason: str | None, field: str = "reason") -> str:
    """A reasoned response needs a real text, because it is published as the forum's answer:
    not blank, not a few characters, not one word repeated."""
    reason = clean(reason, field, max_len=REASON_MAX, min_len=REASON_MIN)
    if len({w.lower() for w in re.findall(r"\w{2,}", reason)}) < 5:  # five different words at least
        raise DomainError(_l("Explain the reason in a few words: it is published with the response."), field)
    return reason


def fold(text: str) -> str:
    """Lower case without accents: "Educación" and "educacion" are one word to a searcher."""
    return "".join(c for c in unicodedata.normalize("NFKD", text.casefold()) if not unicodedata.combining(c))
