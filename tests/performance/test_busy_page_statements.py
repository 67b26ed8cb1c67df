"""The pages a busy forum keeps making stale — the live session page (each vote, check-in and
raised hand), a proposal and the proposal lists (each endorsement and comment), the API's
proposal and session lists — are the ones built while readers wait (issue 29). Each is
built here as a visitor, nothing remembered, and costs at most the statements it needs: the
trail list's named people in one statement (not four), a session's members with their
organisations in one (not three), a proposal's fate without who withdrew a link (which it
does not show) and with each commitment joined in."""
import pytest
from sqlalchemy import func, select

from forum import pagecache
from forum.extensions import db
from forum.proposals.models import Proposal
from forum.sessions.models import ForumSession
from forum.trail import cache
from tests.worlds import demo

# page -> the most statements its build may issue, as a visitor on the demo (the footer's
# trail head included); before: 21, 28, 11, 11, 6, 10, 2. The live page's whole build is one
# more than its 16 of stop 32, since its parts are kept apart (sessions/live_parts.py: the
# decisions and the open motion each read the motions) so that a vote rebuilds only its tally
# (tests/sessions/test_live_page_parts.py: 9-12 statements after a live act).
PAGES = {"live session page": ("/sessions/{session}", 17), "proposal": ("/proposals/{proposal}", 24),
         "proposal list": ("/forums/1/proposals", 9), "proposal list, sorted": ("/forums/1/proposals?sort=endorsed", 9),
         "proposal list, searched": ("/forums/1/proposals?q=agua", 6), "API proposals": ("/api/v1/proposals", 8),
         "API sessions": ("/api/v1/sessions", 2)}


@pytest.fixture
def seed():
    return demo


@pytest.mark.parametrize("page", PAGES)
def test_a_busy_page_is_built_with_few_statements(app, seeded, client, count_queries, monkeypatch, page):
    monkeypatch.setitem(app.config, "PAGE_CACHE_SECONDS", 0)  # every view builds: what a reader waits for
    ids = {"session": db.session.scalar(select(func.min(ForumSession.id))),
           "proposal": db.session.scalar(select(func.min(Proposal.id)).where(Proposal.hidden_reason.is_(None)))}
    path, most = PAGES[page]
    url = path.format(**ids)
    assert client.get(url).status_code == 200
    cache.clear()
    pagecache.clear()
    with count_queries() as q:
        assert client.get(url).status_code == 200
    assert q.n <= most, "\n".join(q.statements)
