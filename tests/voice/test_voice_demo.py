"""The demo's worked example of whose voice: a workshop in Cusco recorded on paper by a
facilitator, and an uninvited organisation asking for a seat, refused with a reason."""
import pytest
from sqlalchemy import select

from forum.extensions import db
from forum.forums.models import Forum
from forum.proposals.models import Proposal
from forum.voice.models import RecordedInput, SeatRequest, Workshop
from tests.worlds import demo


@pytest.fixture
def seed():
    return demo


def test_the_demo_has_a_cusco_workshop_on_paper_and_a_refused_seat(seeded, client):
    w = db.session.scalar(select(Workshop))
    assert (w.region, w.attendance, w.recorded_by.email) == ("08", 23, "diego.ramos@redamazonica.demo")
    inputs = db.session.scalars(select(Proposal).join(RecordedInput).where(RecordedInput.workshop_id == w.id)).all()
    assert [(p.channel, p.region) for p in inputs] == [("paper", "08"), ("paper", "08")]
    page = client.get(f"/forums/{w.forum_id}").get_data(as_text=True)
    assert "Cusco, local comunal de Ccatca" in page and 'data-met="yes"' in page  # 2 of 2 outside Lima
    assert '<tr data-group="08"><th scope="row">Cusco</th>' in page and ">2<" in page.split('data-group="08"')[1]
    req = db.session.scalar(select(SeatRequest))
    edu = db.session.get(Forum, req.forum_id)
    assert (req.status, req.organisation.name, edu.sector) == ("refused", "Asociación Ciudadanos por la Justicia",
                                                               "Educación")
    assert req.reason in client.get(f"/forums/{edu.id}").get_data(as_text=True)
    assert "ch-paper" in client.get(f"/proposals/{inputs[0].id}").get_data(as_text=True)
