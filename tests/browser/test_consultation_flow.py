"""A CSO member comments on paragraph 3 with a suggested text; when the period is over a
co-chair saves a new commitment version, answers the comment and links it to that version;
an anonymous visitor finds it all in the public report."""
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from forum.commitments.models import Commitment, CommitmentVersion
from forum.consultations import services
from forum.core.clock import frozen_at, shifted, utcnow
from forum.extensions import db
from forum.forums.models import Forum
from tests.browser.test_proposal_flow import log_in, log_out

pytestmark = pytest.mark.browser

DRAFT = ("Primer párrafo: el registro se publica.\n\nSegundo párrafo: cada año.\n\n"
         "Tercer párrafo: los polígonos se publican en PDF.\n\nCuarto párrafo: el ministerio informa.")
PERIOD = timedelta(days=14)


def open_consultation(app):
    """Opened a minute ago by the State co-chair; it closes PERIOD after the test starts."""
    with app.app_context():
        forum = db.session.scalar(db.select(Forum).where(Forum.sector == "Ambiente"))
        rosa = next(s.user for s in forum.active_seats if s.role == "state_chair")
        now = utcnow()
        with frozen_at(now - timedelta(minutes=1)):
            c = services.open_consultation(
                rosa, forum, title="Consulta breve sobre el registro forestal", starts_at=now - timedelta(seconds=30),
                ends_at=now + PERIOD, audience="registered", visibility="on_submit", promise_level="consult",
                promise="Les diremos cómo influyeron sus aportes en la decisión.", body=DRAFT, accept_short_notice=True)
        db.session.commit()
        return c.id, c.ends_at


def test_comment_answer_link_and_report(live, page):
    base, app = live
    cid, ends_at = open_consultation(app)

    log_in(page, base, "diego.ramos@redamazonica.demo")  # member of a CSO in the Environment forum
    page.goto(base + f"/consultations/{cid}")
    assert page.locator("#p3").inner_text().startswith("Tercer párrafo")
    page.get_by_label("About").select_option(label="Paragraph 3")
    page.get_by_label("Comment", exact=True).fill("El PDF no sirve para cruzar datos: publiquen en formato abierto.")
    page.get_by_label("Suggested replacement text for the paragraph (optional)").fill(
        "Los polígonos se publican en formato abierto (GeoJSON).")
    page.get_by_label("Speaking as").select_option(label="Red Amazónica por la Transparencia")
    page.get_by_role("button", name="Send the comment").click()
    expect(page.get_by_text("Your comment was received.")).to_be_visible()
    paragraph = page.locator("#p3")
    assert "1 comment" in paragraph.locator(".pcount").inner_text()
    assert "GeoJSON" in paragraph.locator(".suggestion").inner_text()
    log_out(page)

    with shifted(ends_at - utcnow() + timedelta(minutes=1)):  # the period ends, for the server too
        answer_and_report(page, base, app, cid)


def registry_commitment(app) -> int:
    """The demo's draft commitment on the forest concessions register."""
    with app.app_context():
        title = "Registro público de concesiones forestales"
        return db.session.scalar(db.select(CommitmentVersion.commitment_id)
                                 .where(CommitmentVersion.title == title).limit(1))


def answer_and_report(page, base, app, cid):
    number = registry_commitment(app)
    log_in(page, base, "rosa.quispe@minam.demo")  # State co-chair
    page.goto(base + f"/commitments/{number}")
    page.get_by_role("link", name="Save a new version").click()
    page.get_by_label("Commitment description").fill(
        "Publicar el registro de concesiones con sus polígonos en formato abierto (GeoJSON).")
    page.get_by_label("What changed and why").fill("Se adopta el formato abierto pedido en la consulta.")
    page.get_by_role("button", name="Save the version").click()
    expect(page.locator("p.meta")).to_contain_text("version 2 of 2")

    page.goto(base + f"/consultations/{cid}")
    assert "Closed" in page.locator("p.meta .badge").inner_text()
    page.locator("#p3").get_by_role("link", name="Answer").click()
    page.get_by_label("Outcome").select_option("accepted")
    page.get_by_label("Public reason").fill(
        "Se acepta: el registro se publicará en GeoJSON, que permite cruzarlo con las alertas de deforestación.")
    target = page.get_by_label("It shaped the newest version of (optional)")
    target.select_option(str(number))
    assert target.locator("option:checked").inner_text().endswith("(v2)")
    page.get_by_label("How it shaped that version").select_option("adopted")
    page.get_by_role("button", name="Publish the response").click()
    expect(page.get_by_text("The response is published")).to_be_visible()
    assert "Accepted" in page.locator("#p3 .answer").inner_text()
    log_out(page)

    # Anyone, without an account, reads the report.
    page.goto(base + f"/consultations/{cid}/report")
    row = page.locator("table.report tbody tr").first
    assert "El PDF no sirve para cruzar datos" in row.inner_text()
    assert "GeoJSON" in row.locator("blockquote").inner_text()
    assert "Accepted" in row.inner_text() and "alertas de deforestación" in row.inner_text()
    row.get_by_role("link", name=f"#{number} v2").click()
    page.wait_for_url(re.compile(rf"/commitments/{number}\?v=2"))
    assert "El PDF no sirve" in page.locator("ul.links").inner_text()
    with app.app_context():
        assert db.session.get(Commitment, number).latest == 2
