"""The inbox's one write: the day a person's digest went out, so the next daily run skips
them until a day has passed (inbox/mail.py `digest` decides who gets one and queues it).
Private delivery bookkeeping, like a minutes draft: not a decision, so not on the trail."""
from datetime import datetime

from ...accounts.models import User


def digest_sent(user: User, now: datetime) -> None:
    user.digest_sent_at = now
