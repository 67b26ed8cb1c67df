"""A newcomer registers, logs in, switches language and reads a forum's composition."""
import re

import pytest

pytestmark = pytest.mark.browser


def test_register_login_switch_language_and_read_composition(live_server, page):
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
    page.wait_for_url(re.compile(r"/account/$"))
    assert "Welcome!" in page.content()

    page.get_by_role("button", name="Log out").click()
    page.get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill("NUEVO@example.org")
    page.get_by_label("Password").fill("un jardín en Miraflores")
    page.get_by_role("button", name="Log in").click()
    assert page.locator("header").get_by_role("link", name="Nuevo Vecino").is_visible()

    page.get_by_role("link", name="Forums", exact=True).click()
    page.get_by_role("link", name="Foro Multiactor de Educación").click()
    composition = page.locator("table.composition")
    assert composition.locator("tr[data-group=government] td.num").inner_text() == "3"
    assert composition.locator("tr[data-group=civil_society] td.num").inner_text() == "1"
    assert "Imbalance: the State side (3) outnumbers civil society (1)." in page.content()
    assert page.locator("th", has_text="Stakeholder group").is_visible()

    page.get_by_role("button", name="Español").click()
    assert page.locator("html").get_attribute("lang") == "es"
    assert page.locator("th", has_text="Grupo de actores").is_visible()
    assert "Desequilibrio: el Estado (3) supera en número a la sociedad civil (1)." in page.content()
    assert "Grupos de actores ausentes:" in page.content()

    page.goto(live_server + "/forums/")  # the choice is remembered on other pages
    page.get_by_role("link", name="Foro Multiactor de Ambiente").click()
    assert page.locator("h2#composition").inner_text() == "Composición"
    page.get_by_role("button", name="English").click()
    assert page.locator("h2#composition").inner_text() == "Composition"
    page.screenshot(path="test-results/forum-page.png", full_page=True)
