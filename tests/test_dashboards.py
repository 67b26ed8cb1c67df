"""'At a glance' figures and the derived IAP2 level, against a history computed by hand."""
import re

from forum.commitments import links, progress, queries, signoff
from forum.dashboards import figures
from forum.extensions import db
from forum.proposals import responses
from tests.commitment_helpers import commitment
from tests.proposals_helpers import REASON, chairs, proposal


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
    progress.report(state, c, queries.version(c, 1).milestones[0], "complete", "Hito cumplido y publicado.")
    db.session.commit()

    g = figures.for_forums([forum])
    assert (g.commitments, g.adopted, g.completed, g.major_progress) == (2, 1, 1, 1)
    assert g.inputs_by_group == {"civil_society": 3, "government": 1, "academia": 1}
    assert g.share_answered == 4 / 5
    assert g.share_tracing_to_civil_society == 1.0
    assert g.voice == {"civil_society": 1, "government": 1}
    assert g.unanswered_unlinked == 1  # cso[2]: waiting, and linked to nothing
    assert g.completion_counts == {"complete": 1}
    assert (g.iap2_level, g.iap2_reasons) == ("collaborate", ["inform", "consult", "involve", "collaborate"])
    html = client.get(f"/forums/{forum.id}/dashboard").get_data(as_text=True)
    assert 'data-level="collaborate"' in html and "80%" in html
    # The headline never counts a draft as a commitment of the plan.
    assert re.search(r"Adopted commitments \(both keys\)</dt><dd>1</dd>", html)
    assert re.search(r"Drafts not adopted yet</dt><dd>1</dd>", html)
    assert "1 input is still owed its reasoned response" in html
    assert f"/forums/{forum.id}/proposals?sort=waiting" in html
    assert client.get(f"/cycles/{forum.cycle}").status_code == 200
    assert client.get("/cycles/1990-1991").status_code == 404


def test_iap2_steps_need_the_one_before():
    base = dict(commitments=0, adopted=0, completed=0, major_progress=0, inputs_by_group={}, median_days=None,
                voice={}, unanswered_unlinked=0, completion_counts={}, iap2_level="inform", iap2_reasons=[])
    assert figures.iap2(figures.Glance(**base, proposals=0, share_answered=None,
                                       share_tracing_to_civil_society=None))[0] == "inform"
    assert figures.iap2(figures.Glance(**base, proposals=10, share_answered=0.79,
                                       share_tracing_to_civil_society=1.0))[0] == "inform"
    assert figures.iap2(figures.Glance(**{**base, "adopted": 2}, proposals=10, share_answered=0.8,
                                       share_tracing_to_civil_society=0.0))[0] == "consult"
    assert figures.iap2(figures.Glance(**{**base, "adopted": 4}, proposals=10, share_answered=0.9,
                                       share_tracing_to_civil_society=0.25))[0] == "involve"
