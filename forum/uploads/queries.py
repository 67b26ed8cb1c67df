"""What a page shows of a stored document where it lists it."""
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select

from ..extensions import db
from . import policy
from .models import Document


@dataclass(frozen=True)
class Card:
    sha256: str
    size: int
    media_type: str
    withheld: Any  # None for a public document; else why its bytes are withheld from others
    readable: bool  # may this reader open the bytes


def card(user, sha256: str) -> Card | None:
    doc = db.session.scalar(select(Document).where(Document.sha256 == sha256))
    if doc is None:
        return None
    return Card(doc.sha256, doc.size, doc.media_type, policy.withheld(doc), bool(policy.may_read(user, doc)))
