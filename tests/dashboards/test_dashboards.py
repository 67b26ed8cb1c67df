"""'At a glance' figures and the derived IAP2 level, against a history computed by hand."""
import re
from datetime import date

import pytest

from forum.commitments import queries
from forum.commitments.services import links, progress, signoff
from forum.dashboards import figures
from forum.extensions import db
from forum.proposals.services import responses
from tests.helpers.commitments import commitment
from tests.helpers.proposals import REASON, chairs, proposal


def test_glance_of_a_known_forum(make, client):
    """5 proposals (3 CSO, 1 State, 1 academic): 4 answered, 1 waiting and unlinked.
    Two commitments, one adopted and shaped by a CSO and a State proposal, one milestone
    complete → completed 1, major progress 1, tracing to civil society 100%, answered 80%."""
    c = commitment(make)
    forum = c.forum
    state, civil = chairs(forum)["state_chair"], chairs(forum)["civil_chair"]
    cso = [proposal(make, forum) for _ in range(3)]
    gov = proposal(make, forum, kind="government")
    uni = proposal(make, forum, kind="academia")
    for p in (*cso[:2], gov, uni):
        responses.respond(state, p, "accepted", REASON)
    v = queries.version(c)
    links.link(state, v, "proposal", cso[0].id, "adopted", "Se adopta la propuesta ciudadana.")
    links.link(state, v, "proposal", gov.id, "adapted", "Se adapta el calendario del Estado.")
    links.link(state, v, "proposal", uni.id, "not_taken_up", "No se recoge por ahora.")
    signoff.sign(state, v)
    signoff.sign(civil, v)
    commitment(make, forum)  # a second, not adopted
    progress.report(state, c, queries.version(c, 1).milestones[0], "complete", "Hito cumplido y publicado.",
                    "https://datos.example.gob.pe/hito", date(2020, 3, 1))
    db.session.commit()

    g = figures.for_forums([forum])
    assert (g.commitments, g.adopted, g.completed, g.major_progress) == (2, 1, 1, 1)
    assert g.inputs_by_group == {"civil_society": 3, "government": 1, "academia": 1}
    assert g.share_answered == 4 / 5
    assert g.share_tracing_to_civil_society == 1.0
    assert g.voice == {"civil_society": 1, "government": 1}
    assert g.unanswered_unlinked == 1  # cso[2]: waiting, and linked to nothing
    assert g.completion_counts == {"complete": 1}
    assert g.iap2_level == "collaborate"
    assert [(s.level, s.met) for s in g.iap2_steps] == [
        ("inform", True), ("consult", True), ("involve", True), ("collaborate", True), ("empower", False)]
    assert g.iap2_steps[1].figures == {"inputs": 5, "withdrawn": 0, "share_answered": 0.8, "threshold": 0.8}
    html = client.get(f"/forums/{forum.id}/dashboard").get_data(as_text=True)
    assert 'data-level="collaborate"' in html and "80%" in html
    # The headline never counts a draft as a commitment of the plan.
    assert re.search(r'Adopted commitments \(both keys\)</dt><dd><a href="#plan">1</a></dd>', html)
    assert re.search(rf'Drafts not adopted yet</dt><dd><a href="/forums/{forum.id}/commitments">1</a></dd>', html)
    # The rule is on the page with the figures it used.
    assert "Here: 5 inputs not withdrawn, 80% answered." in html and "Here: 1 of 1 adopted commitment." in html
    # Each figure links to the list it counts, and that list holds exactly that many rows.
    owed = re.search(r'Inputs still owed an answer</dt><dd><a href="([^"]+)">1</a>', html).group(1)
    assert "1 proposal<" in client.get(owed.replace("&amp;", "&")).get_data(as_text=True)
    received = re.search(r'Inputs received</dt><dd><a href="([^"]+)">5</a>', html).group(1)
    assert "5 proposals<" in client.get(received).get_data(as_text=True)
    answered = re.search(r'Answered with a reasoned response</dt><dd><a href="([^"]+)">', html).group(1)
    assert "4 proposals<" in client.get(answered.replace("&amp;", "&")).get_data(as_text=True)
    assert client.get(f"/cycles/{forum.cycle}").status_code == 200
    assert client.get("/cycles/1990-1991").status_code == 404
    # The bars are drawn in the page, each as long as its count against the largest: 3 CSO, 1, 1.
    inputs = html.split('class="bars"')[1].split("</svg>")[0]
    widths = dict(re.findall(r'<rect class="k-(\w+)"[^>]* width="([\d.]+)"', inputs))
    assert widths == {"government": "86.7", "civil_society": "260.0", "academia": "86.7"}
    assert "<script" not in html.split("<main")[1]  # no chart library, no script


def test_each_figure_says_what_it_counts_and_leaves_out(make, client):
    """3 CSO proposals: one answered and shaping the adopted commitment, one waiting, one
    withdrawn. «Inputs received 3» beside «50%» only adds up once the page says that the
    withdrawn one is left out; the co-chairs' own progress is told apart from the IRM's
    assessment; and Involve, whose own test passes (1 of 1 commitments traces to civil
    society), says why it is not reached: Consult, below it, is not (1 of 2 answered)."""
    from forum.proposals import services as proposal_services
    c = commitment(make)
    forum = c.forum
    state, civil = chairs(forum)["state_chair"], chairs(forum)["civil_chair"]
    shaping, _waiting, gone = (proposal(make, forum) for _ in range(3))
    responses.respond(state, shaping, "accepted", REASON)
    proposal_services.withdraw(gone.submitter, gone)
    v = queries.version(c)
    links.link(state, v, "proposal", shaping.id, "adopted", "Se adopta la propuesta ciudadana.")
    signoff.sign(state, v)
    signoff.sign(civil, v)
    db.session.commit()

    for lang, received, answered, own_progress, irm, below in (
        ("en", "including 1 withdrawn by its submitter", "1 of the 2 inputs not withdrawn",
         "With major progress, as the co-chairs report it", "This is the IRM's assessment",
         "criterion met, but the level below is not"),
        ("es", "incluido 1 retirado por quien lo presentó", "1 de los 2 aportes no retirados",
         "Con avance importante, según lo informan las copresidencias", "Esta es la evaluación del IRM",
         "criterio cumplido, pero no el del nivel anterior")):
        client.raw.environ_base["HTTP_ACCEPT_LANGUAGE"] = lang
        html = client.get(f"/forums/{forum.id}/dashboard").get_data(as_text=True)
        figure = {k: re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", v)).strip()
                  for k, v in re.findall(r'<div data-figure="([\w-]+)">(.*?)</div>', html, re.S)}
        assert figure["received"].endswith(f"3 {received}")
        assert figure["answered"].endswith(f"50% {answered}") or figure["answered"].endswith(f"50 % {answered}")
        assert own_progress in figure["major-progress"]
        assert irm in html.split('id="irm"')[1].split("</section>")[0]
        steps = dict(re.findall(r'<li data-step="(\w+)" data-met="no">(.*?)</li>', html, re.S))
        assert below in steps["involve"] and below in steps["collaborate"]
        assert below not in steps["consult"] and below not in steps["empower"]  # their own tests fail
    # The API says the same to a program: what is left out, and which criterion passed alone.
    api = client.get(f"/api/v1/forums/{forum.id}/figures").get_json()["glance"]
    assert (api["proposals"], api["withdrawn"], api["answered"], api["share_answered"]) == (3, 1, 1, 0.5)
    assert [(s["level"], s["met"], s["criterion"]) for s in api["iap2_steps"]] == [
        ("inform", True, True), ("consult", False, False), ("involve", False, True), ("collaborate", False, True),
        ("empower", False, False)]


def _glance(proposals, share_answered, adopted=0, traced=0):
    from forum.commitments.assessment_queries import IrmFigures
    return figures.Glance(
        commitments=adopted, adopted=adopted, completed=0, major_progress=0, inputs_by_group={}, median_days=None,
        voice={}, unanswered_unlinked=0, completion_counts={}, iap2_level="inform", iap2_steps=[],
        proposals=proposals, share_answered=share_answered, traced=traced,
        share_tracing_to_civil_society=traced / adopted if adopted else None,
        irm=IrmFigures(adopted, 0, 0, 0, 0, 0, 0))


def test_iap2_steps_need_the_one_before():
    assert figures.iap2(_glance(0, None))[0] == "inform"
    assert figures.iap2(_glance(10, 0.79, adopted=2, traced=2))[0] == "inform"  # consult unmet: no higher step
    assert figures.iap2(_glance(10, 0.8, adopted=2, traced=0))[0] == "consult"
    assert figures.iap2(_glance(10, 0.9, adopted=4, traced=1))[0] == "involve"
    assert figures.iap2(_glance(10, 0.9, adopted=4, traced=2))[0] == "collaborate"
    level, steps = figures.iap2(_glance(10, 0.79, adopted=2, traced=2))
    assert [s.met for s in steps] == [True, False, False, False, False]


@pytest.mark.parametrize("language, words", [("en", "target influence: Consult"),
                                             ("es", "influencia buscada: Consultar")])
def test_the_home_page_calls_the_target_level_a_target(make, app, language, words):
    """The open forum's card on / gives the IAP2 level it aims for in the words of /forums/,
    never the bare level, which reads as reached (the records may show only "Inform")."""
    from tests.conftest import Client
    forum = make.forum(open_=True)
    visitor = Client(app.test_client(), language=language)
    home = visitor.get("/").get_data(as_text=True)
    card = home[home.index(f'href="/forums/{forum.id}"'):]
    card = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", card[:card.index("</li>")]))
    assert words in card, card
    assert words in re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", visitor.get("/forums/").get_data(as_text=True)))
