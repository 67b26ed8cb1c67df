"""The pages of issues 27 and 28 that people use, on a phone: laid out at a real 360 px width
(no is_mobile emulation, which zooms out and hides what overflows: tests/browser/test_every_page.py
says how the width is measured), nothing reaches past the screen, and the main controls are
there and work — the State co-chair answers a discrepancy and the co-monitor contests an
update at 360 px, an empty reason refused in Spanish beside its field.

Demo ids (forum/demo): forum 1 Environment, 2 Education; commitment 1 the Environment
commitment, whose update 3 awaits its co-monitor; commitment 3 the Environment draft with the
absorbed-contribution suggestion and claims; discrepancy 3 the Education omission, unanswered."""
import pytest

from tests.browser.test_every_page import WIDTH, log_in, overflow, phone

pytestmark = pytest.mark.browser

PAGES = {  # path -> a control or content the page is for, visible at 360 px
    "/cycles/2019-2021/agreed-adopted": "#d-1",
    "/cycles/2019-2021/agreed-adopted?kind=altered": "article.pair",
    "/cycles/2017-2019/agreed-adopted": '[data-state="late"]',
    "/commitments/1": '[data-state="contested"]',
    "/forums/1/monitoring?show=contested": "tr[data-update]",
    "/forums/1": ".voice-charts svg.bars",
    "/cycles/2019-2021": "#implementation-influence",
    "/forums/1/absorbed": "main a[href^='/suggestions/']",
    "/claims/1": "main h1",
    "/commitments/3/absorbed": "main h1",
}


@pytest.mark.parametrize("locale", ["es-PE", "en-GB"])
def test_plan_monitoring_voice_and_absorbed_pages_fit_a_phone(browser, live_module, locale):
    base, _app = live_module
    context = phone(browser, locale)
    page = context.new_page()
    log_in(page, base, "rosa.quispe@minam.demo")  # the Environment forum's State co-chair
    wide, hidden = {}, []
    for path, shown in PAGES.items():
        assert page.goto(base + path).status == 200, path
        if found := overflow(page):
            wide[path] = found
        if not page.locator(shown).first.is_visible():
            hidden.append(f"{path}: {shown}")
    context.close()
    assert wide == {}, wide
    assert hidden == [], hidden


def _fits(page) -> None:
    assert page.evaluate("document.documentElement.scrollWidth") <= WIDTH
    assert overflow(page) == []


def test_answering_and_contesting_at_360px_in_spanish(browser, live_module):
    base, _app = live_module
    context = phone(browser, "es-PE")
    context.add_cookies([{"name": "traza_lang", "value": "es", "url": base}])
    page = context.new_page()
    log_in(page, base, "carmen.flores@minedu.demo")  # the Education forum's State co-chair
    page.goto(base + "/cycles/2019-2021/agreed-adopted#d-3")
    form = page.locator('#d-3 form[action$="/answer"]')
    form.locator("button[type=submit]").click()
    page.wait_for_load_state()
    error = page.locator("#d-3 .field.has-error .error")
    assert error.is_visible() and error.inner_text() == "Este campo es obligatorio."
    _fits(page)
    page.locator("#d-3 textarea").fill("El compromiso de infraestructura escolar quedó fuera porque su presupuesto "
                                       "no estaba asignado; se incluirá en la modificación del plan.")
    page.locator('#d-3 form[action$="/answer"] button[type=submit]').click()
    page.wait_for_load_state()
    assert page.locator("#d-3 blockquote.answer").is_visible()
    _fits(page)
    context.close()

    context = phone(browser, "es-PE")
    context.add_cookies([{"name": "traza_lang", "value": "es", "url": base}])
    page = context.new_page()
    log_in(page, base, "diego.ramos@redamazonica.demo")  # the Environment commitment's co-monitor
    page.goto(base + "/commitments/1")
    _fits(page)
    contest = page.locator('a[href$="/progress/3/contest"], form[action$="/progress/3/contest"] button').first
    assert contest.is_visible()
    page.goto(base + "/progress/3/contest")
    page.locator("main form button[type=submit]").first.click()
    page.wait_for_load_state()
    error = page.locator("main .field.has-error .error")
    assert error.is_visible() and error.inner_text() == "Este campo es obligatorio."
    assert page.locator("main .field.has-error textarea").get_attribute("aria-invalid") == "true"
    _fits(page)
    context.close()
