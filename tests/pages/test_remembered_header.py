"""The header a signed-in reader is served with a remembered page is remembered too
(forum/pagenav.py): its counts must still be right the moment they change — after the
reader's own act that is not on the trail (marking notifications read) and after someone
else's act that tells them something — and its forms must carry this reader's own token."""
import re

import pytest

from forum.core.clock import frozen_at, utcnow
from forum.proposals.services import responses
from tests.helpers.proposals import REASON, chairs, proposal
from tests.pages.test_shared_pages import remembered_for_long  # noqa: F401 (a fixture)

UNREAD = re.compile(r'href="/notifications/" class="notes">Notifications'
                    r'(?: <span class="count"[^>]*>(\d+)</span>)?</a>')
LOGOUT_TOKEN = re.compile(r'action="/account/logout" class="inline">\s*'
                          r'<input type="hidden" name="csrf_token" value="([^"]+)"')


def _unread(resp) -> int:
    found = UNREAD.search(resp.get_data(as_text=True))
    assert found, "no notifications link in the header"
    return int(found.group(1) or 0)


@pytest.mark.usefixtures("remembered_for_long")
def test_the_remembered_header_counts_right_after_another_s_act_and_the_reader_s_own(make, new_client):
    from forum.extensions import db
    forum = make.forum(open_=True)
    p = proposal(make, forum)
    author = new_client()
    author.login(p.submitter.email)
    url = f"/forums/{forum.id}/proposals"
    with frozen_at(utcnow()):
        author.get(url)
        first = author.get(url)
        assert first.headers.get("X-Page-Cache") == "hit"
        assert _unread(first) == 0
        responses.respond(chairs(forum)["state_chair"], p, "accepted", REASON)  # tells the author
        db.session.commit()
        author.get(url)
        told = author.get(url)
        assert told.headers.get("X-Page-Cache") == "hit"
        assert _unread(told) == 1
        # the token joined into the remembered header is this reader's own: it is accepted
        token = LOGOUT_TOKEN.search(told.get_data(as_text=True)).group(1)
        assert author.post("/notifications/read", {"csrf_token": token}).status_code == 302
        read = author.get(url)  # marking read is not on the trail: the head has not moved
        assert read.headers.get("X-Page-Cache") == "hit"
        assert _unread(read) == 0
