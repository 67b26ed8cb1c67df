"""Read-only questions about forums, returning plain data for pages, API and exports."""
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session, joinedload

from ..extensions import db
from ..organisations.models import Organisation, OrgKind
from .models import Forum, Seat, SeatRole

GROUPS = tuple(OrgKind)


def composition(forum: Forum) -> dict:
    """Active seats by stakeholder group, and the imbalances the page must warn about.

    The OGP standard asks for a balanced forum: the State side must not outnumber civil
    society, and every stakeholder group should have a voice.
    """
    seats = list(db.session.scalars(
        select(Seat).where(Seat.forum_id == forum.id, Seat.ended_at.is_(None))
        .options(joinedload(Seat.user), joinedload(Seat.organisation)).order_by(Seat.id)))
    by_group: dict[str, list[Seat]] = {g: [] for g in GROUPS}
    for seat in seats:
        by_group[seat.organisation.kind].append(seat)
    counts = {g: len(v) for g, v in by_group.items()}
    return {
        "seats": by_group,
        "counts": counts,
        "total": len(seats),
        "chairs": {s.role: s for s in seats if s.role != SeatRole.MEMBER},
        "state_outnumbers_civil": counts[OrgKind.GOVERNMENT] > counts[OrgKind.CIVIL_SOCIETY],
        "missing_groups": [g for g in GROUPS if counts[g] == 0],
    }


def list_forums(*, sector=None, cycle=None, status=None):
    q = select(Forum).order_by(Forum.cycle.desc(), Forum.sector, Forum.title)
    if sector:
        q = q.where(Forum.sector == sector)
    if cycle:
        q = q.where(Forum.cycle == cycle)
    if status:
        q = q.where(Forum.status == status)
    return q


def cycles() -> list[str]:
    """Action-plan cycles that have forums, newest first."""
    return list(db.session.scalars(select(Forum.cycle).distinct().order_by(Forum.cycle.desc())))


def filter_values() -> dict:
    return {
        "sectors": list(db.session.scalars(select(Forum.sector).distinct().order_by(Forum.sector))),
        "cycles": cycles(),
    }


def seat_counts(forum_ids) -> dict[int, int]:
    """Member counts for many forums in one query (list pages)."""
    if not forum_ids:
        return {}
    rows = db.session.execute(select(Seat.forum_id, func.count()).where(
        Seat.forum_id.in_(forum_ids), Seat.ended_at.is_(None)).group_by(Seat.forum_id))
    return dict(rows.all())


def candidates(forum: Forum) -> list[tuple]:
    """(user, organisation) pairs a co-chair may seat: approved members of verified
    organisations who do not already sit in the forum."""
    from ..accounts.models import User
    from ..organisations.models import MemberStatus, OrgMembership, OrgStatus

    seated = select(Seat.user_id).where(Seat.forum_id == forum.id, Seat.ended_at.is_(None))
    rows = db.session.execute(
        select(User, Organisation).join(OrgMembership, OrgMembership.user_id == User.id)
        .join(Organisation, Organisation.id == OrgMembership.organisation_id)
        .where(OrgMembership.status == MemberStatus.APPROVED, Organisation.status == OrgStatus.VERIFIED,
               User.id.not_in(seated))
        .order_by(Organisation.name, User.display_name))
    return [tuple(r) for r in rows]


def seat_of(forum: Forum, user_id) -> Seat | None:
    """The active seat of the person with this id (a number from a form or socket event,
    so anything else is simply nobody's), or None."""
    if not isinstance(user_id, int) or isinstance(user_id, bool):
        return None
    asked = _asked_this_request()
    if asked is not None and (forum.id, user_id) in asked:
        return asked[(forum.id, user_id)]
    if asked is not None and _all_seats_of_reader(asked, user_id):
        return asked.get((forum.id, user_id))
    seat = db.session.scalar(select(Seat).where(
        Seat.forum_id == forum.id, Seat.user_id == user_id, Seat.ended_at.is_(None)))
    if asked is not None:
        asked[(forum.id, user_id)] = seat
    return seat


def _all_seats_of_reader(asked: dict, user_id: int) -> bool:
    """Whether `asked` holds every active seat of this person, loading them in one query if
    they are the request's reader: a page asks about its reader in several forums, and a
    remembered page's questions are asked again of each signed-in reader (forum/pageasks.py),
    so their seats are read once per request, not once per forum and question."""
    from flask_login import current_user
    if ("all", user_id) in asked:
        return True
    if not current_user.is_authenticated or current_user.id != user_id:
        return False
    asked.update({(seat.forum_id, user_id): seat for seat in db.session.scalars(select(Seat).where(
        Seat.user_id == user_id, Seat.ended_at.is_(None)))})
    asked[("all", user_id)] = True
    return True


def _asked_this_request() -> dict | None:
    """The seats this page asked for already: a signed-in page asks the same question 3–6
    times (its controls, its predicates, its navigation). Only while reading a page (a GET
    writes nothing); never in a socket event, whose request lives as long as the connection."""
    from flask import g, has_request_context, request
    if not has_request_context() or request.method not in ("GET", "HEAD") or getattr(request, "sid", None):
        return None
    if db.session.new or db.session.dirty or db.session.deleted:  # a seat may be changing: ask the table
        g.pop("seats_asked", None)
        return None
    return g.setdefault("seats_asked", {})


@event.listens_for(Session, "after_flush")
def _forget_seats_asked(_session, _context) -> None:
    """Whatever is written ends what was remembered: a script or a test that reads and writes
    inside one request context (a page view never writes) must not read an answer from before."""
    from flask import g, has_app_context
    if has_app_context():
        g.pop("seats_asked", None)


def seats_known(forum_id: int, seats) -> None:
    """A page that read a forum's active seats (a session's attendance list) tells the memo:
    asking `seat_of` for each member afterwards (who may be designated to write the minutes)
    then costs no query per member. Outside a page view nothing is remembered."""
    asked = _asked_this_request()
    if asked is not None:
        asked.update(((forum_id, seat.user_id), seat) for seat in seats if seat.ended_at is None)


def active_seat(user, forum: Forum) -> Seat | None:
    if user is None or not getattr(user, "is_authenticated", True):
        return None
    return seat_of(forum, user.id)


def chair_seat(user, forum: Forum) -> Seat | None:
    """The user's co-chair seat in this forum — and only this forum — or None."""
    seat = active_seat(user, forum)
    return seat if seat is not None and seat.is_chair else None


def seat_with_role(forum: Forum, role: str) -> Seat | None:
    return db.session.scalar(select(Seat).where(
        Seat.forum_id == forum.id, Seat.role == role, Seat.ended_at.is_(None)))


def civil_chair_organisations(user) -> list[Organisation]:
    """The organisations whose civil-society co-chair seat this person holds, in any forum."""
    if user is None or not getattr(user, "is_authenticated", True):
        return []
    return list(db.session.scalars(select(Organisation).join(Seat, Seat.organisation_id == Organisation.id).where(
        Seat.user_id == user.id, Seat.role == SeatRole.CIVIL_CHAIR, Seat.ended_at.is_(None)).distinct()))


def chair_seats(user, forums: list[Forum]) -> dict[int, Seat | None]:
    """forum id -> `chair_seat(user, forum)` for many forums in one statement; the seats it
    reads are remembered for the rest of the page view as `seat_of` remembers them."""
    if user is None or not getattr(user, "is_authenticated", True) or not forums:
        return {f.id: None for f in forums}
    asked = _asked_this_request()
    everything = asked is not None and _all_seats_of_reader(asked, user.id)
    missing = [f.id for f in forums if asked is None or (not everything and (f.id, user.id) not in asked)]
    found = {s.forum_id: s for s in db.session.scalars(select(Seat).where(
        Seat.forum_id.in_(missing), Seat.user_id == user.id, Seat.ended_at.is_(None)))} if missing else {}
    if asked is not None:
        asked.update({(fid, user.id): found.get(fid) for fid in missing})
    seats = {f.id: found[f.id] if f.id in found else (asked or {}).get((f.id, user.id)) for f in forums}
    return {fid: s if s is not None and s.is_chair else None for fid, s in seats.items()}
