"""What a private document is for, and who may read it: a rule each higher area hands in.

A document is public unless the feature that stores it names a purpose (`store(...,
purpose="workshop_sheet")`); that name is kept on the row (`Document.purpose`). The rule of
a purpose lives in the area that owns it — its `policy.py` — and is registered here when
the app starts, because this area sits below every feature that stores a file and may not
import them (docs/architecture.md). A purpose nobody registered is readable by nobody:
forgetting a rule withholds a document, it never publishes one.

Registered today: `workshop_sheet` (forum/voice/sheets.py → `voice.policy.may_read_sheet`).
"""
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from ..core.policy import Decision


@dataclass(frozen=True)
class Purpose:
    name: str
    may_read: Callable[[Any, Any], Decision]  # (user, document) -> Decision
    withheld: Any  # a lazy string: why its bytes are withheld from others, shown where it is listed


_PURPOSES: dict[str, Purpose] = {}


def register(name: str, may_read: Callable[[Any, Any], Decision], withheld) -> None:
    """Called by the owning area at app start (again on every app: the same rule)."""
    _PURPOSES[name] = Purpose(name, may_read, withheld)


def get(name: str) -> Purpose | None:
    return _PURPOSES.get(name)
