"""A CSO member submits a proposal, a co-chair answers it with a reason, the submitter is
notified, and an anonymous visitor reads the response and its trail entry."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "traza-demo-2019"  # the demo data set's


def log_in(page, base, email):
    page.goto(base + "/account/login")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/$"))


def log_out(page):
    page.locator("header").get_by_role("button", name="Log out").click()
    # the logged-out page has arrived: the next goto cannot cancel the POST
    expect(page.locator("header").get_by_role("link", name="Log in")).to_be_visible()


def test_submit_respond_notify_and_audit(live_server, page):
    # A member of a verified CSO (no forum seat) submits to the Environment forum.
    log_in(page, live_server, "martin.rojas@ciudadanosjusticia.demo")
    unread = int(page.locator("header .count").inner_text()) if page.locator("header .count").count() else 0
    page.goto(live_server + "/forums/")
    page.get_by_role("link", name="Foro Multiactor de Ambiente").click()
    page.get_by_role("link", name="Submit a proposal").first.click()
    page.get_by_label("Title").fill("Registro abierto de vertimientos industriales")
    page.get_by_label("The problem it addresses").fill("Nadie sabe qué industrias vierten a los ríos de Lima.")
    page.get_by_label("What is proposed").fill("Publicar cada autorización de vertimiento con su monitoreo.")
    page.get_by_label("Expected result").fill("Vigilancia ciudadana de la calidad del agua.")
    page.get_by_role("button", name="Submit", exact=True).click()
    # forgot the OGP value: told next to the field, nothing lost
    assert "Choose at least one OGP value." in page.locator("#values-error").inner_text()
    assert page.get_by_label("Title").input_value() == "Registro abierto de vertimientos industriales"
    page.get_by_label("Transparency").check()
    page.get_by_role("button", name="Submit", exact=True).click()
    page.wait_for_url(re.compile(r"/proposals/\d+$"))
    proposal_url = page.url
    assert "Civil-society input" in page.content() and "Awaiting a response" in page.content()
    log_out(page)

    # The State co-chair answers with a public reason.
    log_in(page, live_server, "rosa.quispe@minam.demo")
    page.goto(proposal_url)
    page.get_by_label("Outcome").select_option("partially_accepted")
    page.get_by_label("Public reason", exact=True).fill("Corto.")
    page.get_by_role("button", name="Publish the response").click()
    expect(page.locator("#respond-reason-error")).to_be_visible()  # a reason of a few characters is refused
    page.get_by_label("Public reason", exact=True).fill(
        "Se acepta publicar las autorizaciones; el monitoreo en línea requiere antes un convenio con la ANA.")
    page.get_by_role("button", name="Publish the response").click()
    expect(page.locator(".answer").get_by_text("Partially accepted")).to_be_visible()
    log_out(page)

    # The submitter sees the notification and follows it to the proposal.
    log_in(page, live_server, "martin.rojas@ciudadanosjusticia.demo")
    assert page.locator("header .count").inner_text() == str(unread + 1)
    page.locator("header").get_by_role("link", name=re.compile("Notifications")).click()
    page.get_by_role("link", name=re.compile("received a response: Partially accepted")).click()
    page.wait_for_url(proposal_url)
    log_out(page)

    # An anonymous visitor reads the response, who signed it, and its trail entry.
    page.goto(proposal_url)
    answer = page.locator(".answer")
    assert "el monitoreo en línea requiere antes un convenio" in answer.inner_text()
    assert "Rosa Quispe" in answer.inner_text() and "Ministerio del Ambiente" in answer.inner_text()
    page.locator(".trail li", has_text="reasoned response given").locator("a.seq").click()
    expect(page.locator("h1")).to_have_text(re.compile("reasoned response given$"))
    assert "partially_accepted" in page.locator("pre.canonical").inner_text()
    assert re.fullmatch(r"[0-9a-f]{64}", page.locator("dd code.hash").last.inner_text())
