"""One search over everything public: proposals, consultation comments, consultations,
commitments, organisations and sessions, with the same filters for all (forum, cycle,
stakeholder group, organisation, status) kept in the URL.

It searches what an anonymous visitor may read, whoever asks, so a result never shows
what the person's page would hide: hidden proposals and comments are left out, and so are
comments whose consultation publishes them only at its close. A filter that names nothing
(an unknown forum, a status no kind has) is reported next to its field and left out,
never an error page. A fixed number of queries per search, whatever the data size."""
from dataclasses import dataclass, field
from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, select

from ..commitments.models import Commitment, CommitmentVersion
from ..consultations import public as consultations_public
from ..consultations.models import Consultation, ConsultationComment, Phase
from ..core.lookup import get_optional
from ..core.text import fold
from ..extensions import db
from ..forums.models import Forum
from ..organisations.models import Organisation, OrgStatus
from ..organisations.queries import verified
from ..proposals import public as moderated
from ..proposals.models import Proposal, Status
from ..proposals.queries import browse, count
from ..proposals.search import words
from ..sessions.models import ForumSession, SessionStatus

KINDS = ("proposals", "comments", "consultations", "commitments", "organisations", "sessions")
GROUPS = ("government", "civil_society", "academia", "private", "individual")
#: The statuses each kind has; a status filter keeps only the kinds that have it.
STATUSES = {"proposals": {s.value for s in Status}, "consultations": {p.value for p in Phase},
            "commitments": {"adopted", "draft"}, "sessions": {s.value for s in SessionStatus}}
#: Which kinds a group or an organisation filter can apply to.
BY_GROUP = {"proposals", "comments", "organisations"}
SHOWN, SHOWN_ONE_KIND = 10, 100
SCAN = 5000  # rows of a small kind read to match words without accents


@dataclass
class Filters:
    q: str = ""
    kind: str = ""
    forum: Forum | None = None
    cycle: str = ""
    group: str = ""
    organisation: Organisation | None = None
    status: str = ""
    problems: dict = field(default_factory=dict)  # field -> why its value was left out

    @property
    def words(self) -> list[str]:
        return [fold(w) for w in words(self.q)]

    @property
    def empty(self) -> bool:
        return not (self.words or self.forum or self.cycle or self.group or self.organisation or self.status)

    def kinds(self) -> list[str]:
        kinds = [self.kind] if self.kind else list(KINDS)
        if self.status:
            kinds = [k for k in kinds if self.status in STATUSES.get(k, ())]
        if self.group or self.organisation:
            kinds = [k for k in kinds if k in BY_GROUP]
        if self.forum or self.cycle:
            kinds = [k for k in kinds if k != "organisations"]
        return kinds


def read(args) -> Filters:
    """Filters from a query string; what names nothing is dropped with the reason."""
    f = Filters(q=(args.get("q") or "").strip()[:200])
    kind = args.get("kind") or ""
    if kind in KINDS:
        f.kind = kind
    elif kind:
        f.problems["kind"] = _l("There is no such kind of record; all kinds are searched.")
    f.forum = _named(f, args, "forum", Forum, lambda x: True,
                     _l("No forum has this number; all forums are searched."))
    cycle = args.get("cycle") or ""
    if cycle and db.session.scalar(select(func.count()).select_from(Forum).where(Forum.cycle == cycle)):
        f.cycle = cycle
    elif cycle:
        f.problems["cycle"] = _l("No forum belongs to this cycle; all cycles are searched.")
    group = args.get("group") or ""
    if group in GROUPS:
        f.group = group
    elif group:
        f.problems["group"] = _l("There is no such stakeholder group; all groups are searched.")
    f.organisation = _named(f, args, "organisation", Organisation, lambda o: o.status == OrgStatus.VERIFIED,
                            _l("No verified organisation has this number; all are searched."))
    status = args.get("status") or ""
    if any(status in values for values in STATUSES.values()):
        f.status = status
    elif status:
        f.problems["status"] = _l("No record has this status; every status is searched.")
    return f


def _named(f: Filters, args, name: str, model, acceptable, problem):
    """The row a filter's number names, or None — with the problem noted when it names none."""
    if not args.get(name):
        return None
    row = get_optional(model, args.get(name))
    if row is None or not acceptable(row):
        f.problems[name] = problem
        return None
    return row


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    endpoint: str
    args: dict
    forum: str = ""
    status: str = ""
    snippet: str = ""
    when: datetime | None = None


@dataclass(frozen=True)
class Found:
    hits: list[Hit]
    total: int


def everything(f: Filters, now: datetime) -> dict[str, Found]:
    if f.empty:
        return {}
    limit = SHOWN_ONE_KIND if f.kind else SHOWN
    finders = {"proposals": _proposals, "comments": _comments, "consultations": _consultations,
               "commitments": _commitments, "organisations": _organisations, "sessions": _sessions}
    return {kind: finders[kind](f, now, limit) for kind in f.kinds()}


def _forum_ids(f: Filters):
    """A subquery of the forums in scope, or None for all."""
    if f.forum is not None:
        return [f.forum.id]
    if f.cycle:
        return select(Forum.id).where(Forum.cycle == f.cycle)
    return None


def _matches(text: str, folded_words: list[str]) -> bool:
    folded = fold(text)
    return all(w in folded for w in folded_words)


def _snippet(text: str, folded_words: list[str], width: int = 160) -> str:
    """The part of a long text around the first word found."""
    text = " ".join((text or "").split())
    at = min((fold(text).find(w) for w in folded_words if fold(text).find(w) >= 0), default=0)
    start = max(0, at - width // 3)
    return ("…" if start else "") + text[start:start + width] + ("…" if start + width < len(text) else "")


def _proposals(f: Filters, now, limit) -> Found:
    query = browse(forum_id=f.forum.id if f.forum else None, cycle=f.cycle or None, status=f.status or None,
                   group=f.group or None, organisation_id=f.organisation.id if f.organisation else None,
                   q=f.q or None).where(moderated.shown(Proposal))
    rows = db.session.scalars(query.limit(limit)).unique().all()
    hits = [Hit("proposals", p.title, "proposals.show", {"proposal_id": p.id}, p.forum.title, p.status,
                _snippet(p.problem, f.words), p.submitted_at) for p in rows]
    return Found(hits, count(query))


def _accentless(word: str) -> str:
    """A LIKE pattern for a folded word where each vowel may carry an accent: "deforestacion"
    finds "deforestación" (a vowel matches any one letter; a rare false match is the price)."""
    escaped = word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return "".join("_" if ch in "aeiou" else ch for ch in escaped)


def _comments(f: Filters, now, limit) -> Found:
    """Only published, unhidden comments; words matched in SQL, as there may be a hundred
    thousand of them (case folded; accents through `_accentless`)."""
    conditions = [consultations_public.comment_shown_sql(now)]
    if (scope := _forum_ids(f)) is not None:
        conditions.append(Consultation.forum_id.in_(scope))
    if f.group:
        conditions.append(ConsultationComment.group == f.group)
    if f.organisation:
        conditions.append(ConsultationComment.organisation_id == f.organisation.id)
    for w in f.words:
        conditions.append(func.lower(ConsultationComment.body).like(f"%{_accentless(w)}%", escape="\\"))
    where = and_(*conditions)
    base = select(ConsultationComment, Consultation, Forum.title).join(
        Consultation, Consultation.id == ConsultationComment.consultation_id).join(
        Forum, Forum.id == Consultation.forum_id).where(where)
    rows = db.session.execute(base.order_by(ConsultationComment.id.desc()).limit(limit)).all()
    total = db.session.scalar(select(func.count()).select_from(ConsultationComment).join(
        Consultation, Consultation.id == ConsultationComment.consultation_id).where(where)) or 0
    hits = [Hit("comments", c.title, "consultations.show", {"consultation_id": c.id, "_anchor": f"c{x.id}"},
                forum, "", _snippet(x.body, f.words), x.created_at) for x, c, forum in rows]
    return Found(hits, total)


def _small(query, text_of, f: Filters, limit: int):
    """Small kinds: read the candidates, match the words without accents in Python."""
    rows = db.session.execute(query.limit(SCAN)).all()
    found = [r for r in rows if _matches(text_of(r), f.words)] if f.words else list(rows)
    return found[:limit], len(found)


def _consultations(f: Filters, now, limit) -> Found:
    query = select(Consultation, Forum.title).join(Forum, Forum.id == Consultation.forum_id)
    if (scope := _forum_ids(f)) is not None:
        query = query.where(Consultation.forum_id.in_(scope))
    # Every match is kept (limit SCAN): the phase is a status only Python can tell, so it is
    # filtered after the words, and the total counts what is left.
    rows, _total = _small(query.order_by(Consultation.starts_at.desc()),
                          lambda r: f"{r[0].title} {r[0].introduction or ''}", f, SCAN)
    rows = [r for r in rows if not f.status or r[0].phase(now) == f.status]
    return Found([Hit("consultations", c.title, "consultations.show", {"consultation_id": c.id}, forum,
                      c.phase(now), _snippet(c.introduction or "", f.words), c.starts_at)
                  for c, forum in rows[:limit]], len(rows))


def _commitments(f: Filters, now, limit) -> Found:
    query = select(Commitment, CommitmentVersion, Forum.title).join(
        CommitmentVersion, (CommitmentVersion.commitment_id == Commitment.id)
        & (CommitmentVersion.number == Commitment.latest)).join(Forum, Forum.id == Commitment.forum_id)
    if (scope := _forum_ids(f)) is not None:
        query = query.where(Commitment.forum_id.in_(scope))
    if f.status == "adopted":
        query = query.where(Commitment.adopted.is_not(None))
    elif f.status == "draft":
        query = query.where(Commitment.adopted.is_(None))
    rows, total = _small(query.order_by(Commitment.id.desc()),
                         lambda r: f"{r[1].title} {r[1].problem} {r[1].description}", f, limit)
    return Found([Hit("commitments", v.title, "commitments.show", {"commitment_id": c.id}, forum,
                      "adopted" if c.adopted is not None else "draft", _snippet(v.description, f.words))
                  for c, v, forum in rows], total)


def _organisations(f: Filters, now, limit) -> Found:
    orgs = verified(f.q)
    if f.group:
        orgs = [o for o in orgs if o.kind == f.group]
    if f.organisation:
        orgs = [o for o in orgs if o.id == f.organisation.id]
    return Found([Hit("organisations", o.name, "organisations.show", {"org_id": o.id}, "", o.kind,
                      _snippet(o.description or "", f.words)) for o in orgs[:limit]], len(orgs))


def _sessions(f: Filters, now, limit) -> Found:
    query = select(ForumSession, Forum.title).join(Forum, Forum.id == ForumSession.forum_id)
    if (scope := _forum_ids(f)) is not None:
        query = query.where(ForumSession.forum_id.in_(scope))
    if f.status:
        query = query.where(ForumSession.status == f.status)
    rows, total = _small(query.order_by(ForumSession.starts_at.desc()),
                         lambda r: f"{r[0].title} {r[0].place}", f, limit)
    return Found([Hit("sessions", s.title, "sessions.show", {"session_id": s.id}, forum, s.status, s.place,
                      s.starts_at) for s, forum in rows], total)
