"""A co-chair's link form on a commitment's page is a gap filled for each reader
(forum/commitments/link_gap.py, pagecache.gap): its select offers every input of the forum,
which any comment adds to, so it is not kept in the page's copy. A comment anywhere in the
forum leaves the visitors' copy of the commitment page served from memory, and a co-chair
and a member served the page from memory in turn each get their own controls only."""
import pytest

from forum import pagecache
from forum.extensions import db
from forum.forums import services as forums
from forum.proposals.services import comments
from tests.helpers.commitments import commitment
from tests.helpers.proposals import answered, chairs

FORM = 'action="/commitments/{}/links"'


@pytest.fixture
def remembered(app):
    seconds = app.config["PAGE_CACHE_SECONDS"]
    app.config["PAGE_CACHE_SECONDS"] = 3600  # nothing expires while the test reads
    pagecache.clear()
    yield
    app.config["PAGE_CACHE_SECONDS"] = seconds


def test_a_comment_on_a_proposal_leaves_a_visitors_commitment_page_remembered(make, new_client, remembered):
    c = commitment(make)
    accepted = answered(make, c.forum, title="Publicar contratos de obras a tiempo")
    citizen = make.user()  # an account made is a change of unclear reach: before the reads
    url = f"/commitments/{c.id}"
    before = new_client().get(url)
    assert new_client().get(url).headers.get("X-Page-Cache") == "hit"
    comments.post(citizen, accepted, "Que incluya las adendas de cada contrato.")
    db.session.commit()
    after = new_client().get(url)
    assert after.status_code == 200 and after.headers.get("X-Page-Cache") == "hit"
    assert FORM.format(c.id) not in after.get_data(as_text=True)
    assert len(after.get_data()) == len(before.get_data())  # the page as it was: only its token is the reader's


def test_a_co_chair_and_a_member_served_from_memory_each_see_only_their_own_controls(make, new_client, remembered):
    c = commitment(make)
    chair = chairs(c.forum)["state_chair"]
    accepted = answered(make, c.forum, title="Publicar contratos de obras a tiempo")
    user, org = make.member_of("academia")
    forums.add_member(chair, c.forum, user, org)
    db.session.commit()
    co_chair, member = new_client(), new_client()
    co_chair.login(chair.email)
    member.login(user.email)
    url, form = f"/commitments/{c.id}", FORM.format(c.id)
    for round_ in range(3):
        for reader, sees in ((co_chair, True), (member, False)):
            resp = reader.get(url)
            html = resp.get_data(as_text=True)
            assert resp.status_code == 200
            assert (form in html) is sees and (f'value="proposal:{accepted.id}"' in html) is sees
            if round_:
                assert resp.headers.get("X-Page-Cache") == "hit"
    # the stored copies hold none of the form: it is filled for each reader
    assert not any(b"link-source" in part for part in pagecache.stored_parts())
