"""A remembered page is stale only when what it shows has changed (forum/trail/versions.py,
forum/pagedeps.py): a vote in one forum leaves another forum's pages, every proposal page
and the lists it does not appear in served from memory, while whatever the change shows on
is fresh on the next view — in every app instance sharing the database."""
import subprocess
import sys

from sqlalchemy import select

from forum import create_app
from forum.extensions import db
from forum.proposals.services import comments, endorsements
from forum.sessions.services import motions
from forum.trail.versions import PageVersion
from tests.conftest import Client, trail_length
from tests.helpers.live import live, motion, seated_forum
from tests.helpers.proposals import proposal


def test_a_vote_in_one_forum_leaves_the_other_forums_pages_remembered(make, new_client, count_queries):
    environment, members = seated_forum(make)
    education = make.forum(open_=True, title="Foro de Educación")
    other = proposal(make, education, title="Becas abiertas")
    same_forum = proposal(make, environment, title="Registro de vertimientos")
    s = live(environment, present=members.values())
    m = motion(s, environment)
    pages = [f"/forums/{education.id}", f"/forums/{education.id}/proposals", f"/proposals/{other.id}",
             f"/proposals/{same_forum.id}", "/api/v1/proposals", "/api/v1/consultations",
             "/api/v1/commitments"]
    shown = {url: new_client().get(url).get_data(as_text=True) for url in pages}
    motions.vote(members["civil_society"], s, m.id, "yes")
    db.session.commit()
    for url in pages:
        with count_queries() as q:
            again = new_client().get(url)
        assert again.status_code == 200
        assert q.n == 1, (url, q.statements)  # the head and the versions, in one: not built again
        assert shown[url].count("Becas abiertas") == again.get_data(as_text=True).count("Becas abiertas")
    # the footer of a page kept under its versions names the head as it is now, the vote's
    assert f"{trail_length():,} entries" in new_client().get(pages[0]).get_data(as_text=True)
    with count_queries() as q:  # the page the vote shows on is built again
        new_client().get(f"/sessions/{s.id}")
    assert q.n > 1


def test_a_write_on_a_proposal_shows_on_its_page_and_the_lists_that_show_it(make, new_client):
    forum = make.forum(open_=True)
    p = proposal(make, forum, title="Compras abiertas")
    reader = new_client()
    pages = (f"/proposals/{p.id}", f"/forums/{forum.id}/proposals")
    for url in pages:
        reader.get(url)
    api = reader.get(f"/api/v1/proposals/{p.id}").get_json()
    listed = next(x for x in reader.get("/api/v1/proposals").get_json()["items"] if x["id"] == p.id)
    comments.post(make.user(), p, "Que incluya las adendas de cada contrato.")
    endorser, org = make.member_of("civil_society")
    endorsements.endorse(endorser, p, org)
    db.session.commit()
    assert "Que incluya las adendas" in reader.get(pages[0]).get_data(as_text=True)
    for url in pages[1:]:
        assert "1 endorsement" in reader.get(url).get_data(as_text=True), url
    assert reader.get(f"/api/v1/proposals/{p.id}").get_json()["endorsement_count"] == api["endorsement_count"] + 1
    relisted = next(x for x in reader.get("/api/v1/proposals").get_json()["items"] if x["id"] == p.id)
    assert relisted["endorsement_count"] == listed["endorsement_count"] + 1


def test_a_change_made_through_another_instance_shows_on_the_next_view(app, make):
    """Two app instances on one database, as two processes behind nginx: what one records,
    a visitor of the other sees on the next view, never the copy it remembered."""
    forum = make.forum(open_=True)
    p = proposal(make, forum, title="Compras abiertas")
    writer_user = make.user("Ana Escritora")
    db.session.commit()
    other = create_app({"SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"],
                        "SECRET_KEY": app.config["SECRET_KEY"], "INSTANCE_PATH": app.instance_path,
                        "SESSION_COOKIE_SECURE": False, "RATELIMIT_ENABLED": False})
    visitor, writer = Client(app.test_client()), Client(other.test_client())
    url = f"/proposals/{p.id}"
    assert "Publiquen también las adendas" not in visitor.get(url).get_data(as_text=True)
    writer.login(writer_user.email)
    resp = writer.post(f"{url}/comments", {"comment-body": "Publiquen también las adendas.",
                                           "comment-organisation": ""})
    assert resp.status_code == 302
    assert "Publiquen también las adendas" in visitor.get(url).get_data(as_text=True)
    with other.app_context():
        db.session.remove()
        db.engine.dispose()


BUMPS = 40
BUMPER = """
import sys
from forum import create_app
from forum.extensions import db
from forum.trail.versions import bump
app = create_app({"SQLALCHEMY_DATABASE_URI": sys.argv[1], "SECRET_KEY": "x"})
with app.app_context():
    print("ready", flush=True)
    sys.stdin.readline()  # both processes start bumping together
    for _ in range(int(sys.argv[2])):
        bump({"proposal:1", "proposals"})
        db.session.commit()
"""


def test_two_processes_bumping_the_same_key_lose_no_bump(ctx, database_url):
    procs = [subprocess.Popen([sys.executable, "-c", BUMPER, database_url, str(BUMPS)], stdin=subprocess.PIPE,
                              stdout=subprocess.PIPE, text=True) for _ in range(2)]
    for proc in procs:
        assert proc.stdout.readline().strip() == "ready"
    for proc in procs:
        proc.stdin.write("go\n")
        proc.stdin.flush()
    for proc in procs:
        proc.stdin.close()
        assert proc.wait(120) == 0
        proc.stdout.close()
    db.session.remove()
    counters = dict(db.session.execute(select(PageVersion.key, PageVersion.counter)).all())
    assert counters["proposal:1"] == counters["proposals"] == 2 * BUMPS
