"""Everyone knows what waits for them (issue 16, part): the inbox lists, by role, what this
person must do — and each item leaves once it is done, because it is read from the state
that doing it changes. Nobody sees another forum's work; the count in the navigation is
the number of things to do."""
from datetime import timedelta

import pytest

from forum.core.clock import frozen_at, utcnow
from forum.extensions import db
from tests.helpers.proposals import REASON, chairs, proposal
from tests.worlds import demo


@pytest.fixture
def seed():
    def world(make):
        forum = make.forum(open_=True)
        other = make.forum(open_=True)
        with frozen_at(utcnow() - timedelta(days=40)):
            old = proposal(make, forum, title="Compras abiertas en todas las municipalidades")
        new = proposal(make, forum, title="Agenda pública de las autoridades del sector")
        elsewhere = proposal(make, other, title="Propuesta de otro foro que no les toca")
        c = chairs(forum)
        return {"forum": forum.id, "state": c["state_chair"].email, "civil": c["civil_chair"].email,
                "other_chair": chairs(other)["state_chair"].email, "old": old.id, "new": new.id,
                "elsewhere": elsewhere.id, "submitter": db.session.get(type(c["state_chair"]), old.submitter_id).email}
    return world


def inbox(client) -> str:
    return client.get("/inbox").get_data(as_text=True)


def test_a_co_chair_sees_what_the_forum_owes_overdue_first(client, seeded):
    client.login(seeded["state"])
    page = inbox(client)
    todo = page.split('id="h-todo"')[1].split('id="h-coming"')[0]
    assert todo.index("Compras abiertas") < todo.index("Agenda pública")  # the overdue one first
    assert "Overdue by" in todo and "days left" in todo
    assert "Propuesta de otro foro" not in page  # forum B's work is not theirs


def test_an_answered_proposal_leaves_the_inbox(client, seeded):
    from forum.proposals.models import Proposal
    from forum.proposals.services import responses
    client.login(seeded["state"])
    p = db.session.get(Proposal, seeded["old"])
    responses.respond(chairs(p.forum)["state_chair"], p, "accepted", REASON)
    db.session.commit()
    assert "Compras abiertas" not in inbox(client).split('id="h-coming"')[0]


def test_a_version_waits_for_each_side_until_it_signs(client, new_client, seeded, make):
    from forum.commitments.queries import version
    from forum.commitments.services import signoff
    from forum.forums.models import Forum
    from tests.helpers.commitments import commitment
    forum = db.session.get(Forum, seeded["forum"])
    c = commitment(make, forum)
    client.login(seeded["state"])
    civil = new_client()
    civil.login(seeded["civil"])
    assert "Commitment version awaiting your side's signature" in inbox(client)
    signoff.sign(chairs(forum)["state_chair"], version(c, 1))
    db.session.commit()
    assert "signature" not in inbox(client).split('id="h-coming"')[0]
    assert "signature" in inbox(civil).split('id="h-coming"')[0]  # still theirs


def test_the_navigation_counts_the_things_to_do(client, seeded):
    client.login(seeded["state"])
    page = client.get("/").get_data(as_text=True)
    assert '<a href="/inbox" class="notes">Inbox <span class="count" aria-label="2 waiting for you">2</span>' in page


def test_a_submitter_sees_what_became_of_their_proposals(client, seeded):
    client.login(seeded["submitter"])
    mine = inbox(client).split('id="h-mine"')[1]
    from forum.proposals.labels import status_labels
    assert "Compras abiertas" in mine and f'<span class="badge">{status_labels()["awaiting"]}</span>' in mine
    assert "Nothing waits for you." in inbox(client)


def test_an_admin_sees_organisations_to_verify_until_verified(client, seeded, make):
    from forum.organisations import services
    admin = make.admin()
    org = make.org("civil_society", verified=False, name="Colectivo Por Verificar")
    client.login(admin.email)
    assert "Colectivo Por Verificar" in inbox(client)
    services.verify_organisation(admin, org)
    db.session.commit()
    assert "Colectivo Por Verificar" not in inbox(client)


def test_the_inbox_costs_the_same_statements_with_more_items(client, seeded, make, count_queries):
    from forum import pagecache
    from forum.forums.models import Forum
    from forum.trail import cache
    client.login(seeded["state"])
    inbox(client)
    # Each count from nothing remembered: what is kept per version of a forum (the seats, the
    # figures) is built again once the new proposals move it, and that is not the inbox's size.
    cache.clear(), pagecache.clear()
    with count_queries() as few:
        inbox(client)
    forum = db.session.get(Forum, seeded["forum"])
    for i in range(5):
        proposal(make, forum, title=f"Otra propuesta número {i} para el foro")
    cache.clear(), pagecache.clear()
    with count_queries() as many:
        inbox(client)
    assert few.n == many.n


def test_anonymous_visitors_are_sent_to_log_in(client, seeded):
    r = client.get("/inbox")
    assert r.status_code == 302 and "/account/login" in r.headers["Location"]


def test_the_navigation_leads_to_the_action_plan(client, seeded):
    page = client.get("/").get_data(as_text=True)
    assert '<a href="/plan">Action plan</a>' in page
    r = client.get("/plan")
    assert r.status_code == 302 and r.headers["Location"].endswith("/cycles/2019-2021")


def test_the_forum_list_says_why_there_is_no_submit_button(client, seeded, make):
    """Someone without a verified organisation sees the reason, not just a missing button."""
    from forum.proposals import policy
    loner = make.user()
    client.login(loner.email)
    page = client.get(f"/forums/{seeded['forum']}/proposals").get_data(as_text=True)
    from forum.forums.models import Forum
    reason = str(policy.may_submit(loner, db.session.get(Forum, seeded["forum"])).reason)
    assert "Submit a proposal" not in page and reason and reason.replace("'", "&#39;") in page


def test_organisations_are_found_by_name_ignoring_accents_and_case(client, seeded, make):
    make.org("civil_society", name="Colectivo Educación Abierta")
    make.org("academia", name="Instituto de Estudios Andinos")
    page = client.get("/organisations/?q=EDUCACION").get_data(as_text=True)
    assert "Colectivo Educación Abierta" in page and "Instituto de Estudios Andinos" not in page
    assert "1 organisation matches “EDUCACION”." in page
    hostile = client.get("/organisations/?q=%3Cscript%3E%25%27").get_data(as_text=True)
    assert "<script>%'" not in hostile and "0 organisations match" in hostile


def test_the_inbox_lists_ones_own_acts_with_their_receipts(client, new_client, seeded):
    """Whoever submitted a proposal finds that entry, and its receipt, in their inbox; nobody
    else's acts are there."""
    from sqlalchemy import select

    from forum.trail.models import TrailEntry
    client.login(seeded["submitter"])
    page = inbox(client)
    mine = page.split('id="h-receipts"')[1]
    entry = db.session.scalar(select(TrailEntry).where(TrailEntry.action == "proposal.submitted",
                                                       TrailEntry.subject_id == str(seeded["old"])))
    assert f'/trail/{entry.seq}/receipt.json"' in mine
    other = db.session.scalar(select(TrailEntry).where(TrailEntry.action == "proposal.submitted",
                                                       TrailEntry.subject_id == str(seeded["elsewhere"])))
    assert f'/trail/{other.seq}/receipt.json"' not in mine
    receipt = client.get(f"/trail/{entry.seq}/receipt.json").get_json()
    assert receipt["entry"]["seq"] == entry.seq


@pytest.mark.parametrize("seed", [demo])  # the demo world, not this module's
def test_the_navigation_count_is_the_length_of_the_to_do_list_for_everyone(ctx, seed):
    """count() counts in SQL what for_user() lists: the two must agree for every person of
    the demo (admins, co-chairs with unanswered proposals and comments, members)."""
    from forum.accounts.models import User
    from forum.forums.models import Forum
    from forum.inbox import queries
    from tests.helpers.consultations import closed
    users = list(db.session.scalars(db.select(User)))
    closed(db.session.get(Forum, 1), comments=[(users[-1], "Un comentario aún sin respuesta.", 1)])
    assert any(queries.count(u) > 1 for u in users)
    assert [queries.count(u) for u in users] == [len(queries.for_user(u).to_do) for u in users]
