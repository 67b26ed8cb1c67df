"""Current display names for the ids a trail entry holds (names are never hashed), in bulk.

It lives with the pages, not in trail/: the trail sits below every area (they all record
to it), so it must not import the accounts, forums and organisations it would name."""
import json

from sqlalchemy import exists, or_, select

from ..accounts.models import User
from ..extensions import db
from ..forums.models import Forum, Seat
from ..organisations.models import MemberStatus, Organisation, OrgMembership, OrgStatus
from ..trail.models import TrailEntry


def names_for(entries) -> dict:
    """One query per kind, whatever the number of entries (no N+1 on the trail page)."""
    users = {e.actor_user_id for e in entries if e.actor_user_id}
    about = {}  # seq -> the person an entry concerns (member added, join approved, ...)
    for e in entries:
        person = json.loads(e.payload).get("user")
        if isinstance(person, int):
            about[e.seq] = person
            users.add(person)
    orgs = {e.actor_org_id for e in entries if e.actor_org_id}
    forums = {e.forum_id for e in entries if e.forum_id}
    for e in entries:
        if e.subject_type == "organisation":
            orgs.add(int(e.subject_id))
        elif e.subject_type == "user":
            users.add(int(e.subject_id))
    return {
        "user": public_names(users),
        "organisation": names_of(Organisation, Organisation.name, orgs),
        "forum": names_of(Forum, Forum.title, forums),
        "about": about,
    }


def public_people(ids) -> set[int]:
    """Who among `ids` has a public role, so may be named: a seat in a forum (now or before),
    approved membership of a verified organisation, or any public act beyond registering
    (submitting, commenting, endorsing, answering ... all on the trail). Someone who only
    registered stays unnamed: a list of every sign-up's name is nobody's business. One
    query whatever the number of ids."""
    return set(public_names(ids))


def public_names(ids) -> dict[int, str]:
    """The display names of those among `ids` who may be named (public_people), in one
    statement: each test an EXISTS the database stops at the first row of (a seat, an
    approved membership, the first public act by the actor index), where three queries and
    a fourth for the names were asked on every page that lists trail entries."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    seated = exists().where(Seat.user_id == User.id)
    member = exists().where(OrgMembership.user_id == User.id, OrgMembership.status == MemberStatus.APPROVED,
                            Organisation.id == OrgMembership.organisation_id,
                            Organisation.status == OrgStatus.VERIFIED)
    acted = exists().where(TrailEntry.actor_user_id == User.id, ~TrailEntry.action.startswith("account."))
    return dict(db.session.execute(select(User.id, User.display_name)
                                   .where(User.id.in_(ids), or_(seated, member, acted))).all())


def names_of(model, column, ids) -> dict:
    """id -> column for the given ids, in one query (none for no ids)."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return dict(db.session.execute(select(model.id, column).where(model.id.in_(ids))).all())
