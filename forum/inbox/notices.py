"""Every area's sentences for the news it sends, in one registry: the notifications page
and the daily digest say each kind the way the area that sent it does."""
import json
from datetime import datetime

from sqlalchemy import select

from ..commitments import absorbed_notices
from ..commitments import notices as commitments_notices
from ..consultations import notices as consultations_notices
from ..consultations.models import Consultation
from ..extensions import db
from ..notifications.models import Notification
from ..notifications.queries import line_for, link_for
from ..plans import notices as plans_notices
from ..proposals import notices as proposals_notices
from ..proposals.models import Proposal
from ..voice import notices as voice_notices

DESCRIBE = {kind: area.describe
            for area in (proposals_notices, commitments_notices, consultations_notices, plans_notices,
                         absorbed_notices, voice_notices)
            for kind in area.KINDS}


def with_titles(user_id: int, *conditions, limit: int = 200):
    """A person's notifications, newest first, with the title of what each is about."""
    return db.session.execute(
        select(Notification, Proposal.title, Consultation.title)
        .outerjoin(Proposal, Proposal.id == Notification.proposal_id)
        .outerjoin(Consultation, Consultation.id == Notification.consultation_id)
        .where(Notification.user_id == user_id, *conditions).order_by(Notification.id.desc()).limit(limit)).all()


def unread_since(user, since: datetime) -> list:
    """The unread news of one person since a time, oldest first, as (sentence-maker, link)."""
    rows = with_titles(user.id, Notification.read_at.is_(None), Notification.created_at > since, limit=100)
    return [line_for(DESCRIBE[n.kind], n.kind, pt or ct or "", json.loads(n.params), link_for(n))
            for n, pt, ct in reversed(rows)]
