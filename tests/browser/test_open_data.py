"""A co-chair imports a published action plan in the browser (dry run, then import); a
journalist finds the Data page from the footer, reads the API documentation and downloads
an archive and a feed."""
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.test_proposal_flow import log_in

pytestmark = pytest.mark.browser
TEMPLATE = Path(__file__).resolve().parents[2] / "static" / "plan-template.csv"


def test_a_co_chair_imports_a_plan_after_a_dry_run(live_server, page):
    log_in(page, live_server, "rosa.quispe@minam.demo")
    page.goto(live_server + "/forums/1/commitments")
    page.get_by_role("link", name="Import a published action plan").click()
    page.get_by_label("Action plan file (CSV or JSON, OGP template)").set_input_files(str(TEMPLATE))
    page.get_by_role("button", name="Check the file (dry run)").click()
    expect(page.get_by_role("heading", name=re.compile("Dry run"))).to_be_visible()
    expect(page.get_by_text("Would be created as a draft, with 2 milestones")).to_be_visible()
    page.get_by_role("button", name="Import 2 draft commitments").click()
    page.wait_for_url(re.compile(r"/forums/1/commitments$"))
    expect(page.get_by_text(re.compile("2 draft commitments imported"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("Registro abierto de derechos de agua"))).to_be_visible()
    page.goto(live_server + "/trail/")
    imported = page.locator('[data-action="plan.imported"]')
    expect(imported).to_have_text("action plan imported as draft commitments")


def test_a_visitor_finds_the_data_the_api_and_an_archive(live_server, page):
    page.goto(live_server + "/")
    page.locator("footer").get_by_role("link", name="Open data and API").click()
    expect(page.get_by_role("heading", name="Open data", exact=True)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="traza-all.zip").click()
    assert download.value.suggested_filename == "traza-all.zip"
    page.get_by_role("link", name="API documentation").click()
    expect(page.get_by_role("heading", name="GET /proposals/{ident}")).to_be_visible()
    feed = page.request.get(live_server + "/feeds/atom.xml")
    assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
