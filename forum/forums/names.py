"""Current display names for the ids a trail entry holds (names are never hashed), in bulk.

It lives with the pages, not in trail/: the trail sits below every area (they all record
to it), so it must not import the accounts, forums and organisations it would name."""
import json

from sqlalchemy import exists, select

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
        "user": names_of(User, User.display_name, public_people(users)),
        "organisation": names_of(Organisation, Organisation.name, orgs),
        "forum": names_of(Forum, Forum.title, forums),
        "about": about,
    }


def public_people(ids) -> set[int]:
    """Who among `ids` has a public role, so may be named: a seat in a forum (now or before),
    approved membership of a verified organisation, or any public act beyond registering
    (submitting, commenting, endorsing, answering ... all on the trail). Someone who only
    registered stays unnamed: a list of every sign-up's name is nobody's business. Three
    queries whatever the number of ids."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return set()
    seated = set(db.session.scalars(select(Seat.user_id).where(Seat.user_id.in_(ids))))
    members = set(db.session.scalars(select(OrgMembership.user_id).join(Organisation).where(
        OrgMembership.user_id.in_(ids), OrgMembership.status == MemberStatus.APPROVED,
        Organisation.status == OrgStatus.VERIFIED)))
    # A semi-join: the database stops at each person's first public act (the actor index),
    # where DISTINCT over their entries read every one of them (15-25 ms at 200,000 entries).
    acted = set(db.session.scalars(select(User.id).where(User.id.in_(ids), exists().where(
        TrailEntry.actor_user_id == User.id, ~TrailEntry.action.startswith("account.")))))
    return seated | members | acted


def names_of(model, column, ids) -> dict:
    """id -> column for the given ids, in one query (none for no ids)."""
    ids = {i for i in ids if i is not None}
    if not ids:
        return {}
    return dict(db.session.execute(select(model.id, column).where(model.id.in_(ids))).all())
