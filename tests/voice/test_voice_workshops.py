"""A facilitator records a workshop held in Cusco and an input written on paper: the input
is a proposal like any other (owed its reasoned response, on the ledger, answered and
notified as any), marked with its channel wherever it is shown, with the witness and the
scan of the sheet on its page."""
from sqlalchemy import select

from forum.extensions import db
from forum.proposals.models import Proposal
from forum.proposals.services import responses
from forum.uploads.models import Document
from forum.voice import services
from forum.voice.models import RecordedInput, Workshop
from tests.conftest import trail_actions_since, trail_length
from tests.helpers.proposals import REASON, chairs
from tests.helpers.voice_sheet import PNG, posted


def test_a_paper_input_recorded_at_a_workshop_is_a_proposal_marked_with_its_channel(make, new_client, client):
    forum = make.forum(open_=True)
    state = chairs(forum)["state_chair"]
    facilitator = make.user("Facilitadora Cusco")
    services.appoint_facilitator(state, forum, facilitator)
    org = make.org(name="Federación Campesina del Cusco")
    db.session.commit()
    c = new_client()
    c.login(facilitator.email)
    assert "Record a workshop held elsewhere" in c.get(f"/forums/{forum.id}").get_data(as_text=True)
    r = c.post(f"/forums/{forum.id}/workshops/new", {"place": "Sicuani, local comunal", "held_on": "2019-05-04",
                                                     "region": "08", "attendance": "31",
                                                     "organisations": [str(org.id)]})
    assert r.status_code == 302
    w = db.session.scalar(select(Workshop))
    assert (w.region, w.attendance, [o.organisation_id for o in w.organisations]) == ("08", 31, [org.id])
    before = trail_length()
    r = c.post(f"/workshops/{w.id}/inputs", {
        "organisation": str(org.id), "channel": "paper", "title": "",
        "text": "Que las municipalidades publiquen las actas de las obras en quechua.",
        "witness": "Juana Mamani Quispe", "sheet": posted("hoja-3.png")}, content_type="multipart/form-data")
    assert r.status_code == 302, r.get_data(as_text=True)[:2000]
    assert trail_actions_since(before) == ["document.uploaded", "proposal.submitted"]
    p = db.session.scalar(select(Proposal))
    rec = db.session.get(RecordedInput, p.id)
    doc = db.session.scalar(select(Document))
    assert (p.channel, p.region, p.organisation_id, p.forum_id) == ("paper", "08", org.id, forum.id)
    assert p.title == "Que las municipalidades publiquen las actas de las obras en quechua."
    assert (rec.witness, rec.workshop_id, rec.recorded_by_id, rec.sheet_sha256) == (
        "Juana Mamani Quispe", w.id, facilitator.id, doc.sha256)
    page = client.get(f"/proposals/{p.id}").get_data(as_text=True)
    assert 'class="badge channel ch-paper">paper form<' in page and "witness: Juana Mamani Quispe" in page
    # the scan shows the attendees' names and signatures: its hash is public, its bytes are not
    assert f'href="/documents/{doc.sha256}"' not in page and doc.sha256 in page and "signatures" in page
    assert client.get(f"/documents/{doc.sha256}").status_code == 403
    scan = c.get(f"/documents/{doc.sha256}")
    assert scan.data == PNG and scan.headers["Cache-Control"] == "private, no-store"
    scan.close()
    assert f'href="/documents/{doc.sha256}"' in c.get(f"/proposals/{p.id}").get_data(as_text=True)
    for listing in (f"/forums/{forum.id}/proposals", f"/forums/{forum.id}/ledger"):
        assert "ch-paper" in client.get(listing).get_data(as_text=True), listing
    assert client.get(f"/api/v1/proposals/{p.id}").get_json()["channel"] == "paper"
    # owed its reasoned response like any other, and answered the same way
    chair = new_client()
    chair.login(state.email)
    assert p.title in chair.get("/inbox").get_data(as_text=True)
    responses.respond(state, p, "accepted", REASON)
    db.session.commit()
    assert db.session.get(Proposal, p.id).first_response_at is not None
