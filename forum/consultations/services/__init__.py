"""Opening a consultation, commenting in it, and concluding it. Who may do what and when is
decided here; views, API and CLI only call these."""
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from sqlalchemy import func, select

from ... import trail
from ...core.clock import iso, utcnow
from ...core.errors import DomainError
from ...core.lookup import get_row
from ...core.text import clean
from ...extensions import db
from ...forums import notice_period
from ...forums.models import Influence
from ...forums.policy import acting_chair
from ...notifications.services import notify
from ...trail import seal
from ...trail.queries import filtered
from .. import document, notices, policy
from ..models import Audience, Consultation, ConsultationComment, Paragraph, Visibility
from ..public import published
from ..seal_queries import opening, sealed

TITLE_MAX, INTRO_MAX, PROMISE_MAX = 200, 10_000, 2000
PROMISE_MIN = 10
TITLE_MIN = 5
DOCUMENT_MAX, PARAGRAPHS_MAX = 100_000, 400
DOCUMENT_MIN = 20
BODY_MIN, BODY_MAX, SUGGESTION_MAX = 2, 5000, 5000
PUBLISHED = "consultation.comments_published"


def notice_warnings(forum, starts_at: datetime, ends_at: datetime, now: datetime) -> list:
    """OGP asks for enough notice and time to take part; less than the forum's minimum
    either way is allowed but said out loud: on the form, the page and the trail."""
    warnings = []
    n = forum.session_notice_days
    if notice_period.short_notice(forum, starts_at, now):
        warnings.append(lazy_ngettext("The notice before the start is under this forum's minimum of %(num)d day.",
                                      "The notice before the start is under this forum's minimum of %(num)d days.", n))
    if notice_period.short_period(forum, starts_at, ends_at):
        warnings.append(lazy_ngettext("The period for comments is under this forum's minimum of %(num)d day.",
                                      "The period for comments is under this forum's minimum of %(num)d days.", n))
    return warnings


def open_consultation(actor, forum, *, title, starts_at, ends_at, audience, visibility, promise_level, promise,
                      introduction="", draft="document", body=None, commitment=None,
                      accept_short_notice=False) -> Consultation:
    """Open on a free Markdown document (`body`) or on the newest version of `commitment`."""
    policy.may_open(actor, forum).require()
    seat = acting_chair(actor, forum)
    title = clean(title, "title", max_len=TITLE_MAX, min_len=TITLE_MIN)
    introduction = clean(introduction, "introduction", max_len=INTRO_MAX, required=False)
    promise = clean(promise, "promise", max_len=PROMISE_MAX, min_len=PROMISE_MIN)
    if promise_level not in set(Influence):
        raise DomainError(_l("Choose the level of participation you promise."), "promise_level")
    if audience not in set(Audience):
        raise DomainError(_l("Choose who may comment."), "audience")
    if visibility not in set(Visibility):
        raise DomainError(_l("Choose when comments are published."), "visibility")
    now = utcnow()
    if starts_at is None:
        raise DomainError(_l("Give the start date and time."), "starts_at")
    if ends_at is None:
        raise DomainError(_l("Give the end date and time."), "ends_at")
    if ends_at <= starts_at:
        raise DomainError(_l("The end must come after the start."), "ends_at")
    if ends_at <= now:
        raise DomainError(_l("The end is already past."), "ends_at")
    warnings = notice_warnings(forum, starts_at, ends_at, now)
    if warnings and not accept_short_notice:
        raise DomainError(" ".join(str(w) for w in warnings) + " " +
                          str(_l("Tick the box to open it anyway, or give more time.")), "accept_short_notice")
    pairs, version_number = _paragraphs(forum, draft, body, commitment)
    c = Consultation(forum_id=forum.id, title=title, introduction=introduction,
                     commitment_id=commitment.id if version_number else None, version_number=version_number,
                     starts_at=starts_at, ends_at=ends_at, audience=audience, visibility=visibility,
                     promise_level=promise_level, promise=promise, document_sha256=document.fingerprint(pairs),
                     created_by_id=actor.id, created_at=now)
    db.session.add(c)
    db.session.flush()
    db.session.add_all(Paragraph(consultation_id=c.id, number=i + 1, section=section, text=text)
                       for i, (section, text) in enumerate(pairs))
    trail.record("consultation.opened", c, actor=actor, actor_org=seat.organisation, forum=forum, payload={
        "title": title, "starts_at": iso(starts_at), "ends_at": iso(ends_at), "audience": audience,
        "visibility": visibility, "promise_level": promise_level, "promise": promise,
        "commitment": c.commitment_id, "version": version_number, "paragraphs": len(pairs),
        "document_sha256": c.document_sha256,
        # Codes, not sentences: the record is read in every language (and was English before).
        "short_notice": [code for code, short in (
            ("notice", notice_period.short_notice(forum, starts_at, now)),
            ("period", notice_period.short_period(forum, starts_at, ends_at))) if short],
        "notice_days": forum.session_notice_days})
    return c


def _paragraphs(forum, draft, body, commitment):
    if draft == "commitment":
        if commitment is None:
            raise DomainError(_l("Choose the commitment to consult on."), "commitment")
        if commitment.forum_id != forum.id:
            raise DomainError(_l("Choose a commitment of this forum."), "commitment")
        return document.from_version(commitment.versions[-1]), commitment.latest
    body = clean(body, "body", max_len=DOCUMENT_MAX, min_len=DOCUMENT_MIN)
    pairs = [("", text) for text in document.split_markdown(body)]
    if len(pairs) > PARAGRAPHS_MAX:
        raise DomainError(_l("At most %(n)d paragraphs.", n=PARAGRAPHS_MAX), "body")
    return pairs, None


def comment(actor, c: Consultation, body: str, paragraph: int | None = None, suggestion: str | None = None,
            organisation=None) -> ConsultationComment:
    policy.may_comment(actor, c, organisation).require()
    return add_comment(actor, c, body, paragraph, suggestion, organisation)


def add_comment(actor, c: Consultation, body: str, paragraph: int | None = None, suggestion: str | None = None,
                organisation=None, *, region: str | None = None, channel: str = "online", field: str = "body",
                recorded: dict | None = None) -> ConsultationComment:
    """The comment itself, once its caller has judged who may write it: a member online
    (`comment`), or a facilitator recording one made at a workshop or on paper
    (voice/services/recorded_comments.py, which gives its region, channel and `recorded` facts for
    the trail)."""
    now = utcnow()
    body = clean(body, field, max_len=BODY_MAX, min_len=BODY_MIN)
    suggestion = clean(suggestion, "suggestion", max_len=SUGGESTION_MAX, required=False) or None
    if paragraph is not None:
        count = db.session.scalar(select(func.count()).select_from(Paragraph).where(
            Paragraph.consultation_id == c.id, Paragraph.number == paragraph))
        if not count:
            raise DomainError(_l("There is no paragraph %(n)s in this draft.", n=paragraph), "paragraph")
    elif suggestion:
        raise DomainError(_l("Replacement text needs a paragraph to replace: choose one."), "paragraph")
    row = ConsultationComment(consultation_id=c.id, paragraph=paragraph, author_id=actor.id,
                              organisation_id=organisation.id if organisation else None,
                              group=organisation.kind if organisation else "individual", body=body,
                              suggestion=suggestion, created_at=now, nonce=seal.nonce(),
                              region=region or (organisation.region if organisation else None), channel=channel)
    db.session.add(row)
    db.session.flush()
    # A salted commitment, never the text nor a plain hash of it (which would confirm any
    # guessed sentence): its opening is published with the words, and never for a hidden
    # comment. While the consultation withholds comments, not even who wrote on which
    # paragraph: `publish_comments` says it at the close.
    payload = {"comment": row.id, "commitment_sha256": sealed(row)}
    if published(c, now):
        trail.record("consultation.commented", c, actor=actor, actor_org=organisation, forum=c.forum,
                     payload={**payload, "paragraph": paragraph, **(recorded or {})})
    else:
        # Sealed: only that it was not made online, never who recorded it or where.
        trail.record("consultation.commented", c, forum=c.forum,
                     payload={**payload, **({"channel": channel} if recorded else {})})
    return row


def publish_comments(c: Consultation, now: datetime | None = None) -> bool:
    """The trail entry that unseals a consultation whose comments were withheld until its
    close: each published comment's opening (author, organisation, paragraph, nonce), so the
    public checks every `consultation.commented` commitment against the words now shown. A
    comment hidden before this stays sealed. Written once, by the first of: the timer
    (`flask consultations publish`), a response, a hiding, the conclusion."""
    now = now or utcnow()
    if c.visibility != Visibility.AT_CLOSE or not published(c, now):
        return False
    db.session.execute(select(Consultation.id).where(Consultation.id == c.id).with_for_update())
    if db.session.scalar(filtered(subject=("consultation", c.id), action=PUBLISHED).limit(1)) is not None:
        return False
    rows = db.session.scalars(select(ConsultationComment).where(ConsultationComment.consultation_id == c.id)
                              .order_by(ConsultationComment.id))
    trail.record(PUBLISHED, c, forum=c.forum,
                 payload={"openings": [o for o in map(opening, rows) if o is not None]})
    return True


def publish_due(now: datetime | None = None) -> int:
    """Every consultation past its end whose withheld comments are not unsealed on the trail
    yet; how many were. Run from a timer, so the trail says it soon after the close even when
    nobody acts on the consultation."""
    now = now or utcnow()
    due = db.session.scalars(select(Consultation).where(Consultation.visibility == Visibility.AT_CLOSE,
                                                        Consultation.ends_at <= now).order_by(Consultation.id))
    return sum(publish_comments(c, now) for c in list(due))


def conclude(actor, c: Consultation, confirmed: bool) -> Consultation:
    """Only once the period is over and every comment has its reasoned response."""
    policy.may_conclude(actor, c).require()
    seat = acting_chair(actor, c.forum)
    now = utcnow()
    open_count = db.session.scalar(select(func.count()).select_from(ConsultationComment).where(
        ConsultationComment.consultation_id == c.id, ConsultationComment.answered_at.is_(None)))
    if open_count:
        raise DomainError(lazy_ngettext("%(num)d comment still has no response: answer every comment first.",
                                        "%(num)d comments still have no response: answer every comment first.",
                                        open_count))
    if not confirmed:
        raise DomainError(_l("Confirm that the responses are final."), "confirm")
    publish_comments(c, now)
    from ..report import promise_kept
    kept = promise_kept(c, now)
    c.concluded_at, c.concluded_by_id = now, actor.id
    participants = set(db.session.scalars(select(ConsultationComment.author_id).where(
        ConsultationComment.consultation_id == c.id)))
    trail.record("consultation.concluded", c, actor=actor, actor_org=seat.organisation, forum=c.forum,
                 payload={"comments": kept["comments"], "answered": kept["answered"],
                          "answered_on_time": kept["on_time"], "promise_kept": kept["kept"]})
    notify(participants, "consultation_report", c, {}, actor, describe=notices.describe)
    return c


def hide_comment(actor, row: ConsultationComment, reason: str) -> None:
    """Abuse is hidden with a public reason, never deleted; the comment is still counted
    and still owed its response."""
    from ...proposals.services.moderation import hide
    c = get_row(Consultation, row.consultation_id)
    publish_comments(c)  # after the close its words were public: their opening is too
    hide(actor, c.forum, c, row, reason, "consultation.comment_hidden", {"comment": row.id})
