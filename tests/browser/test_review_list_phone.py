"""Standard 5's list of implementation reviews on a phone: the demo holds none, so this test
holds two through the services in the Environment forum — one the civil-society co-chair
attended, one they did not — and lays out the requirement page, the forum's dashboard and the
cycle page at a real 360 px width, in Spanish and English: each review is listed with the
co-chair's name and why it counted or not, and nothing reaches past the screen."""
from datetime import timedelta

import pytest

from forum.core.clock import utcnow
from forum.extensions import db
from forum.forums.models import Forum
from tests.browser.test_every_page import LANGUAGES, overflow, phone
from tests.helpers import reviews

pytestmark = pytest.mark.browser
LONG = "Revisión de la implementación del plan de acción: avances y pendientes"


def test_the_reviews_and_their_reasons_fit_a_phone(live, browser):
    base, app = live
    with app.app_context():
        forum = db.session.get(Forum, 1)
        now = utcnow()
        # after the demo adopted its first commitment (day 115 of 120): in its first year of implementation
        ids = [reviews.held(forum, now - timedelta(days=3), False, LONG).id,
               reviews.held(forum, now - timedelta(days=1), True, LONG).id]
        db.session.commit()
        pages = [f"/forums/{forum.id}/requirements", f"/forums/{forum.id}/dashboard", f"/cycles/{forum.cycle}"]
    wide = {}
    for locale in LANGUAGES:
        context = phone(browser, locale)
        context.add_cookies([{"name": "traza_lang", "value": locale[:2], "url": base}])
        page = context.new_page()
        for path in pages:
            assert page.goto(base + path).status == 200, path
            for sid, counted in zip(ids, ("no", "yes"), strict=True):
                shown = page.locator(f'.review-list [data-review="{sid}"]').first
                assert shown.is_visible() and shown.get_attribute("data-counted") == counted, (locale, path, sid)
            if found := overflow(page):
                wide[f"{locale} {path}"] = found
        context.close()
    assert wide == {}, wide
