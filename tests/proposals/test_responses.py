"""The reasoned response: only this forum's co-chairs, always a real reason, merges within
the forum, every revision kept, and the people who follow are told after the commit."""
import email
from pathlib import Path

import pytest
from sqlalchemy import select

from forum.core.errors import DomainError, PermissionDenied
from forum.extensions import db
from forum.notifications.models import Notification
from forum.proposals.models import Proposal, Response
from forum.proposals.services import endorsements, responses
from tests.conftest import trail_length
from tests.helpers.proposals import REASON, chairs, proposal


@pytest.mark.parametrize("reason,message", [
    ("", "required"), ("   ", "required"), ("No.", "At least 30"),
    ("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "a few words"), ("ok " * 12, "a few words"),
])
def test_a_response_needs_a_real_reason(make, reason, message):
    p = proposal(make)
    before = trail_length()
    with pytest.raises(DomainError, match=message) as err:
        responses.respond(chairs(p.forum)["state_chair"], p, "rejected", reason)
    assert err.value.field == "reason"
    db.session.rollback()
    assert db.session.get(Proposal, p.id).status == "awaiting" and trail_length() == before


def test_only_a_chair_of_that_forum_responds(make):
    p = proposal(make)
    other_forum = make.forum(open_=True)
    member_user, member_org = make.member_of("civil_society")
    from forum.forums import services as forums
    forums.add_member(chairs(p.forum)["state_chair"], p.forum, member_user, member_org)
    db.session.commit()
    for who in (make.admin(), member_user, chairs(other_forum)["civil_chair"], p.submitter):
        with pytest.raises(PermissionDenied):
            responses.respond(who, p, "accepted", REASON)
        db.session.rollback()


def test_merge_rules(make):
    forum = make.forum(open_=True)
    p, q = proposal(make, forum), proposal(make, forum)
    elsewhere = proposal(make)
    chair = chairs(forum)["civil_chair"]
    with pytest.raises(DomainError, match="merged into itself"):
        responses.respond(chair, p, "merged", REASON, p)
    with pytest.raises(DomainError, match="same forum"):
        responses.respond(chair, p, "merged", REASON, elsewhere)
    with pytest.raises(DomainError, match="Choose the proposal"):
        responses.respond(chair, p, "merged", REASON, None)
    db.session.rollback()
    responses.respond(chair, p, "merged", REASON, q)
    db.session.commit()
    assert db.session.get(Proposal, p.id).merged_into_id == q.id
    with pytest.raises(DomainError, match="itself merged"):  # no chains or cycles
        responses.respond(chair, q, "merged", REASON, p)


def test_revisions_are_kept_and_signed(make, client):
    p = proposal(make)
    state, civil = chairs(p.forum)["state_chair"], chairs(p.forum)["civil_chair"]
    responses.respond(state, p, "needs_info", "Necesitamos saber qué entidades publicarían los datos y cuándo.")
    db.session.commit()
    responses.respond(civil, p, "partially_accepted", REASON)
    db.session.commit()
    revisions = db.session.scalars(select(Response).order_by(Response.revision)).all()
    assert [(r.revision, r.outcome, r.responder_id) for r in revisions] == [
        (1, "needs_info", state.id), (2, "partially_accepted", civil.id)]
    p = db.session.get(Proposal, p.id)
    # "Needs more information" asked; the partial acceptance answered: the clock stopped there.
    assert p.status == "partially_accepted" and p.first_response_at == revisions[1].created_at
    html = client.get(f"/proposals/{p.id}").get_data(as_text=True)
    assert "Partially accepted" in html and "Earlier revisions of the response" in html
    assert "Necesitamos saber qué entidades" in html and civil.display_name in html
    actions = [a for (a,) in db.session.execute(db.text("SELECT action FROM trail_entries WHERE subject_type = "
                                                        "'proposal' ORDER BY seq"))]
    assert actions[-2:] == ["proposal.responded", "proposal.response_revised"]


def test_the_response_form_shows_a_short_reason_next_to_the_field(make, new_client):
    p = proposal(make)
    c = new_client()
    c.login(chairs(p.forum)["state_chair"].email)
    resp = c.post(f"/proposals/{p.id}/respond", {"respond-outcome": "rejected", "respond-reason": "No."})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400 and 'id="respond-reason-error"' in html
    assert db.session.get(Proposal, p.id).status == "awaiting"


def _outbox(app):
    folder = Path(app.instance_path) / "outbox"
    return [email.message_from_bytes(f.read_bytes()) for f in sorted(folder.glob("*.eml"))] if folder.exists() else []


def test_followers_are_notified_after_commit_and_only_then(app, make):
    p = proposal(make)
    opted, silent = make.user(email="opted@example.org"), make.user(email="silent@example.org")
    endorsements.endorse(opted, p, notify=True)
    endorsements.endorse(silent, p)
    db.session.commit()
    for f in (Path(app.instance_path) / "outbox").glob("*.eml"):
        f.unlink()  # the co-chairs were told of the new proposal
    chair = chairs(p.forum)["state_chair"]
    responses.respond(chair, p, "accepted", REASON)
    assert _outbox(app) == []  # nothing goes out before the commit
    db.session.rollback()
    assert _outbox(app) == [] and db.session.scalar(select(db.func.count()).select_from(Notification)) == 0
    responses.respond(chair, p, "accepted", REASON)
    db.session.commit()
    to = sorted(m["To"] for m in _outbox(app))
    assert to == sorted([p.submitter.email, "opted@example.org"])
    notes = db.session.scalars(select(Notification)).all()
    assert sorted(n.user_id for n in notes) == sorted([p.submitter_id, opted.id])


def test_submitter_sees_the_notification_in_the_app(make, new_client):
    p = proposal(make)
    c = new_client()
    c.login(p.submitter.email)
    responses.respond(chairs(p.forum)["civil_chair"], p, "rejected", REASON)
    db.session.commit()
    html = c.get("/notifications/").get_data(as_text=True)
    assert f"“{p.title}” received a response: Rejected." in html
    assert 'class="count"' in c.get("/").get_data(as_text=True)
    c.post("/notifications/read")
    assert 'class="count"' not in c.get("/").get_data(as_text=True)
