"""Whose voice reached the plan, checked against counts written by hand on a forum with
known answers (tests/helpers/voice.known_forum), including the "fewer than 5" boundary."""
from forum.extensions import db
from forum.voice import figures, services
from tests.helpers.voice import known_forum


def _rows(v, dim):
    return {r.group: r for r in v.by[dim]}


def _figures(row):
    return row.people, row.received, row.answered, row.shaped


def test_every_figure_matches_the_hand_count(make):
    w = known_forum(make)
    v = figures.for_forums([w.forum.id])
    # 5 proposals from A + 4 from B + 2 recorded at the workshop; answered 3 + 1 + 1; 2 adopted.
    assert (v.received, v.answered, v.adopted) == (11, 5, 2)
    region = _rows(v, "region")
    assert set(region) == {"1501", "08", "21"}
    assert _figures(region["1501"]) == (5, 5, 3, 1)
    assert _figures(region["08"]) == (4, 4, 1, 1)
    assert _figures(region["21"]) == (12, 2, 1, 1)
    assert region["1501"].share_shaped == 0.5 and region["21"].share_shaped == 0.5
    channel = _rows(v, "channel")
    assert set(channel) == {"online", "paper"}
    assert _figures(channel["online"]) == (9, 9, 4, 2)
    assert _figures(channel["paper"]) == (12, 2, 1, 1)
    admission = _rows(v, "admission")
    # A sits invited; B joined on request and D has no seat: both came on their own.
    assert _figures(admission["invited"]) == (5, 5, 3, 1)
    assert _figures(admission["self_joined"]) == (16, 6, 2, 2)


def test_a_group_of_four_people_is_fewer_than_5_and_five_is_shown(make, client):
    w = known_forum(make)
    shown = {r["group"]: r for r in figures.to_json(figures.for_forums([w.forum.id]))["by"]["region"]}
    assert shown["08"] == {"group": "08", "fewer_than_5": True, "people": None, "received": None, "answered": None,
                           "shaped": None, "share_shaped": None}
    assert shown["1501"]["fewer_than_5"] is False and shown["1501"]["received"] == 5
    page = client.get(f"/forums/{w.forum.id}").get_data(as_text=True)
    row = page.split('data-group="08"', 1)[1].split("</tr>", 1)[0]
    assert "fewer than 5" in row and ">4<" not in row
    api = client.get(f"/api/v1/forums/{w.forum.id}/voice").get_json()
    assert {r["group"]: r["fewer_than_5"] for r in api["by"]["region"]} == {"1501": False, "08": True, "21": False}


def test_the_fifth_person_makes_the_group_shown(make):
    w = known_forum(make, b_people=5)
    row = _rows(figures.for_forums([w.forum.id]), "region")["08"]
    assert (row.people, row.small, row.received) == (5, False, 5)
    assert figures.to_json(figures.for_forums([w.forum.id]))["by"]["region"][1]["received"] == 5


def test_targets_say_whether_they_were_met(make, client):
    w = known_forum(make)
    services.set_target(w.state, w.forum, dimension="region", group="1501", outside=True, percent=40)
    services.set_target(w.state, w.forum, dimension="channel", group="paper", outside=False, percent=25)
    services.set_target(w.state, w.forum, dimension="region", group="08", outside=False, percent=30)
    db.session.commit()
    v = figures.for_forums([w.forum.id])
    # outside Lima Metropolitana: 6 of 11 (54.5 %) >= 40 %; on paper 2 of 11 (18.2 %) < 25 %;
    # from Cusco 4 of 11 (36.4 %) >= 30 %, said without its count (4 people).
    assert [(t.inputs, t.total, t.met) for t in v.targets] == [(6, 11, True), (2, 11, False), (4, 11, True)]
    assert figures.to_json(v)["targets"][2]["inputs"] is None
    page = client.get(f"/forums/{w.forum.id}").get_data(as_text=True)
    assert page.count('data-met="yes"') == 2 and page.count('data-met="no"') == 1
