"""A private document made public (the same bytes stored again by a feature that publishes
them, `document.published`): a visitor's remembered copy of a page listing it must not keep
the hash-only card for up to PAGE_CACHE_SECONDS; the next anonymous view shows the download."""
import hashlib

from forum import uploads
from forum.extensions import db
from forum.voice import services as voice
from tests.helpers.private_documents import SHEET, record_input, sheet
from tests.helpers.proposals import chairs


def test_the_next_anonymous_view_offers_the_download(app, make, new_client):
    forum = make.forum(open_=True)
    facilitator = make.user("Facilitadora Cusco")
    voice.appoint_facilitator(chairs(forum)["state_chair"], forum, facilitator)
    p = record_input(facilitator, forum, make.org(name="Federación Campesina del Cusco"))
    db.session.commit()
    sha, visitor = hashlib.sha256(SHEET).hexdigest(), new_client()
    url = f"/proposals/{p.id}"
    before = visitor.get(url).get_data(as_text=True)
    assert sha in before and f'href="/documents/{sha}"' not in before  # the hash-only card, remembered now
    assert visitor.get(f"/documents/{sha}").status_code == 403

    uploads.store(chairs(forum)["state_chair"], sheet("acta-publica.png"), forum)  # the same bytes, published
    db.session.commit()
    after = visitor.get(url).get_data(as_text=True)
    assert f'href="/documents/{sha}"' in after
    download = visitor.get(f"/documents/{sha}")
    assert download.status_code == 200 and download.get_data() == SHEET
    download.close()
