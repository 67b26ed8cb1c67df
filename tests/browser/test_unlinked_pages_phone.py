"""The two pages the demo never shows, on a phone (issue 25 item 6): a cluster of commitments
the IRM assesses together, and the form a facilitator fills in to record a comment made on
paper. The crawl of tests/browser/test_every_page.py cannot reach them (the demo forms no
cluster, and its facilitator serves a forum with no consultation open), so this test sets each
scene through the services and lays both pages out at a real 360 px width, in Spanish and
in English."""
import pytest

from forum.commitments.models import Commitment
from forum.commitments.services import clusters
from forum.extensions import db
from forum.voice import services as voice
from tests.browser.test_every_page import LANGUAGES, log_in, overflow, phone
from tests.helpers.consultations import running

pytestmark = pytest.mark.browser

FACILITATOR = "diego.ramos@redamazonica.demo"


def test_a_cluster_and_the_recorded_comment_form_fit_a_phone(live, browser):
    base, app = live
    with app.app_context():
        from forum.accounts.models import User
        admin = db.session.query(User).filter_by(email="admin@traza.demo").one()
        first = db.session.get(Commitment, 1)
        same_cycle = [c.id for c in db.session.query(Commitment).all() if c.forum.cycle == first.forum.cycle]
        cluster = clusters.create(admin, first.forum.cycle, "Datos abiertos ambientales y acceso a la "
                                  "información pública en los gobiernos regionales", same_cycle[:3])
        consultation = running(first.forum)  # the demo's consultations are past their period
        chair = next(s.user for s in consultation.forum.active_seats if s.role == "state_chair")
        facilitator = db.session.query(User).filter_by(email=FACILITATOR).one()
        voice.appoint_facilitator(chair, consultation.forum, facilitator)
        db.session.commit()
        pages = {f"/clusters/{cluster.id}": "main h1",
                 f"/consultations/{consultation.id}/recorded-comments": "main form"}
    for locale in LANGUAGES:
        context = phone(browser, locale)
        context.add_cookies([{"name": "traza_lang", "value": locale[:2], "url": base}])
        page = context.new_page()
        log_in(page, base, FACILITATOR)
        for path, shown in pages.items():
            assert page.goto(base + path).status == 200, path
            assert page.locator(shown).first.is_visible(), path
            assert overflow(page) == [], f"{locale} {path}: {overflow(page)}"
        context.close()
