"""Who may open, comment in, answer and conclude a consultation."""
from flask_babel import lazy_gettext as _l

from ..accounts.policy import must_be_confirmed, must_sign_in
from ..core.clock import utcnow
from ..core.policy import Decision, allow, first_refusal, refuse
from ..forums import policy as forums
from ..i18n import when
from ..proposals.policy import speaks_for
from .models import Answer, Audience, Consultation, Phase
from .public import published


def may_open(user, forum) -> Decision:
    return first_refusal(forums.is_chair(user, forum), lambda: forums.is_open(forum))


def in_audience(user, c: Consultation) -> Decision:
    """The audience rule alone: who is invited to comment, whatever the period."""
    signed = must_sign_in(user, _l("Log in to comment."))
    if not signed or c.audience != Audience.MEMBERS:
        return signed
    return forums.is_member(user, c.forum, _l("Only members of this forum can comment in this consultation."))


def in_period(c: Consultation) -> Decision:
    """Comments are received while the consultation is open, however they reach it."""
    phase = c.phase(utcnow())
    if phase == Phase.SCHEDULED:
        return refuse(_l("This consultation has not started: comments open on %(when)s.", when=when(c.starts_at)))
    if phase != Phase.OPEN:
        return refuse(_l("This consultation is closed: comments are no longer received."))
    return allow()


def may_comment(user, c: Consultation, organisation=None) -> Decision:
    # The period is public, so it is said first; then who may speak, and for whom.
    return first_refusal(lambda: in_period(c), lambda: in_audience(user, c), lambda: must_be_confirmed(user),
                         lambda: speaks_for(user, organisation))


def _closed_not_concluded(c: Consultation, if_concluded, if_not_closed) -> Decision:
    """The co-chairs' work on a consultation happens between its end and its report."""
    phase = c.phase(utcnow())
    if phase == Phase.CONCLUDED:
        return refuse(if_concluded)
    if phase != Phase.CLOSED:
        return refuse(if_not_closed)
    return allow()


def may_answer(user, c: Consultation) -> Decision:
    """Reasoned responses are given once the period is over, until the report is final."""
    return first_refusal(forums.is_chair(user, c.forum), lambda: _closed_not_concluded(
        c, _l("This consultation is concluded: its responses are final."),
        _l("Comments are answered after the consultation closes, so every one is weighed against all the others.")))


def may_chair(user, c: Consultation) -> Decision:
    """Hiding abuse, answering and concluding: the co-chairs of the consultation's forum."""
    return forums.is_chair(user, c.forum)


def may_conclude(user, c: Consultation) -> Decision:
    """Once the period is over (every comment answered is checked when concluding)."""
    return first_refusal(forums.is_chair(user, c.forum), lambda: _closed_not_concluded(
        c, _l("This consultation is already concluded."),
        _l("A consultation can be concluded only after its end date.")))


def was_accepted(comment) -> Decision:
    """A consultation comment shapes a commitment only once it is public and its reasoned
    response accepts it (fully or partly)."""
    c = comment.consultation
    if not published(c, utcnow()):
        return refuse(_l("This comment is not published yet: the consultation publishes its comments when it "
                         "closes."), "source")
    if comment.answer not in (Answer.ACCEPTED, Answer.PARTIAL):
        return refuse(_l("Only a comment whose response accepts it (fully or partly) can shape a commitment."),
                      "source")
    return allow()
