"""A cycle's clusters in the API and the IRM's current-scale figures on the dashboards
(issue 28): /api/v1/cycles/{cycle}/clusters lists each cluster with its commitments and the
assessment the IRM gave it together, valid against the OpenAPI description; the cycle's
figures count the commitments assessed *promising* and *with an open-government lens*
beside the earlier figures, on the page (both languages) and in the API."""
import re
from dataclasses import replace

import schemathesis
from schemathesis.checks import response_schema_conformance, status_code_conformance

from forum.commitments.services import assessments, clusters
from forum.extensions import db
from tests.commitments.test_assessments import adopted
from tests.commitments.test_irm_scale_clusters import CURRENT, reviewer_of

CYCLE = "2019-2021"


def _cycle(make):
    """Four adopted commitments: a cluster of two assessed together (promising, with a lens),
    one assessed alone (neither) and a cluster of it and the fourth not assessed yet."""
    forum = make.forum(open_=True)
    c1, c2, c3, c4 = (adopted(make, forum) for _ in range(4))
    admin, irm = make.admin(), reviewer_of(make)
    together = clusters.create(admin, CYCLE, "Compras abiertas", [c1.id, c2.id])
    waiting = clusters.create(admin, CYCLE, "Datos de salud", [c3.id, c4.id])
    db.session.flush()
    assessments.assess_cluster(irm, together, replace(CURRENT, ogp_lens=True, promising=True))
    assessments.assess(irm, c3, replace(CURRENT, ogp_lens=False, promising=False))
    db.session.commit()
    return together, waiting, (c1, c2, c3, c4)


def test_a_cycles_clusters_with_their_commitments_and_assessment(make, client, app):
    together, waiting, (c1, c2, c3, c4) = _cycle(make)
    resp = client.get(f"/api/v1/cycles/{CYCLE}/clusters")
    assert resp.status_code == 200
    body = resp.get_json()
    assert [(c["id"], c["name"]) for c in body["clusters"]] == [(together.id, "Compras abiertas"),
                                                                 (waiting.id, "Datos de salud")]
    first, second = body["clusters"]
    assert [c["id"] for c in first["commitments"]] == [c1.id, c2.id]
    assert [c["id"] for c in second["commitments"]] == [c3.id, c4.id]
    assert (first["assessment"]["cluster"], first["assessment"]["scale"], first["assessment"]["promising"],
            first["assessment"]["ogp_lens"], first["assessment"]["in_force"]) == (together.id, 2, True, True, True)
    assert all(c["assessment"]["cluster"] == together.id for c in first["commitments"])
    # The second cluster was never assessed together: c3's own assessment is not the cluster's.
    assert second["assessment"] is None
    assert second["commitments"][0]["assessment"]["cluster"] is None
    assert second["commitments"][1]["assessment"] is None
    assert first["html_url"].endswith(f"/clusters/{together.id}")
    assert first["commitments"][0]["url"].endswith(f"/api/v1/commitments/{c1.id}")

    # The answer is the one the OpenAPI description promises, and an unknown cycle a JSON 404.
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", app)
    operation = schema["/cycles/{cycle}/clusters"]["GET"]
    for cycle, status in ((CYCLE, 200), ("1900-1901", 404)):
        case = operation.Case(path_parameters={"cycle": cycle}, query={})
        response = case.call()
        assert response.status_code == status
        case.validate_response(response, checks=[status_code_conformance, response_schema_conformance])
    missing = client.get("/api/v1/cycles/1900-1901/clusters").get_json()
    assert (missing["error"], missing["field"]) == ("not_found", "cycle")


def test_the_irm_figures_count_promising_and_the_open_government_lens(make, client):
    _cycle(make)
    irm = client.get(f"/api/v1/cycles/{CYCLE}/figures").get_json()["glance"]["irm"]
    assert (irm["adopted"], irm["assessed"], irm["promising"], irm["ogp_lens"]) == (4, 3, 2, 2)
    for lang, promising, lens in (("en", "Promising (current IRM scale)",
                                   "With an open-government lens (current IRM scale)"),
                                  ("es", "Prometedores (escala actual del IRM)",
                                   "Con enfoque de gobierno abierto (escala actual del IRM)")):
        html = client.get(f"/cycles/{CYCLE}?lang={lang}", headers={"Accept-Language": lang}).get_data(as_text=True)
        section = html.split('id="irm"')[1].split("</section>")[0]
        for key, label in (("promising", promising), ("ogp_lens", lens)):
            found = re.search(rf'data-irm="{key}"><dt>{re.escape(label)}</dt><dd>[^<]*<small class="muted">'
                              r"\((\d+)/(\d+)\)", section)
            assert found and found.groups() == ("2", "3"), (lang, key)
