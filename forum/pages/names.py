"""Current display names for the ids a trail entry holds (names are never hashed), in bulk.

It lives with the pages, not in trail/: the trail sits below every area (they all record
to it), so it must not import the accounts, forums and organisations it would name."""
import json

from sqlalchemy import select

from ..accounts.models import User
from ..extensions import db
from ..forums.models import Forum
from ..organisations.models import Organisation


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
        "user": _map(User, User.display_name, users),
        "organisation": _map(Organisation, Organisation.name, orgs),
        "forum": _map(Forum, Forum.title, forums),
        "about": about,
    }


def _map(model, column, ids) -> dict:
    if not ids:
        return {}
    return dict(db.session.execute(select(model.id, column).where(model.id.in_(ids))).all())
