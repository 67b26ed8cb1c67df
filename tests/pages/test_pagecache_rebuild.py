"""A remembered page past its seconds, while nothing it shows has changed (forum/pagecache.py):
every visitor is served the copy — the one who found it expired too — and it is rebuilt once,
off the request path, so no reader waits for a build only the clock asked for. What the app
records still shows on the very next view: it moves the page's key, never the old copy."""
import threading
from datetime import timedelta

from sqlalchemy import update

from forum import pagecache
from forum.core.clock import frozen_at, utcnow
from forum.extensions import db
from forum.forums.models import Forum
from tests.helpers.proposals import proposal


def _run(job) -> None:
    """A queued rebuild, run as the rebuilder runs it: on a thread of its own."""
    worker = threading.Thread(target=job)
    worker.start()
    worker.join(10)
    assert not worker.is_alive()


def test_an_expired_page_is_served_to_every_reader_and_rebuilt_once_off_their_path(app, make, new_client,
                                                                                   count_queries, monkeypatch):
    jobs: list = []
    monkeypatch.setattr(pagecache, "_start", jobs.append)  # the rebuild, held until the test runs it
    forum = make.forum(open_=True, title="Foro de Aguas")
    url, now = f"/forums/{forum.id}", utcnow()
    with frozen_at(now):
        new_client().get(url)
    # SQL by hand: the key stays, so only the rebuild can show it
    db.session.execute(update(Forum).where(Forum.id == forum.id).values(title="Foro de Ríos"))
    db.session.commit()
    expired = now + timedelta(seconds=app.config["PAGE_CACHE_SECONDS"])
    with frozen_at(expired):
        for _reader in range(4):  # the first finds it expired; none builds it
            with count_queries() as q:
                page = new_client().get(url)
            assert page.headers["X-Page-Cache"] == "hit" and "Foro de Aguas" in page.get_data(as_text=True)
            assert q.n == 1, q.statements  # the key's versions: no build on the reader's path
        assert len(jobs) == 1  # one rebuild, however many readers found it expired
        _run(jobs.pop())
        with count_queries() as q:
            page = new_client().get(url)
        assert page.headers["X-Page-Cache"] == "hit" and "Foro de Ríos" in page.get_data(as_text=True)
        assert q.n == 1 and not jobs  # the rebuilt copy is fresh: served, nothing queued


def test_a_change_committed_before_the_rebuild_runs_shows_on_the_next_view(app, make, new_client, monkeypatch):
    """Read-after-write: the change moves the page's versions, so the next reader misses the
    old copy and sees it at once; the late rebuild stores the page as it is now."""
    jobs: list = []
    monkeypatch.setattr(pagecache, "_start", jobs.append)
    forum = make.forum(open_=True)
    url, now = f"/forums/{forum.id}/proposals", utcnow()
    with frozen_at(now):
        assert "Registro de vertimientos" not in new_client().get(url).get_data(as_text=True)
    with frozen_at(now + timedelta(seconds=app.config["PAGE_CACHE_SECONDS"])):
        assert new_client().get(url).headers["X-Page-Cache"] == "hit" and len(jobs) == 1
        proposal(make, forum, title="Registro de vertimientos")  # committed with its trail entry
        assert "Registro de vertimientos" in new_client().get(url).get_data(as_text=True)
        _run(jobs.pop())
        for _reader in range(2):
            page = new_client().get(url)
            assert page.headers["X-Page-Cache"] == "hit" and "Registro de vertimientos" in page.get_data(as_text=True)


def test_the_rebuild_runs_on_the_rebuilder_and_can_be_waited_for(app, make, client):
    forum = make.forum(open_=True, title="Foro de Aguas")
    url, now = f"/forums/{forum.id}", utcnow()
    with frozen_at(now):
        client.get(url)
    db.session.execute(update(Forum).where(Forum.id == forum.id).values(title="Foro de Ríos"))
    db.session.commit()
    with frozen_at(now + timedelta(seconds=app.config["PAGE_CACHE_SECONDS"])):
        assert "Foro de Aguas" in client.get(url).get_data(as_text=True)
        assert pagecache.settled(10)
        page = client.get(url)
    assert page.headers["X-Page-Cache"] == "hit" and "Foro de Ríos" in page.get_data(as_text=True)


def test_a_copy_long_past_its_seconds_is_built_by_its_reader(app, make, client, count_queries, monkeypatch):
    jobs: list = []
    monkeypatch.setattr(pagecache, "_start", jobs.append)
    forum = make.forum(open_=True)
    url, now = f"/forums/{forum.id}", utcnow()
    with frozen_at(now):
        client.get(url)
    with frozen_at(now + timedelta(seconds=app.config["PAGE_CACHE_SECONDS"] + pagecache.STALE_SECONDS)):
        with count_queries() as q:
            assert "X-Page-Cache" not in client.get(url).headers
    assert q.n > 1 and not jobs
