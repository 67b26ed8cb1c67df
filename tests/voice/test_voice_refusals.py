"""Bad input to the voice area, each refused with its reason beside the field, with
nothing written and no trail entry: a facilitator of another forum, a workshop without
its date or region, an input without text or witness, a region that does not exist, a
target above 100 %, a seat refusal without a reason."""
from datetime import date
from html import unescape

import pytest
from sqlalchemy import func, select

from forum.core.errors import DomainError, PermissionDenied
from forum.extensions import db
from forum.proposals.models import Proposal
from forum.voice import services
from forum.voice.models import VoiceTarget, Workshop
from forum.voice.services import workshops
from tests.conftest import trail_length
from tests.helpers.proposals import chairs
from tests.helpers.voice_sheet import posted, sheet


def _rows(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


@pytest.fixture
def setup(make, new_client):
    forum, other = make.forum(open_=True), make.forum(open_=True)
    facilitator = make.user("Facilitador")
    services.appoint_facilitator(chairs(forum)["state_chair"], forum, facilitator)
    org = make.org(name="Comunidad de Ccatca")
    db.session.commit()
    c = new_client()
    c.login(facilitator.email)
    return forum, other, facilitator, org, c


def _error_beside(html: str, field: str, message: str) -> bool:
    """The message sits in the field's own error line (templates/_forms.html)."""
    return f'<p class="error" id="{field}-error">{message}</p>' in unescape(html)


WORKSHOP = {"place": "Cusco, local comunal", "held_on": "2019-05-04", "region": "08", "attendance": "25"}


@pytest.mark.parametrize("field,value,message", [
    ("held_on", "", "Give the date the workshop was held."),
    ("region", "", "Choose one of Peru's regions."),
    ("region", "99", "Choose one of Peru's regions."),
    ("region", "15011", "Choose one of Peru's regions."),
])
def test_a_workshop_without_date_or_a_real_region_is_refused_beside_the_field(setup, field, value, message):
    forum, _other, _f, org, c = setup
    before = trail_length()
    r = c.post(f"/forums/{forum.id}/workshops/new", {**WORKSHOP, field: value, "organisations": [str(org.id)]})
    assert r.status_code == 400 and _error_beside(r.get_data(as_text=True), field, message)
    assert trail_length() == before and _rows(Workshop) == 0


def test_a_facilitator_of_another_forum_is_refused(setup):
    forum, other, facilitator, org, c = setup
    before = trail_length()
    r = c.post(f"/forums/{other.id}/workshops/new", {**WORKSHOP, "organisations": [str(org.id)]})
    assert r.status_code == 403
    assert "Only the facilitators the co-chairs appointed for this forum can record its workshops." \
        in r.get_data(as_text=True)
    with pytest.raises(PermissionDenied):
        workshops.record_workshop(facilitator, other, place="Cusco", held_on=date(2019, 5, 4), region="08",
                                  attendance=3, organisations=[org])
    db.session.rollback()
    w = workshops.record_workshop(facilitator, forum, place="Cusco", held_on=date(2019, 5, 4), region="08",
                                  attendance=3, organisations=[org])
    db.session.commit()
    w.forum_id = other.id  # a workshop of the other forum: its inputs are refused too
    with pytest.raises(PermissionDenied):
        workshops.record_input(facilitator, w, org, title=None, text="Queremos agua potable en la escuela.",
                               witness="Juana", channel="paper", sheet=sheet())
    db.session.rollback()
    assert trail_length() == before + 1 and _rows(Proposal) == 0


@pytest.mark.parametrize("field,message", [("text", "This field is required."),
                                           ("witness", "This field is required.")])
def test_a_workshop_input_without_text_or_witness_is_refused_beside_the_field(setup, field, message):
    forum, _other, facilitator, org, c = setup
    w = workshops.record_workshop(facilitator, forum, place="Cusco", held_on=date(2019, 5, 4), region="08",
                                  attendance=3, organisations=[org])
    db.session.commit()
    before, proposals = trail_length(), _rows(Proposal)
    data = {"organisation": str(org.id), "channel": "paper", "title": "", "text": "Queremos agua potable.",
            "witness": "Juana Quispe", "sheet": posted(), field: ""}
    r = c.post(f"/workshops/{w.id}/inputs", data, content_type="multipart/form-data")
    assert r.status_code == 400 and _error_beside(r.get_data(as_text=True), field, message)
    assert trail_length() == before and _rows(Proposal) == proposals
    for missing in ({"text": "  "}, {"witness": ""}):
        with pytest.raises(DomainError):
            workshops.record_input(facilitator, w, org, **{"title": None, "text": "Queremos agua potable.",
                                                           "witness": "Juana", "channel": "paper",
                                                           "sheet": sheet(), **missing})
        db.session.rollback()
    assert trail_length() == before and _rows(Proposal) == proposals


def test_a_region_that_does_not_exist_is_refused(make, new_client):
    user, org = make.member_of("civil_society")
    c = new_client()
    c.login(user.email)
    before = trail_length()
    r = c.post(f"/organisations/{org.id}/region", {"region-region": "26"})
    assert r.status_code == 400 and _error_beside(r.get_data(as_text=True), "region-region",
                                                  "Choose one of Peru's regions.")
    assert trail_length() == before
    db.session.expire_all()
    assert org.region is None


@pytest.mark.parametrize("percent", ["101", "250"])
def test_a_target_above_100_percent_is_refused(make, new_client, percent):
    forum = make.forum(open_=True)
    c = new_client()
    c.login(chairs(forum)["civil_chair"].email)
    before = trail_length()
    r = c.post(f"/forums/{forum.id}/voice-targets", {"target-dimension": "region", "target-group": "1501",
                                                      "target-outside": "y", "target-percent": percent})
    assert r.status_code == 400 and _error_beside(r.get_data(as_text=True), "target-percent",
                                                  "Give a percentage between 0 and 100.")
    assert trail_length() == before and _rows(VoiceTarget) == 0
    with pytest.raises(DomainError, match="between 0 and 100"):
        services.set_target(chairs(forum)["civil_chair"], forum, dimension="region", group="1501", outside=True,
                            percent=int(percent))
    db.session.rollback()
    assert trail_length() == before and _rows(VoiceTarget) == 0


def test_a_seat_refusal_without_a_reason_is_refused(make):
    forum = make.forum(open_=True)
    user, org = make.member_of("civil_society")
    req = services.request_seat(user, forum, org, "")
    db.session.commit()
    before = trail_length()
    for reason in ("", "   ", "corto"):
        with pytest.raises(DomainError) as err:
            services.refuse_seat(chairs(forum)["state_chair"], req, reason)
        assert err.value.field == "reason"
        db.session.rollback()
    assert trail_length() == before and req.status == "pending"
