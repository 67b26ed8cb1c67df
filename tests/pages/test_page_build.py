"""What a signed-in person waits for: a page built for them asks each question once."""
from tests.helpers.live import live
from tests.helpers.proposals import chairs

SEAT = "FROM seats \nWHERE seats.forum_id = "


def test_a_co_chairs_page_asks_for_their_seat_once(make, new_client, count_queries):
    """The seat decides the controls, the predicates and the navigation of a forum's pages:
    asked once per page view, not once per question (forum/forums/queries.seat_of)."""
    forum = make.forum(open_=True)
    s = live(forum)
    chair = new_client()
    chair.login(chairs(forum)["state_chair"].email)
    for url in (f"/sessions/{s.id}", f"/forums/{forum.id}"):
        chair.get(url)
        with count_queries() as q:
            page = chair.get(url)
        assert page.status_code == 200
        asked = [x for x in q.statements if SEAT in x and "seats.user_id = " in x]
        # once; or not at all where the page read every active seat already (a session's
        # attendance list), which answers theirs and each member's the designation asks about
        assert len(asked) <= 1, (url, asked)
