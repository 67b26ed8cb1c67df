"""Every page, on a phone and for everyone (issues 16 and 25): a crawl of the demo in Chromium
at a real layout width of 360 px, by a visitor and by each role, in Spanish and in English,
one page per URL shape. It fails on any page where something reaches past 360 px — the
document's scroll width, or any element's right edge outside a box that scrolls itself —
and names the widest culprits. Two of the crawls (a visitor reading Spanish, a co-chair
reading English) also fail on any axe-core violation of the WCAG 2.1 A and AA rules.

Why not `is_mobile=True`: Chromium then zooms a wide page out until it fits, so
`scrollWidth - innerWidth` is 0 on a page a phone's reader must pan across. A desktop
viewport 360 px wide lays the page out at 360 px and zooms nothing.

Sixteen crawls instead of two, kept cheap: one server for the module, one context per role
and language, and a page another role's crawl laid out already in the same language (its
HTML equal but for the bar and the CSRF tokens) is fetched, not laid out again. Measured
back to back on the busy two-core machine, -n0: 126 s and 33 s of CPU for the two crawls
before, 164 s and 60 s for the sixteen.

axe-core comes from the axe-playwright-python wheel (its bundled axe.min.js); it runs
through the DevTools protocol, so the page's Content-Security-Policy stays as shipped."""

import hashlib
import re
from html import unescape

import pytest

from tests.browser.test_proposal_flow import PASSWORD
from tests.helpers.crawl import crawl

pytestmark = pytest.mark.browser

WIDTH = 360
PHONE = {"width": WIDTH, "height": 740}
LANGUAGES = ["es-PE", "en-GB"]
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
LIMIT = 70  # page shapes per role: the demo has about 40 public ones
#: who: (e-mail, where the crawl starts besides the home page, which crawl runs axe)
ROLES = {
    "visitor": (None, [], "es-PE"),
    "citizen": ("vecina@correo.demo", ["/inbox", "/account/", "/account/reauth"], None),
    "cso-member": ("martin.rojas@ciudadanosjusticia.demo", ["/inbox", "/account/", "/forums/1/proposals/new"], None),
    # also the southern forum's facilitator (workshops) and the author of proposal 8
    "forum-member": ("diego.ramos@redamazonica.demo", ["/inbox", "/consultations/1", "/sessions/1",
                                                       "/forums/5/workshops/new", "/proposals/8/edit"], None),
    "co-chair": ("lucia.mendoza@redamazonica.demo", ["/inbox", "/account/", "/inbox/email", "/forums/1", "/sessions/1",
                                                     "/commitments/1", "/proposals/1", "/consultations/1",
                                                     "/forums/1/sessions/new", "/consultations/1/comments/1/answer"],
                 "en-GB"),
    "state-co-chair": ("rosa.quispe@minam.demo", ["/inbox", "/sessions/2", "/commitments/3/edit"], None),
    "reviewer": ("revisora.irm@traza.demo", ["/inbox", "/commitments/1"], None),
    "admin": ("admin@traza.demo", ["/inbox", "/admin/", "/admin/accounts", "/admin/reviewers"], None),
}

#: The elements that reach past the layout width, outermost first (an overflowing table,
#: not each of its cells), unless a box that scrolls itself holds them; the widest three.
#: Closed <details> are opened first: what they hide must fit too.
OVERFLOW = """(width) => {
  for (const d of document.querySelectorAll('details:not([open])')) d.open = true;
  const scroller = el => { for (let a = el.parentElement; a; a = a.parentElement) {
      const o = getComputedStyle(a).overflowX; if (o === 'auto' || o === 'scroll') return true; } return false; };
  const wide = el => el && el.getBoundingClientRect().right > width + 0.5;
  const name = el => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (typeof el.className === 'string'
      && el.className.trim() ? '.' + el.className.trim().split(/\\s+/).join('.') : '');
  const out = [];
  for (const el of document.body.querySelectorAll('*')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || !wide(el) || (el.parentElement !== document.body && wide(el.parentElement))
        || scroller(el)) continue;
    out.push([Math.round(r.right), name(el), (el.textContent || '').replace(/\\s+/g, ' ').trim().slice(0, 40)]);
  }
  out.sort((a, b) => b[0] - a[0]);
  return {layout: window.innerWidth, scroll: document.documentElement.scrollWidth, culprits: out.slice(0, 3)};
}"""


def check_pages(page, base: str, start: list[str], locale: str, axe: bool, laid_out: dict) -> list[str]:
    """Visit pages breadth first; return each page's problems. A page whose HTML, less the
    header and the CSRF tokens, another role's crawl laid out already in this language is
    fetched but not laid out again: its overflow is the one found then (`laid_out`). A
    role's own header is laid out on its first page; axe runs on every page of its crawl."""
    from axe_playwright_python.sync_playwright import Axe
    engine = Axe()
    problems: list[str] = []
    own: list[str] = []

    def visit(path):
        resp = page.context.request.get(base + path)
        if not resp.ok or "text/html" not in (resp.headers.get("content-type") or ""):
            return None
        html = resp.text()
        key = (locale, hashlib.sha256(VARYING.sub("", html).encode()).hexdigest())
        if axe or key not in laid_out or not own:
            own.append(path)
            page.goto(base + path)
            if axe:
                problems.extend(f"{path}: {p}" for p in violations(page, engine))
            laid_out[key] = overflow(page)
        problems.extend(f"{path}: {p}" for p in laid_out[key])
        return [unescape(link) for link in LINK.findall(html)]
    visited = crawl(visit, ["/", *start], LIMIT)
    assert 20 <= visited < LIMIT, f"the crawl reached {visited} pages (at {LIMIT} it stops before the end)"
    return problems


def overflow(page) -> list[str]:
    found = page.evaluate(OVERFLOW, WIDTH)
    assert found["layout"] == WIDTH, f"laid out {found['layout']}px wide: a phone emulation zoomed the page out"
    if found["scroll"] <= WIDTH and not found["culprits"]:
        return []
    culprits = "; ".join(f"{n} to {right}px ({text!r})" for right, n, text in found["culprits"])
    return [f"{found['scroll']}px wide: {culprits}"]


def violations(page, axe) -> list[str]:
    result = axe.run(page, options={"runOnly": {"type": "tag", "values": TAGS}})
    return [f"axe {v['id']} ({v['impact']}) on {len(v['nodes'])} nodes: "
            + "; ".join(",".join(n["target"]) for n in v["nodes"][:3]) for v in result.response["violations"]]


LINK = re.compile(r'<a [^>]*href="(/[^"]*)"')
#: what differs between two people's copies of the same page: the bar and the CSRF tokens
VARYING = re.compile(r'<header class="site">.*?</header>|name="csrf_token" value="[^"]*"'
                     r'|name="csrf-token" content="[^"]*"', re.S)


@pytest.fixture(scope="module")
def laid_out() -> dict[tuple[str, str], list[str]]:
    """(language, fingerprint of a page) → what reached past 360 px when it was laid out."""
    return {}


def phone(browser, locale: str, **kw):
    """A 360 px layout, not a zoomed-out emulation: no is_mobile (see the module's docstring)."""
    context = browser.new_context(locale=locale, viewport=PHONE, device_scale_factor=1, **kw)
    context.set_default_timeout(15000)
    return context


def log_in(page, base: str, email: str) -> None:
    page.goto(base + "/account/login")
    page.locator("main input[name=email]").fill(email)
    page.locator("main input[name=password]").fill(PASSWORD)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


@pytest.mark.parametrize("role", ROLES)
def test_every_page_fits_360px_and_passes_axe(live_module, browser, laid_out, role):
    base = live_module[0]
    email, start, axe_in = ROLES[role]
    problems = []
    for locale in LANGUAGES:
        context = phone(browser, locale)
        context.add_cookies([{"name": "traza_lang", "value": locale[:2], "url": base}])
        page = context.new_page()
        if email:
            log_in(page, base, email)
        problems += [f"{locale} {p}" for p in check_pages(page, base, start, locale, locale == axe_in, laid_out)]
        context.close()
    assert problems == [], "\n".join(problems)


def test_the_menu_folds_on_a_phone_and_opens_without_javascript(live_module, browser):
    """At 360 px the bar is one line and every link waits behind "Menu", a <details> that
    opens from the keyboard with no script, with a focus ring on the dark bar; wider, the
    links show with no menu to open."""
    base = live_module[0]
    for locale in LANGUAGES:
        context = phone(browser, locale, java_script_enabled=False)
        page = context.new_page()
        log_in(page, base, "admin@traza.demo")  # the most links: administration, inbox, notifications
        page.goto(base + "/forums/")
        header, menu = page.locator("header.site"), page.locator("header.site summary")
        assert header.bounding_box()["height"] <= 64, f"{locale}: the bar takes {header.bounding_box()['height']}px"
        links = header.locator("a:not(.brand)")
        assert links.count() >= 9 and not links.first.is_visible()
        for _ in range(5):  # skip link, brand, then the menu
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.tagName") == "SUMMARY":
                break
        assert page.evaluate("document.activeElement.tagName") == "SUMMARY", "the menu cannot be reached by keyboard"
        ring = page.evaluate("(s => [s.outlineStyle, parseFloat(s.outlineWidth)])"
                             "(getComputedStyle(document.activeElement))")
        assert ring[0] != "none" and ring[1] >= 2, f"no visible focus on the menu: {ring}"
        assert menu.inner_text().strip() == {"es-PE": "Menú", "en-GB": "Menu"}[locale]
        page.keyboard.press("Enter")
        for i in range(links.count()):
            link, box = links.nth(i), links.nth(i).bounding_box()
            assert link.is_visible() and box["x"] >= 0 and box["x"] + box["width"] <= WIDTH, link.inner_text()
            assert box["height"] >= 24, f"{link.inner_text()}: a {box['height']}px target"
        with page.expect_navigation():
            header.locator("a[href='/proposals/']").click()
        assert page.url.endswith("/proposals/")
        context.close()
    desktop = browser.new_context(viewport={"width": 1280, "height": 800}, java_script_enabled=False)
    page = desktop.new_page()
    page.goto(base + "/")
    assert not page.locator("header.site summary").is_visible()
    assert page.locator("header.site a[href='/forums/']").is_visible()
    desktop.close()


def test_the_provenance_graph_reads_on_a_phone_without_panning(live_module, browser):
    """The SVG needs 1,000 px; at 360 px the same graph is a list: each version, its
    sign-offs, and beneath it every input that shaped it, none of it scrolled sideways."""
    base = live_module[0]
    context = phone(browser, "es-PE")
    page = context.new_page()
    page.goto(base + "/commitments/1")
    graph = page.locator("figure.graph")
    assert not graph.locator("svg").is_visible() and graph.locator(".stages").is_visible()
    box = graph.bounding_box()
    assert box["x"] + box["width"] <= WIDTH and graph.evaluate("g => g.scrollWidth <= g.clientWidth")
    svg_versions = graph.locator("svg .node.k-version, svg .node.k-adopted").count()
    assert graph.locator(".stages > li").count() == svg_versions >= 2
    # every input→version edge of the drawing is an input listed beneath its version, with its link
    assert graph.locator(".stages ul > li").count() == graph.locator("svg .edge-label").count() >= 3
    svg_inputs = set(graph.locator("svg a").evaluate_all("as => as.map(a => a.getAttribute('href'))"))
    listed = set(graph.locator(".stages a").evaluate_all("as => as.map(a => a.getAttribute('href'))"))
    assert svg_inputs == listed
    for item in graph.locator(".stages li").all():
        b = item.bounding_box()
        assert b["x"] + b["width"] <= WIDTH
    context.close()


def test_an_expired_form_gives_back_the_text_on_a_phone(live_module, browser):
    """A proposal typed on a phone whose form expired: the refusal page shows the text in
    read-only boxes within 360 px, selectable to copy, in the reader's language."""
    base = live_module[0]
    for locale in LANGUAGES:
        context = phone(browser, locale)
        context.add_cookies([{"name": "traza_lang", "value": locale[:2], "url": base}])
        page = context.new_page()
        log_in(page, base, ROLES["cso-member"][0])
        page.goto(base + "/forums/1/proposals/new")
        problem = "Una hora de trabajo sobre la calidad del aire en Lima. " * 8 + "https://" + "x" * 120
        page.locator("main [name=title]").fill("Datos abiertos de calidad del aire")
        page.locator("main [name=problem]").fill(problem)
        page.evaluate("document.querySelectorAll('input[name=csrf_token]').forEach(i => i.value = 'stale')")
        with page.expect_navigation():
            page.locator("main form button[type=submit]").last.click()
        boxes = page.locator(".typed-back textarea")
        assert boxes.count() == 2 and boxes.nth(1).input_value() == problem
        assert boxes.nth(1).get_attribute("readonly") is not None
        assert overflow(page) == [], f"{locale}: {overflow(page)}"
        assert {"es-PE": "cópialo", "en-GB": "copy it"}[locale] in page.locator(".typed-back").inner_text()
        context.close()
