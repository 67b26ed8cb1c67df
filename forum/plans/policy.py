"""Who may sign the agreed plan, record the official one, match them, publish the comparison,
answer a discrepancy and dissent from it; each "no" with its reason."""
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..accounts.policy import is_admin, must_sign_in, signed_in
from ..core.policy import Decision, allow, deny, first_refusal, refuse
from ..extensions import db
from ..forums import policy as forums
from ..forums.models import Forum, SeatRole
from ..forums.queries import active_seat, chair_seat, chair_seats
from .models import AgreedKey, Discrepancy, Dissent, Instrument


def may_sign_agreed(user, forum: Forum) -> Decision:
    """One key on the plan as agreed: a co-chair, on a forum with adopted commitments whose
    list is not agreed already, once per side, never both keys by one person."""
    return sign_decisions(user, [forum])[forum.id]


def sign_decisions(user, forums_: list[Forum]) -> dict[int, Decision]:
    """`may_sign_agreed` for every forum of a page at once, in the same few statements whatever
    the number of forums (the cycle's page asks it for each of them): the person's chair seats,
    the snapshots of the forums they chair, their plans and the keys on the pending ones."""
    from . import agreed_queries
    seats = chair_seats(user, forums_)
    chaired = [f for f in forums_ if seats.get(f.id) is not None]
    snapshots = agreed_queries.snapshots(chaired)
    latest, pending = agreed_queries.latest_and_pending(chaired)
    turned: dict[int, list] = {}
    if pending:
        for plan_id, side, who in db.session.execute(select(AgreedKey.plan_id, AgreedKey.side, AgreedKey.user_id)
                                                     .where(AgreedKey.plan_id.in_([p.id for p in pending.values()]))):
            turned.setdefault(plan_id, []).append((side, who))
    out = {}
    for f in forums_:
        seat = seats.get(f.id)
        if seat is None:
            out[f.id] = forums.is_chair(user, f)
            continue
        snapshot = snapshots.get(f.id)
        if not snapshot:
            out[f.id] = refuse(_l("No commitment of this forum is adopted yet: there is no plan to agree."))
            continue
        digest = agreed_queries.digest(snapshot)
        last, waiting = latest.get(f.id), pending.get(f.id)
        keys = turned.get(waiting.id, []) if waiting is not None and waiting.sha256 == digest else []
        if last is not None and last.sha256 == digest:
            out[f.id] = refuse(_l("This plan is already agreed by both co-chairs."))
        elif any(side == seat.role for side, _who in keys):
            out[f.id] = refuse(_l("Your side has already signed this plan; the other co-chair must sign it."))
        elif any(who == user.id for _side, who in keys):
            out[f.id] = refuse(_l("One person cannot turn both keys: the other co-chair must decide."))
        else:
            out[f.id] = allow()
    return out


def may_record_instrument(user, cycle: str) -> Decision:
    """A co-chair of any forum of the cycle, or a platform admin."""
    if not signed_in(user):
        return must_sign_in(user)
    if is_admin(user):
        return allow()
    chaired = [f for f in db.session.scalars(select(Forum).where(Forum.cycle == cycle))
               if chair_seat(user, f) is not None]
    return allow() if chaired else deny(_l("Only a co-chair of a forum of this cycle, or a platform admin, "
                                           "can record the official plan."))


def may_add_text(user, instrument: Instrument, forum: Forum | None) -> Decision:
    """An adopted commitment's text, for a forum of the instrument's cycle the person chairs
    (or any, for a platform admin)."""
    if not signed_in(user):
        return must_sign_in(user)
    if forum is None or forum.cycle != instrument.cycle:
        return refuse(_l("Choose a forum of this plan's cycle."), "forum")
    if is_admin(user) or chair_seat(user, forum) is not None:
        return allow()
    return deny(_l("Only the co-chairs of this forum, or a platform admin, can record its adopted text."), "forum")


def may_match(user, forum: Forum) -> Decision:
    """Matching an agreed commitment to an adopted one, and publishing the comparison."""
    from . import agreed_queries
    return first_refusal(forums.is_chair(user, forum),
                         lambda: allow() if agreed_queries.latest_agreed(forum) is not None else refuse(
                             _l("There is no agreed plan yet: both co-chairs must sign it first.")))


def may_publish(user, forum: Forum) -> Decision:
    return may_match(user, forum)


def may_answer(user, d: Discrepancy) -> Decision:
    """The State co-chair of the discrepancy's forum, once."""
    return _answer(chair_seat(user, d.forum), d)


def _answer(seat, d: Discrepancy) -> Decision:
    if seat is None or seat.role != SeatRole.STATE_CHAIR:
        return deny(_l("Only the State co-chair of this forum answers for a discrepancy."))
    if d.answered_at is not None:
        return refuse(_l("This discrepancy has already been answered."))
    return allow()


def answer_decisions(user, found: list[Discrepancy]) -> dict[int, Decision]:
    """`may_answer` for many discrepancies of a page: one seat lookup per forum."""
    seats = {f.id: chair_seat(user, f) for f in {d.forum for d in found}}
    return {d.id: _answer(seats[d.forum_id], d) for d in found}


def dissenter_seat(user, forum: Forum):
    """The seat a dissent is recorded from: the civil-society co-chair or a member, not the
    State co-chair (whose side answers)."""
    seat = active_seat(user, forum)
    return seat if seat is not None and seat.role != SeatRole.STATE_CHAIR else None


def may_dissent(user, d: Discrepancy) -> Decision:
    return dissent_decisions(user, [d])[d.id]


def dissent_decisions(user, found: list[Discrepancy]) -> dict[int, Decision]:
    """`may_dissent` for many discrepancies: one seat lookup per forum, one query of dissents."""
    if not signed_in(user):
        return {d.id: must_sign_in(user) for d in found}
    seats = {f.id: dissenter_seat(user, f) for f in {d.forum for d in found}}
    orgs = {s.organisation_id for s in seats.values() if s is not None}
    done = set(db.session.execute(select(Dissent.discrepancy_id, Dissent.organisation_id).where(
        Dissent.discrepancy_id.in_([d.id for d in found]), Dissent.organisation_id.in_(orgs))).all()) if orgs else set()
    out = {}
    for d in found:
        seat = seats[d.forum_id]
        if seat is None:
            out[d.id] = deny(_l("Only the civil-society co-chair or a member organisation of this forum can record "
                                "a dissent."))
        elif (d.id, seat.organisation_id) in done:
            out[d.id] = refuse(_l("Your organisation has already recorded its dissent on this discrepancy."))
        else:
            out[d.id] = allow()
    return out
