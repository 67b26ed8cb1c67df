"""Only real people count (issue 15): an account that never confirmed its e-mail address —
what a script makes by the hundred — cannot endorse, comment or vote; the page says why and
what to do, nothing is counted, and once the address is confirmed everything works."""
import pytest
from sqlalchemy import func, select

from forum.accounts import services
from forum.accounts.tokens import make_confirm_token
from forum.extensions import db
from forum.proposals.models import Comment, Endorsement, Proposal

REASON = "Confirm your e-mail address first"


@pytest.fixture
def seed():
    def world(make):
        from tests.helpers.consultations import running
        from tests.helpers.proposals import proposal
        p = proposal(make)
        c = running(p.forum)
        fresh = make.user(email="nueva@example.org", confirmed=False)
        return {"proposal": p.id, "consultation": c.id, "forum": p.forum_id, "fresh": fresh.email}
    return world


def endorsements(pid):
    return db.session.scalar(select(func.count()).select_from(Endorsement).where(Endorsement.proposal_id == pid))


def test_an_unconfirmed_account_cannot_endorse_comment_or_take_part(client, seeded):
    client.login(seeded["fresh"])
    pid = seeded["proposal"]
    page = client.get(f"/proposals/{pid}").get_data(as_text=True)
    assert REASON in page  # the missing button's reason, with the next step
    r = client.post(f"/proposals/{pid}/endorse", {"endorse-organisation": ""})
    assert r.status_code == 403 and REASON in r.get_data(as_text=True)
    r = client.post(f"/proposals/{pid}/comments", {"comment-body": "Apoyo esta propuesta.",
                                                   "comment-organisation": ""})
    assert r.status_code == 403
    r = client.post(f"/consultations/{seeded['consultation']}/comments", {"body": "Un comentario al borrador."})
    assert r.status_code in (400, 403) and REASON in r.get_data(as_text=True)
    assert endorsements(pid) == 0 and db.session.get(Proposal, pid).endorsement_count == 0
    assert db.session.scalar(select(func.count()).select_from(Comment)) == 0


def test_once_confirmed_the_same_person_counts(client, seeded):
    from forum.accounts.models import User
    user = db.session.scalar(select(User).where(User.email == seeded["fresh"]))
    services.confirm_email(make_confirm_token(user))
    db.session.commit()
    client.login(seeded["fresh"])
    r = client.post(f"/proposals/{seeded['proposal']}/endorse", {"endorse-organisation": ""})
    assert r.status_code == 302 and endorsements(seeded["proposal"]) == 1


def test_an_unconfirmed_member_cannot_vote(app, seeded, make):
    from forum.forums.models import Forum
    from forum.sessions import policy
    from forum.sessions.services import motions
    from tests.helpers.live import live
    from tests.helpers.proposals import chairs
    forum = db.session.get(Forum, seeded["forum"])
    member = make.user(confirmed=False)
    from forum.forums import services as forum_services
    org = make.org("academia", founder=member)
    forum_services.add_member(chairs(forum)["state_chair"], forum, member, org)
    db.session.commit()
    s = live(forum)
    decision = policy.may_speak_and_vote(member, s)
    assert not decision and REASON in str(decision.reason)
    m = motions.open_motion(chairs(forum)["civil_chair"], s, "Aprobar el cronograma")
    with pytest.raises(Exception, match="Confirm your e-mail"):
        motions.vote(member, s, m.id, "yes")


def test_someone_who_only_registered_is_not_named_in_public(client, new_client, seeded, make):
    """The trail says 'a registered person' and their page is a 404 until they act in
    public; then both name them, as the pages that show their act already do."""
    from forum.accounts.models import User
    user = db.session.scalar(select(User).where(User.email == seeded["fresh"]))
    trail = client.get("/trail/").get_data(as_text=True)
    assert user.display_name not in trail and "a registered person" in trail
    assert client.get(f"/people/{user.id}").status_code == 404
    api = client.get("/api/v1/trail?limit=100").get_json()
    assert user.display_name not in str(api)
    me = new_client()
    me.login(user.email)
    assert me.get(f"/people/{user.id}").status_code == 200  # one's own page
    services.confirm_email(make_confirm_token(user))
    db.session.commit()
    me.post(f"/proposals/{seeded['proposal']}/comments", {"comment-body": "Apoyo esta propuesta.",
                                                           "comment-organisation": ""})
    assert client.get(f"/people/{user.id}").status_code == 200
    assert user.display_name in client.get("/trail/").get_data(as_text=True)


def test_the_front_door_says_what_is_happening_now_and_where_to_start(client, make):
    """One sentence on what Traza is, one next step for each audience, and what is open now:
    a running consultation with its days left, a coming session, the latest answer."""
    from forum.proposals.services import responses
    from tests.helpers.consultations import running
    from tests.helpers.live import scheduled
    from tests.helpers.proposals import REASON, chairs, proposal
    forum = make.forum(open_=True)
    c = running(forum, title="Consulta sobre datos de calidad del aire")
    s = scheduled(forum, title="Sesión sobre calidad del aire")
    p = proposal(make, forum, title="Sensores abiertos de calidad del aire")
    responses.respond(chairs(forum)["state_chair"], p, "accepted", REASON)
    db.session.commit()
    html = client.get("/").get_data(as_text=True)
    for step in ("Submit a proposal", "Follow a forum", "Audit the record"):
        assert step in html
    now = html.split('id="h-now"')[1]
    assert f'/consultations/{c.id}"' in now and "12 days left" in now  # 12 days and 23 hours: whole days
    assert f'/sessions/{s.id}"' in now
    assert f'/proposals/{p.id}"' in now.split('id="h-responses"')[1]


def test_why_not_where_a_session_or_organisation_control_is_missing(client, make):
    """A visitor sees why there is no check-in or hand to raise, and no 'Ask to join'."""
    from tests.helpers.live import scheduled
    forum = make.forum(open_=True)
    s = scheduled(forum)
    _user, org = make.member_of("civil_society")
    assert "Log in to take part." in client.get(f"/sessions/{s.id}").get_data(as_text=True)
    assert "Log in to ask to join." in client.get(f"/organisations/{org.id}").get_data(as_text=True)
    outsider = make.user()
    client.login(outsider.email)
    assert "Only members of this forum take part in its sessions." in client.get(
        f"/sessions/{s.id}").get_data(as_text=True)
    assert "Ask to join" in client.get(f"/organisations/{org.id}").get_data(as_text=True)
