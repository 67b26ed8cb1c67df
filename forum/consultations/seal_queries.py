"""A consultation comment's seal: the commitment the trail holds while comments are withheld,
and the opening published at the close that lets anyone recompute it. Pure reads of a row;
the writers that record them are in `services/__init__.py` (`comment`, `publish_comments`)."""
import hashlib

from ..proposals import public as moderated
from ..trail import seal
from .models import ConsultationComment


def sealed(row: ConsultationComment) -> str:
    """The trail's commitment to a comment: its number, author, organisation, paragraph and
    words, under the comment's nonce (trail/seal.py, the rule ballots use)."""
    return seal.commitment(row.id, row.author_id, row.organisation_id or "", row.paragraph or "",
                           _sha(row.body), _sha(row.suggestion) if row.suggestion else "", nonce=row.nonce or "")


def opening(row: ConsultationComment) -> dict | None:
    """What lets anyone recompute `sealed(row)` beside the published words: None for a hidden
    comment (its words are not published, so neither is its nonce) or one made before
    comments were sealed."""
    if not moderated.is_shown(row) or not row.nonce:
        return None
    return {"comment": row.id, "author": row.author_id, "organisation": row.organisation_id,
            "paragraph": row.paragraph, "nonce": row.nonce}


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
