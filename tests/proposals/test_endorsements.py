"""Endorsements: once per person, harmless to repeat, exact under concurrency."""
import threading

import pytest
from sqlalchemy import func, select

from forum.core.errors import DomainError
from forum.extensions import db
from forum.proposals import services
from forum.proposals.models import Endorsement, Proposal
from forum.proposals.services import endorsements
from tests.conftest import trail_length
from tests.helpers.proposals import chairs, proposal


def count(p):
    return db.session.scalar(select(func.count()).select_from(Endorsement).where(Endorsement.proposal_id == p.id))


def test_once_per_person_and_withdrawable(make, new_client):
    p = proposal(make)
    user, org = make.member_of("academia")
    c = new_client()
    c.login(user.email)
    assert c.post(f"/proposals/{p.id}/endorse", {"endorse-organisation": org.id}).status_code == 302
    before = trail_length()
    assert c.post(f"/proposals/{p.id}/endorse", {"endorse-organisation": org.id}).status_code == 302
    assert count(p) == 1 and db.session.get(Proposal, p.id).endorsement_count == 1
    assert trail_length() == before  # a repeat writes nothing
    html = c.get(f"/proposals/{p.id}").get_data(as_text=True)
    assert "1 endorsement" in html and org.name in html and "You endorse this proposal." in html
    c.post(f"/proposals/{p.id}/unendorse")
    assert count(p) == 0 and db.session.get(Proposal, p.id).endorsement_count == 0


def test_endorsing_for_an_organisation_needs_membership(make):
    p = proposal(make)
    _, org = make.member_of("civil_society")
    with pytest.raises(DomainError, match="verified organisation you belong to"):
        endorsements.endorse(make.user(), p, org)


def test_hidden_or_withdrawn_proposals_cannot_be_endorsed(make):
    p = proposal(make)
    services.withdraw(p.submitter, p)
    db.session.commit()
    with pytest.raises(DomainError, match="no longer be endorsed"):
        endorsements.endorse(make.user(), p)


def test_many_threads_endorse_at_once(app, make):
    """20 people, each clicking three times at once: exactly 20 endorsements, counted right."""
    p = proposal(make)
    users = [make.user() for _ in range(20)]
    pid, uids = p.id, [u.id for u in users]
    errors, barrier = [], threading.Barrier(len(uids) * 3)

    def click(uid):
        try:
            barrier.wait(30)  # all start together; the pool (15 connections) queues the rest
            with app.app_context():
                from forum.accounts.models import User
                user, proposal_ = db.session.get(User, uid), db.session.get(Proposal, pid)
                endorsements.endorse(user, proposal_)
                db.session.commit()
                db.session.remove()
        except Exception as exc:  # noqa: BLE001
            errors.append(repr(exc))

    threads = [threading.Thread(target=click, args=(uid,)) for uid in uids for _ in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert errors == []
    db.session.expire_all()
    assert count(p) == 20
    assert db.session.get(Proposal, pid).endorsement_count == 20
    assert len(set(db.session.scalars(select(Endorsement.user_id)))) == 20
    from forum.trail.queries import verify_database
    assert verify_database().ok
    assert db.session.scalar(select(func.count()).select_from(db.text("trail_entries")).where(
        db.text("action = 'proposal.endorsed'"))) == 20


def test_comment_threads_have_one_level(make, client):
    from forum.proposals.services import comments, moderation
    p = proposal(make)
    a, b = make.user(), make.user()
    top = comments.post(a, p, "¿Qué entidades publicarían los datos?")
    reply = comments.post(b, p, "El OSCE ya tiene la información.", top)
    deeper = comments.post(a, p, "Gracias, entonces es viable.", reply)
    db.session.commit()
    assert reply.parent_id == top.id and deeper.parent_id == top.id  # replies stay one level deep
    with pytest.raises(DomainError, match="required"):
        comments.post(a, p, "   ")
    db.session.rollback()
    moderation.hide_comment(chairs(p.forum)["state_chair"], reply, "Contiene datos personales de un tercero.")
    db.session.commit()
    html = client.get(f"/proposals/{p.id}").get_data(as_text=True)
    assert "Hidden by the co-chairs: Contiene datos personales de un tercero." in html
    assert "El OSCE ya tiene la información." not in html
    from forum.proposals.models import Comment
    assert db.session.get(Comment, reply.id).body == "El OSCE ya tiene la información."  # hidden, not deleted
