"""The minimum requirements' pages and the implementation-review mark on a phone: laid out
at a real 360 px width in Spanish and English, nothing reaches past the screen, and the
Education forum's meeting gap reads as not met (tests/browser/test_every_page.py says how
the width is measured)."""
import pytest

from tests.browser.test_every_page import log_in, overflow, phone

pytestmark = pytest.mark.browser

PAGES = ["/cycles/2019-2021/requirements", "/forums/2/requirements", "/cycles/2019-2021", "/sessions/2"]


@pytest.mark.parametrize("locale", ["es-PE", "en-GB"])
def test_requirement_pages_fit_a_phone(browser, live_module, locale):
    base, _app = live_module
    context = phone(browser, locale)
    page = context.new_page()
    log_in(page, base, "rosa.quispe@minam.demo")  # a co-chair: the session page shows the mark's form
    wide = {}
    for path in PAGES:
        assert page.goto(base + path).status == 200, path
        if found := overflow(page):
            wide[path] = found
    page.goto(base + "/forums/2/requirements")
    assert page.locator('[data-requirement="forum"]').get_attribute("data-verdict") == "not_met"
    page.goto(base + "/sessions/2")
    assert page.locator('form[action$="/implementation-review"]').count() == 1
    context.close()
    assert wide == {}, wide
