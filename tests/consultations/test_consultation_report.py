"""The consultation report against a fixture whose figures are worked out by hand."""
import csv
import io
from datetime import timedelta

from forum.commitments import queries as commitment_queries
from forum.commitments.services import links
from forum.consultations import deadlines, report
from forum.consultations.services import responses
from forum.core.clock import frozen_at, utcnow
from forum.extensions import db
from tests.helpers.commitments import commitment
from tests.helpers.consultations import ANSWER, closed
from tests.helpers.proposals import chairs


def fixture(make):
    """Seven comments: civil society 3 (two people, two organisations), academia 1,
    State 1, individuals 2 (one person). Five answered by the deadline, one late, one not yet."""
    cm = commitment(make)
    forum = cm.forum
    cso1, org1 = make.member_of("civil_society")
    cso2, org2 = make.member_of("civil_society")
    uni, uni_org = make.member_of("academia")
    gov, gov_org = make.member_of("government")
    citizen = make.user("Citizen")
    from forum.consultations import services
    c, _ = closed(forum)
    made = []
    with frozen_at(c.starts_at + timedelta(hours=1)):
        for user, org, paragraph, suggestion in ((cso1, org1, 2, "Texto nuevo."), (cso1, org1, 3, None),
                                                 (cso2, org2, None, None), (uni, uni_org, 2, None),
                                                 (gov, gov_org, 4, None), (citizen, None, 1, "Otra frase."),
                                                 (citizen, None, None, None)):
            made.append(services.comment(user, c, f"Comentario de {user.display_name}", paragraph, suggestion, org))
    db.session.commit()
    chair = chairs(forum)["state_chair"]
    due = deadlines.clock(c).due
    outcomes = ["accepted", "partially_accepted", "not_accepted", "out_of_scope", "accepted"]
    for x, outcome in zip(made[:5], outcomes, strict=True):
        link = cm if x is made[0] or x is made[1] else None
        links.answer_and_link(chair, x, outcome, ANSWER, link, "adapted" if link else None, None)
    db.session.commit()
    with frozen_at(due + timedelta(seconds=1)):  # one second late
        responses.answer(chair, made[5], "accepted", ANSWER)
    db.session.commit()
    return c, cm, made


def test_report_figures_match_the_hand_count(make):
    c, cm, made = fixture(make)
    data = report.build(c, utcnow(), commitment_queries.shaped_by_comments)
    assert data["participation"] == {
        "academia": {"comments": 1, "people": 1, "organisations": 1},
        "civil_society": {"comments": 3, "people": 2, "organisations": 2},
        "government": {"comments": 1, "people": 1, "organisations": 1},
        "individual": {"comments": 2, "people": 1, "organisations": 0},
    }
    assert data["totals"] == {"comments": 7, "people": 5, "organisations": 4, "on_paragraphs": 5,
                              "with_suggestion": 2}
    assert data["answers"] == {"accepted": 3, "partially_accepted": 1, "not_accepted": 1, "out_of_scope": 1}
    promise = data["promise"]
    assert (promise["comments"], promise["answered"], promise["on_time"]) == (7, 6, 5)
    assert promise["kept"] is False  # one answered late
    assert data["versions"] == [{"commitment": cm.id, "version": 1, "title": "Compras públicas abiertas",
                                 "comments": 2}]
    assert [x["id"] for x in data["comments"]] == [x.id for x in made]
    assert data["comments"][0]["links"][0]["how"] == "adapted"
    assert data["comments"][6]["responses"] == []


def test_promise_kept_is_unknown_while_answers_may_still_come_in_time(make):
    forum = make.forum(open_=True)
    author = make.user()
    c, (x,) = closed(forum, [(author, "Uno.", 1)])
    assert report.promise_kept(c, utcnow())["kept"] is None
    assert report.promise_kept(c, deadlines.clock(c).due + timedelta(seconds=1))["kept"] is False
    responses.answer(chairs(forum)["civil_chair"], x, "accepted", ANSWER)
    db.session.commit()
    assert report.promise_kept(c, utcnow())["kept"] is True


def test_report_page_csv_and_json_say_the_same(make, client):
    c, cm, made = fixture(make)
    html = client.get(f"/consultations/{c.id}/report").get_data(as_text=True)
    assert "Not kept" in html and "Comentario de Citizen" in html and "No response yet" in html
    assert f"/commitments/{cm.id}?v=1" in html
    resp = client.get(f"/consultations/{c.id}/report.csv")
    assert resp.mimetype == "text/csv" and "attachment" in resp.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(resp.get_data(as_text=True).lstrip("\ufeff"))))
    assert rows[0] == list(report.CSV_COLUMNS) and len(rows) == 8
    assert rows[1][8] == "accepted" and rows[1][9] == ANSWER
    assert rows[1][11] == f"commitment {cm.id} v1 (adapted)" and rows[7][8] == ""
    data = client.get(f"/consultations/{c.id}/report.json").get_json()
    assert data["totals"]["comments"] == 7 and data["promise"]["on_time"] == 5
    assert data["consultation"]["document_sha256"] == c.document_sha256


def test_comments_not_yet_published_stay_out_of_the_report(make, client):
    from forum.consultations import services
    from tests.helpers.consultations import running
    c = running(make.forum(open_=True), visibility="at_close")
    services.comment(make.user(), c, "Reservado hasta el cierre.")
    db.session.commit()
    assert "Reservado" not in client.get(f"/consultations/{c.id}/report").get_data(as_text=True)
    assert "Reservado" not in client.get(f"/consultations/{c.id}/report.csv").get_data(as_text=True)
    assert client.get(f"/consultations/{c.id}/report.json").get_json()["totals"]["comments"] == 1


def test_the_remembered_report_changes_as_soon_as_the_record_does(make, client):
    """The report is built once per state of the record (trail/cache.py): a response given,
    a comment hidden, or the clock passing the close each show on the very next view."""
    from forum.consultations import services
    from tests.helpers.consultations import running
    c = running(make.forum(open_=True), visibility="at_close")
    author = make.user("Author")
    x = services.comment(author, c, "Reservado hasta el cierre.")
    db.session.commit()
    url = f"/consultations/{c.id}/report"
    assert "Reservado" not in client.get(url).get_data(as_text=True)
    with frozen_at(c.ends_at + timedelta(minutes=1)):  # nothing written: only the clock moved
        page = client.get(url).get_data(as_text=True)
        assert "Reservado" in page and "No response yet" in page
        responses.answer(chairs(c.forum)["state_chair"], x, "out_of_scope", ANSWER)
        db.session.commit()
        page = client.get(url).get_data(as_text=True)
        assert "Out of scope" in page and "No response yet" not in page
        assert client.get(url + ".json").get_json()["comments"][0]["answer"] == "out_of_scope"
        services.hide_comment(chairs(c.forum)["state_chair"], x, "Datos personales de un tercero.")
        db.session.commit()
        page = client.get(url).get_data(as_text=True)
        assert "Reservado" not in page and "Datos personales de un tercero." in page
        spanish = client.get(url, headers={"Accept-Language": "es"}).get_data(as_text=True)
        assert "Fuera de alcance" in spanish and "Out of scope" not in spanish
