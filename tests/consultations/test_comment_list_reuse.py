"""The consultation's comment list is rendered once per version of the consultation and
reused by every reader (forum/consultations/comment_list.py): what each reader relies on —
their own controls only, their own CSRF token, an answer or a hidden comment seen on the
next view — holds while the list is reused."""
import re

from forum.consultations import services
from forum.consultations.services import responses
from forum.extensions import db
from tests.helpers.consultations import ANSWER, closed
from tests.helpers.proposals import chairs

TOKEN = re.compile(r'name="csrf_token" value="([^"]+)"')


def test_readers_share_the_list_but_never_each_others_controls_or_token(make, new_client, count_queries):
    forum = make.forum(open_=True)
    author, member = make.user("Rosa Autora"), make.user("Mario Lector")
    c, (x, y) = closed(forum, [(author, "Publiquen los contratos cada mes.", 1), (author, "Y las adendas.", None)])
    chair = chairs(forum)["state_chair"]
    url = f"/consultations/{c.id}"
    co_chair, reader = new_client(), new_client()
    co_chair.login(chair.email)
    reader.login(member.email)
    with count_queries() as first:
        page = co_chair.get(url).get_data(as_text=True)
    with count_queries() as again:
        assert co_chair.get(url).status_code == 200
    assert "Publiquen los contratos cada mes." in page
    assert again.n < first.n  # the list (its comments, their answers) is not asked for again
    for _ in range(2):  # alternately: each reader's own copy
        mine = reader.get(url).get_data(as_text=True)
        assert "Publiquen los contratos cada mes." in mine and "Hide this comment" not in mine
        chairs_page = co_chair.get(url).get_data(as_text=True)
        assert chairs_page.count("Hide this comment") == 2
        own = re.search(r'name="csrf-token" content="([^"]+)"', chairs_page)[1]
        assert set(TOKEN.findall(chairs_page)) == {own}, "the hide forms carry this view's own token"
    # a change shows on the next view of everyone who reads the list
    responses.answer(chair, x, "accepted", ANSWER)
    services.hide_comment(chair, y, "Contiene datos personales de un tercero.")
    db.session.commit()
    for client in (co_chair, reader):
        shown = client.get(url).get_data(as_text=True)
        assert ANSWER in shown and "Y las adendas." not in shown
