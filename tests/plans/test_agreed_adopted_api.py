"""The API's agreed/adopted list (issue 27, performance): the adopted texts appear by title
with a link, and each text's fields come from its own resource, so the list stays small
however long the texts are (at 500 commitments the full texts made it 1.32 MB)."""
import json

from sqlalchemy import select

from forum.core.clock import frozen_at
from forum.extensions import db
from forum.plans.models import FIELDS, AdoptedText
from forum.plans.services import official
from tests.helpers.plans import T0, agreed_forum, official_plan
from tests.helpers.proposals import chairs

LONG = "Texto largo del instrumento oficial, con todo su detalle. " * 60  # ~3.5 kB a field


def _long_texts(forum, instrument, n):
    """n more adopted texts, each with five long fields, as the State records them."""
    with frozen_at(T0):
        for k in range(n):
            official.add_text(chairs(forum)["state_chair"], instrument, forum,
                              official.Text(f"Compromiso añadido {k}", LONG, LONG, LONG, LONG, LONG, "transparencia"))
    db.session.commit()


def test_the_list_names_each_adopted_text_and_links_its_full_fields(make, client):
    forum, made, _p = agreed_forum(make, shaper=False)
    instrument, _texts, _found = official_plan(forum, made)
    _long_texts(forum, instrument, 3)
    body = client.get(f"/api/v1/cycles/{forum.cycle}/agreed-adopted").get_json()
    stored = {t.id: t for t in db.session.scalars(select(AdoptedText))}
    assert sorted(a["id"] for a in body["adopted"]) == sorted(stored)
    for row in body["adopted"]:
        assert set(row) == {"id", "instrument", "forum", "title", "url"} and row["title"] == stored[row["id"]].title
        text = client.get(row["url"]).get_json()
        assert {f: text[f] for f in FIELDS} == {f: getattr(stored[row["id"]], f) for f in FIELDS}
        assert text["cycle_url"].endswith(f"/api/v1/cycles/{forum.cycle}/agreed-adopted")
    for row in body["agreed"]:
        assert client.get(row["url"]).get_json()["id"] == row["commitment"]
    assert client.get("/api/v1/adopted-texts/999999").status_code == 404


def test_the_list_does_not_grow_with_the_length_of_the_texts(make, client):
    forum, made, _p = agreed_forum(make, shaper=False)
    instrument, _texts, _found = official_plan(forum, made)
    _long_texts(forum, instrument, 12)
    answer = client.get(f"/api/v1/cycles/{forum.cycle}/agreed-adopted")
    texts = sum(len(json.dumps({f: getattr(t, f) for f in FIELDS}))
                for t in db.session.scalars(select(AdoptedText)))
    assert texts > 200_000
    assert len(answer.get_data()) < 20_000, "the list carries titles and links, not the texts"
