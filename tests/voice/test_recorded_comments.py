"""A consultation comment's channel and region (issue 28): a facilitator of the consultation's forum records one made on
paper at a workshop — its words, the day, the region, the witness and the sheet's scan —
and it is marked with its channel on the consultation page, the report (page, CSV, JSON),
the API and the archive, and counted in the voice figures. A region that does not exist,
a facilitator of another forum or a missing witness is refused beside the field, with
nothing written."""
import pytest
from sqlalchemy import func, select

from forum.consultations.models import ConsultationComment
from forum.core.clock import utcnow
from forum.extensions import db
from forum.opendata.tables import TABLES
from forum.uploads.models import Document
from forum.voice import figures, services
from forum.voice.models import RecordedComment
from tests.conftest import trail_actions_since, trail_length
from tests.helpers.consultations import running
from tests.helpers.proposals import chairs
from tests.helpers.voice_sheet import posted

WORDS = "Que el borrador diga en qué plazo se publican los datos de las obras en quechua."


def _world(make):
    forum = make.forum(open_=True)
    facilitator = make.user("Facilitadora Cusco")
    services.appoint_facilitator(chairs(forum)["state_chair"], forum, facilitator)
    org = make.org(name="Federación Campesina del Cusco")
    org.region = "08"
    db.session.commit()
    return forum, running(forum), facilitator, org


def _form(org, **changes):
    data = {"organisation": str(org.id), "paragraph": "2", "channel": "paper", "text": WORDS,
            "made_on": utcnow().date().isoformat(), "region": "", "witness": "Juana Mamani Quispe",
            "sheet": posted("hoja-7.png")}
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def test_a_facilitator_records_a_paper_comment_shown_and_counted_with_its_channel(make, new_client, client):
    forum, c, facilitator, org = _world(make)
    web = new_client()
    web.login(facilitator.email)
    page = web.get(f"/consultations/{c.id}").get_data(as_text=True)
    assert "Record a comment made at a workshop or on paper" in page
    before = trail_length()
    r = web.post(f"/consultations/{c.id}/recorded-comments", _form(org), content_type="multipart/form-data")
    assert r.status_code == 302, r.get_data(as_text=True)[:3000]
    assert trail_actions_since(before) == ["consultation.commented", "document.uploaded"]
    x = db.session.scalar(select(ConsultationComment))
    rec = db.session.get(RecordedComment, x.id)
    doc = db.session.scalar(select(Document))
    assert (x.channel, x.region, x.organisation_id, x.paragraph, x.body) == ("paper", "08", org.id, 2, WORDS)
    assert (rec.witness, rec.recorded_by_id, rec.made_on, rec.sheet_sha256) == (
        "Juana Mamani Quispe", facilitator.id, utcnow().date(), doc.sha256)

    # Marked with its channel wherever comments appear.
    for lang, label in (("en", "paper form"), ("es", "formulario en papel")):
        shown = client.get(f"/consultations/{c.id}?lang={lang}", headers={"Accept-Language": lang})
        assert f'class="badge channel ch-paper">{label}<' in shown.get_data(as_text=True).lower(), lang
    page = client.get(f"/consultations/{c.id}").get_data(as_text=True)
    assert f"Recorded by Facilitadora Cusco; made on {utcnow().date()}; witness: Juana Mamani Quispe." in page
    # The sheet shows names and signatures: the public sees its hash and why, not a link to it;
    # the facilitator who recorded it opens it (voice.policy.may_read_sheet).
    assert f'href="/documents/{doc.sha256}"' not in page and doc.sha256 in page
    assert "only the forum's co-chairs, its facilitators" in page
    assert client.get(f"/documents/{doc.sha256}").status_code == 403
    assert f'href="/documents/{doc.sha256}"' in web.get(f"/consultations/{c.id}").get_data(as_text=True)
    with web.get(f"/documents/{doc.sha256}") as sheet:
        assert sheet.status_code == 200
    assert 'ch-paper' in client.get(f"/consultations/{c.id}/report").get_data(as_text=True)
    csv = client.get(f"/consultations/{c.id}/report.csv").get_data(as_text=True).splitlines()
    assert csv[0].lstrip("\ufeff").endswith("channel,region") and csv[1].endswith(",paper,08")
    assert client.get(f"/consultations/{c.id}/report.json").get_json()["comments"][0]["channel"] == "paper"
    api = client.get(f"/api/v1/consultations/{c.id}").get_json()["comments"][0]
    assert (api["channel"], api["region"]) == ("paper", "08")
    table = next(t for t in TABLES if t.name == "consultation_comments")
    assert [(r["channel"], r["region"]) for r in table.rows([forum.id])] == [("paper", "08")]

    # Counted in the voice figures by channel and by region.
    v = figures.for_forums([forum.id])
    assert {r.group: r.received for r in v.by["channel"]} == {"paper": 1}
    assert {r.group: r.received for r in v.by["region"]} == {"08": 1}


@pytest.mark.parametrize("who, changes, field, reason", [
    ("facilitator", {"region": "99"}, "region", "Choose one of Peru&#39;s regions."),
    ("facilitator", {"witness": ""}, "witness", "This field is required."),
    ("facilitator", {"made_on": "2001-01-01"}, "made_on", "Give a day between the consultation"),
    ("facilitator", {"channel": "online"}, "channel", "Choose how the input was given."),
    ("elsewhere", {}, None, "Only the facilitators the co-chairs appointed for this consultation"),
])
def test_bad_input_is_refused_beside_the_field_and_nothing_written(make, new_client, who, changes, field, reason):
    forum, c, facilitator, org = _world(make)
    if who == "elsewhere":  # a facilitator, but of another forum
        other = make.forum(open_=True)
        facilitator = make.user("Facilitador de otro foro")
        services.appoint_facilitator(chairs(other)["state_chair"], other, facilitator)
        db.session.commit()
    web = new_client()
    web.login(facilitator.email)
    before = trail_length()
    r = web.post(f"/consultations/{c.id}/recorded-comments", _form(org, **changes),
                 content_type="multipart/form-data")
    html = r.get_data(as_text=True)
    if field is None:
        assert r.status_code == 403 and reason in html
    else:
        assert r.status_code == 400
        assert f'id="{field}-error"' in html and reason in html.split(f'id="{field}-error"')[1][:300]
    assert trail_length() == before
    for model in (ConsultationComment, RecordedComment, Document):
        assert db.session.scalar(select(func.count()).select_from(model)) == 0
