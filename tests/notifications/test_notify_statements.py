"""`notify` costs the same number of statements for 3 recipients as for 30: a forum-wide act
(an agreed plan, a consultation's report) tells every member, and one INSERT and one version
bump per member made its transaction — which holds the trail's write lock — grow with the
forum. Each recipient still gets the same: their notification row, their header count's
version moved, and the line of their e-mail."""
import json
from datetime import datetime

from sqlalchemy import select

from forum.core.clock import frozen_at
from forum.core.urls import external_url
from forum.extensions import db
from forum.notifications.models import Notification
from forum.notifications.queries import notes_key, told
from forum.notifications.services import notify
from forum.proposals import notices
from forum.trail.versions import PageVersion
from tests.helpers.proposals import proposal

PARAMS = {"comment": 7}
WHEN = datetime(2026, 3, 2, 9, 30)


def _people(n: int, group: str) -> list[int]:
    """n people who registered (a notification only needs its recipient's row)."""
    from forum.accounts.models import User
    users = [User(email=f"{group}{i}@example.org", display_name=f"Told {i}", password_hash="x") for i in range(n)]
    db.session.add_all(users)
    db.session.commit()
    return [u.id for u in users]


def _told(p, ids, count_queries) -> tuple[int, dict]:
    """Statements `notify` sent, and what each recipient got: (kind, subject, params, time),
    their notes version and their e-mail line."""
    db.session.refresh(p)  # the subject is loaded, as the act that notifies has it, before counting
    with count_queries() as q:
        notify(ids, "comment", p, PARAMS, actor=None, describe=notices.describe)
    lines = told(db.session())
    rows = db.session.scalars(select(Notification).where(Notification.user_id.in_(ids))).all()
    versions = dict(db.session.execute(select(PageVersion.key, PageVersion.counter)
                                       .where(PageVersion.key.in_([notes_key(i) for i in ids]))).all())
    got = {uid: (sorted((n.kind, n.proposal_id, n.consultation_id, n.forum_id, json.loads(n.params), n.created_at,
                         n.read_at) for n in rows if n.user_id == uid),
                 versions.get(notes_key(uid)), [(sentence(), link) for sentence, link in lines.get(uid, [])])
           for uid in ids}
    db.session.commit()
    return q.n, got


def test_notify_costs_the_same_for_three_recipients_as_for_thirty(make, count_queries):
    p = proposal(make)
    few, many = _people(3, "few"), _people(30, "many")
    with frozen_at(WHEN):
        small, got_few = _told(p, few, count_queries)
        large, got_many = _told(p, many, count_queries)
    assert large == small, f"{small} statements for 3 recipients, {large} for 30"
    assert small == 2, "one INSERT of the notifications, one bump of the counts"
    link = external_url("proposals.show", proposal_id=p.id)
    expected = ([("comment", p.id, None, None, PARAMS, WHEN, None)], 1,
                [(notices.describe("comment", p.title, PARAMS), link)])
    for uid, (rows, version, lines) in {**got_few, **got_many}.items():
        assert (rows, version, lines) == expected, uid


def test_past_the_rows_of_one_statement_everyone_is_still_told(make, count_queries, monkeypatch):
    """A statement carries at most versions.ROWS rows (PostgreSQL takes 65,535 parameters):
    more recipients take one more statement each ROWS, and nobody is left out."""
    from forum.trail import versions
    monkeypatch.setattr(versions, "ROWS", 2)
    p = proposal(make)
    ids = _people(5, "rows")
    with frozen_at(WHEN):
        n, got = _told(p, ids, count_queries)
    assert n == 3 + 3  # five rows in three statements of at most two, and the five counts likewise
    assert {uid: (len(rows), version, len(lines)) for uid, (rows, version, lines) in got.items()} == \
        dict.fromkeys(ids, (1, 1, 1))
