"""A newcomer registers, logs in, switches language and reads a forum's composition."""
import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def confirmation_link(app, address) -> str:
    """The link in the newest mail to `address` in the live app's outbox."""
    import email
    from pathlib import Path
    mails = [email.message_from_bytes(f.read_bytes()) for f in sorted((Path(app.instance_path) / "outbox")
                                                                       .glob("*.eml"))]
    body = [m for m in mails if m["To"] == address][-1].get_payload(decode=True).decode()
    return re.search(r"https?://\S+/account/confirm/\S+", body).group(0)


def test_register_confirm_login_switch_language_and_read_composition(live, page):
    live_server, app = live
    page.goto(live_server + "/account/register")
    page.get_by_label("Email").fill("nuevo@example.org")
    page.get_by_label("Display name").fill("Nuevo Vecino")
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_label("Repeat password").fill("short")
    page.get_by_role("button", name="Create account").click()
    # refused next to the field, and what was typed is kept
    assert page.locator("#password-error").inner_text().startswith("Use between 10")
    assert page.get_by_label("Email").input_value() == "nuevo@example.org"

    page.get_by_label("Password", exact=True).fill("un jardín en Miraflores")
    page.get_by_label("Repeat password").fill("un jardín en Miraflores")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(re.compile(r"/account/login$"))
    assert "We sent a message to nuevo@example.org" in page.content()  # the same for a known address

    link = confirmation_link(app, "nuevo@example.org")  # built for PUBLIC_URL, not this test's port
    page.goto(live_server + "/account/" + link.split("/account/", 1)[1])
    assert "Your email address is confirmed." in page.content()
    page.get_by_label("Email").fill("NUEVO@example.org")
    page.get_by_label("Password").fill("un jardín en Miraflores")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator("header").get_by_role("link", name="Nuevo Vecino")).to_be_visible()

    page.get_by_role("link", name="Forums", exact=True).click()
    page.get_by_role("link", name="Foro Multiactor de Educación", exact=True).click()
    composition = page.locator("table.composition")
    assert composition.locator("tr[data-group=government] td.num").inner_text() == "3"
    assert composition.locator("tr[data-group=civil_society] td.num").inner_text() == "1"
    expect(page.locator("main")).to_contain_text("Imbalance: the State side (3) outnumbers civil society (1).")
    expect(page.locator("th", has_text="Stakeholder group")).to_be_visible()

    page.get_by_role("button", name="Español").click()
    expect(page.locator("html")).to_have_attribute("lang", "es")  # waits for the reloaded page
    expect(page.locator("th", has_text="Grupo de actores")).to_be_visible()
    main = page.locator("main")
    expect(main).to_contain_text("Desequilibrio: el Estado (3) supera en número a la sociedad civil (1).")
    expect(main).to_contain_text("Grupos de actores ausentes:")

    page.goto(live_server + "/forums/")  # the choice is remembered on other pages
    page.get_by_role("link", name="Foro Multiactor de Ambiente").click()
    assert page.locator("h2#composition").inner_text() == "Composición"
    page.get_by_role("button", name="English").click()
    expect(page.locator("h2#composition")).to_have_text("Composition")
    page.screenshot(path="test-results/forum-page.png", full_page=True)
