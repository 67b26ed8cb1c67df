"""The cycle's "Agreed and adopted" page asks whether the visitor may sign each forum's plan as
agreed. Asked forum by forum, the check cost about four statements per forum the visitor
chairs, so a cycle with many forums cost more the more forums it had; asked once for the whole
page, it costs the same at one forum as at five (the co-chair of every forum, who sees a sign
button in each, and a visitor)."""
import pytest

from forum import pagecache
from forum.extensions import db
from forum.forums import services
from forum.plans.services import agreed
from forum.trail import cache
from tests.helpers.plans import adopt


def _forum(make, state, state_org):
    """A forum of the cycle chaired for the State by `state`, with one adopted commitment and
    its plan signed by the civil-society side only (pending: the State's key is owed)."""
    admin = make.admin()
    forum = make.forum(chairs=False, open_=False)
    civil, civil_org = make.member_of("civil_society")
    services.appoint_chair(admin, forum, "state_chair", state, state_org)
    services.appoint_chair(admin, forum, "civil_chair", civil, civil_org)
    services.change_status(state, forum, "open", "Both co-chairs are in place.")
    adopt(forum, f"Compromiso del foro {forum.id} con datos abiertos")
    agreed.sign(civil, forum)
    db.session.commit()
    return forum


def _statements(client, count_queries, path):
    cache.clear()
    pagecache.clear()
    with count_queries() as q:
        page = client.get(path)
    assert page.status_code == 200
    return q.n, page.get_data(as_text=True)


@pytest.mark.parametrize("who", ["state_chair", "visitor"])
def test_the_sign_check_costs_the_same_at_one_forum_and_at_five(make, new_client, count_queries, who):
    state, state_org = make.member_of("government")
    forums = [_forum(make, state, state_org)]
    client = new_client()
    if who == "state_chair":
        client.login(state.email)
    path = f"/cycles/{forums[0].cycle}/agreed-adopted"
    one, page = _statements(client, count_queries, path)
    forums += [_forum(make, state, state_org) for _ in range(4)]
    five, page = _statements(client, count_queries, path)
    signs = page.count(">Sign the plan as agreed<")
    assert signs == (5 if who == "state_chair" else 0)
    assert five == one, f"{one} statements at one forum, {five} at five"
