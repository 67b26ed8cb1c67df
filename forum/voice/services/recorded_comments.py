"""Recording a consultation comment made away from the platform — at a workshop or meeting,
on a paper form, by e-mail or letter — by a facilitator of the consultation's forum.

The same rules as a workshop's inputs (workshops.py): its words, the day it was made, the
region (its organisation's unless given), the local witness and the scan of the sheet. It
becomes an ordinary consultation comment (consultations.services.add_comment) with its
channel and region, so sealing, the reasoned-response duty, the report, links and the voice
figures apply unchanged; a `recorded_comments` row keeps who recorded it, when it was made,
the witness and the sheet. The sheet is stored last, once everything else is judged, so a
refused comment leaves no document behind."""
from datetime import date

from flask_babel import lazy_gettext as _l

from ...consultations.models import ConsultationComment
from ...consultations.services import add_comment
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.text import clean
from ...extensions import db
from ...uploads import services as uploads
from .. import policy
from ..models import RECORDED, RecordedComment
from ..sheets import SHEET
from . import require_region
from .workshops import WITNESS_MAX, WITNESS_MIN


def record_comment(actor, consultation, organisation, *, text, made_on, region, witness, channel, sheet,
                   paragraph=None) -> ConsultationComment:
    """`organisation`: the verified organisation it came from, or None for a person speaking
    for themselves (the region must then be given)."""
    policy.may_record_comment(actor, consultation).require()
    if organisation is not None and not organisation.is_verified:
        raise DomainError(_l("Choose among the verified organisations listed."), "organisation")
    if channel not in RECORDED:
        raise DomainError(_l("Choose how the input was given."), "channel")
    if not isinstance(made_on, date):
        raise DomainError(_l("Give the day the comment was made."), "made_on")
    if made_on > utcnow().date() or made_on < consultation.starts_at.date():
        raise DomainError(_l("Give a day between the consultation's opening and today."), "made_on")
    if region:
        region = require_region(region)
    elif organisation is not None and organisation.region:
        region = organisation.region
    else:
        raise DomainError(_l("Choose one of Peru's regions."), "region")
    witness = clean(witness, "witness", max_len=WITNESS_MAX, min_len=WITNESS_MIN)
    if not sheet:
        raise DomainError(_l("Attach the scan or photo of the sheet."), "sheet")
    # The words and the paragraph are judged by the comment itself; its trail entry goes with it.
    facts = {"channel": channel, "region": region, "made_on": made_on.isoformat(), "witness": witness}
    row = add_comment(actor, consultation, text, paragraph, None, organisation, region=region, channel=channel,
                      field="text", recorded=facts)
    stored = uploads.store(actor, sheet, consultation.forum, field="sheet", purpose=SHEET)  # private: names, signatures
    db.session.add(RecordedComment(comment_id=row.id, recorded_by_id=actor.id, made_on=made_on, witness=witness,
                                   sheet_sha256=stored.sha256))
    return row


def of_comments(ids) -> dict[int, RecordedComment]:
    """comment id -> how it was recorded, in one statement (none for a comment made online)."""
    ids = list(ids)
    if not ids:
        return {}
    from sqlalchemy import select
    return {r.comment_id: r for r in db.session.scalars(select(RecordedComment).where(
        RecordedComment.comment_id.in_(ids)))}
