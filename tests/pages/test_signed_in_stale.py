"""A signed-in reader's remembered page past its seconds, while nothing it shows has changed
(forum/pagecache.py `_stale_shared`): served to them as visitors are served theirs — the
reader who found it expired too — and rebuilt once off their path, as their own request.
Through the stack each co-chair's copy of each page was otherwise built on a reader's path
every minute (the cycle page's p95: a second at five writes a second)."""
import threading
from datetime import timedelta

from sqlalchemy import update

from forum import pagecache
from forum.core.clock import frozen_at, utcnow
from forum.extensions import db
from forum.forums.models import Forum
from tests.helpers.proposals import chairs, proposal


def _run(job) -> None:
    worker = threading.Thread(target=job)
    worker.start()
    worker.join(10)
    assert not worker.is_alive()


def test_a_co_chairs_expired_page_is_served_and_rebuilt_once_off_their_path(app, make, new_client, monkeypatch):
    jobs: list = []
    monkeypatch.setattr(pagecache, "_start", jobs.append)  # the rebuild, held until the test runs it
    forum = make.forum(open_=True, title="Foro de Aguas")
    proposal(make, forum, title="Registro de vertimientos")  # a control the co-chair alone gets
    chair, other = new_client(), new_client()
    chair.login(chairs(forum)["state_chair"].email)
    other.login(make.user().email)
    url, now = f"/forums/{forum.id}/proposals", utcnow()
    with frozen_at(now):
        chair.get(url)
        other.get(url)
    # SQL by hand: the key stays, so only the rebuild can show it
    db.session.execute(update(Forum).where(Forum.id == forum.id).values(title="Foro de Ríos"))
    db.session.commit()
    with frozen_at(now + timedelta(seconds=app.config["PAGE_CACHE_SECONDS"])):
        for _view in range(3):
            page = chair.get(url)
            assert page.headers.get("X-Page-Cache") == "hit" and "Foro de Aguas" in page.get_data(as_text=True)
        assert len(jobs) == 1  # one rebuild, however many views found it expired
        _run(jobs.pop())
        page = chair.get(url)
        assert page.headers.get("X-Page-Cache") == "hit" and "Foro de Ríos" in page.get_data(as_text=True)
        assert not jobs
        # the other reader's copy was past its seconds too: served, and rebuilt as theirs
        page = other.get(url)
        assert page.headers.get("X-Page-Cache") == "hit" and len(jobs) == 1
        _run(jobs.pop())
        assert "Foro de Ríos" in other.get(url).get_data(as_text=True)
