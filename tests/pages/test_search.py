"""Find anything (issue 16): one search over proposals, consultation comments,
consultations, commitments, organisations and sessions, with visible filters kept in the
URL; it finds only what anyone may read, and a hostile query or a filter that names
nothing gets an explained answer, never an error page."""
import re

import pytest

from forum.extensions import db
from forum.proposals.services import moderation
from tests.helpers.commitments import commitment
from tests.helpers.consultations import closed, running
from tests.helpers.live import scheduled
from tests.helpers.proposals import chairs, proposal


def sections(html: str) -> dict:
    return {k: int(n.replace(",", "")) for k, n in re.findall(r'<h2 id="h-(\w+)">[^<(]*\(([\d,]+)\)</h2>', html)}


@pytest.fixture
def world(make):
    forum = make.forum(open_=True, title="Foro de Ambiente")
    other = make.forum(open_=True, title="Foro de Educación")
    p = proposal(make, forum, title="Monitoreo participativo de la deforestación")
    hidden = proposal(make, forum, title="Deforestación: texto ofensivo")
    moderation.hide_proposal(chairs(forum)["state_chair"], hidden, "Lenguaje ofensivo contra una persona.")
    proposal(make, other, title="Becas para estudiantes rurales")
    author = make.user()
    c, _made = closed(forum, [(author, "La deforestación debe medirse cada mes.", 1)])
    draft = running(forum, visibility="at_close", title="Consulta abierta sobre bosques")
    from forum.consultations import services
    services.comment(author, draft, "Comentario aún reservado sobre la deforestación.", 1)
    commitment(make, forum)
    s = scheduled(forum, title="Sesión sobre deforestación")
    db.session.commit()
    return {"forum": forum, "other": other, "p": p, "hidden": hidden, "c": c, "draft": draft, "s": s}


def test_one_word_finds_every_kind_that_holds_it_accents_ignored(client, world):
    html = client.get("/search?q=deforestacion").get_data(as_text=True)
    found = sections(html)
    assert found["proposals"] == 1 and found["comments"] == 1 and found["sessions"] == 1
    assert f'/proposals/{world["p"].id}"' in html and f'/sessions/{world["s"].id}"' in html
    assert f'/proposals/{world["hidden"].id}"' not in html  # hidden by the co-chairs: not searchable
    assert "aún reservado" not in html  # published only when the consultation closes
    assert "Becas para estudiantes" not in html


def test_filters_are_visible_and_kept_in_the_url(client, world):
    forum, other = world["forum"], world["other"]
    html = client.get(f"/search?q=becas&forum={other.id}&kind=proposals").get_data(as_text=True)
    assert sections(html) == {"proposals": 1}
    assert f'<option value="{other.id}" selected>' in html and '<option value="proposals" selected>' in html
    assert 'name="q" value="becas"' in html
    assert sections(client.get(f"/search?q=becas&forum={forum.id}").get_data(as_text=True)).get("proposals") == 0
    adopted = client.get("/search?status=adopted").get_data(as_text=True)
    assert set(sections(adopted)) == {"commitments"}  # a status belongs to the kinds that have it
    by_group = client.get("/search?group=civil_society").get_data(as_text=True)
    assert set(sections(by_group)) == {"proposals", "comments", "organisations"}


@pytest.mark.parametrize("args, field", [
    ("forum=99999", "forum"), ("forum=abc", "forum"), ("kind=secrets", "kind"), ("cycle=1900-1901", "cycle"),
    ("group=aliens", "group"), ("organisation=-1", "organisation"), ("status=deleted", "status"),
])
def test_a_filter_that_names_nothing_is_explained_next_to_its_field(client, world, args, field):
    resp = client.get(f"/search?q=deforestacion&{args}")
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400 and f'id="s-{field}-error"' in html
    assert sections(html).get("proposals") == 1  # and the search runs without it


@pytest.mark.parametrize("q", ["' OR 1=1 --", "%", "_", "a" * 5000, "<script>alert(1)</script>", "🌳 ñandú",
                               "NEAR(a b)", "deforestación*"])
def test_hostile_queries_get_an_answer_not_an_error(client, world, q):
    from urllib.parse import quote
    resp = client.get("/search?q=" + quote(q))
    assert resp.status_code == 200
    assert "<script>alert" not in resp.get_data(as_text=True)


def test_an_empty_search_explains_itself(client, world):
    html = client.get("/search?q=+++").get_data(as_text=True)
    assert "Type a word, or choose a filter" in html and sections(html) == {}


def test_the_same_number_of_queries_at_any_size(client, make, world, count_queries):
    def cost():
        with count_queries() as q:
            assert client.get("/search?q=deforestacion").status_code == 200
        return q.n
    before = cost()
    for i in range(15):
        proposal(make, world["forum"], title=f"Deforestación en la cuenca número {i}")
    assert cost() == before
