"""Civil society in implementation (issue 27, item 6): progress needs evidence, the
civil-society co-chair appoints a co-monitor, who confirms or contests each update within
the window (else it lapses), and the State's side owes a contest a reasoned answer. Each
bad input is refused with its reason beside the field, nothing written, no trail entry."""
from datetime import timedelta

import pytest
from sqlalchemy import func, select

from forum.commitments.models import ProgressUpdate
from forum.commitments.services import progress
from forum.core.clock import frozen_at
from forum.core.errors import DomainError, PermissionDenied
from forum.extensions import db
from forum.inbox.queries import for_user
from forum.monitoring import queries, services
from forum.monitoring.models import CoMonitor, ContestAnswer, UpdateVerdict
from tests.conftest import trail_actions_since, trail_length
from tests.helpers.monitoring import LINK, START, adopted, monitored, report
from tests.helpers.proposals import REASON, chairs

CONTEST = "El portal enlazado no muestra ningún conjunto de datos publicado en marzo; solo una página vacía."


def _rows(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def _field_error(html: str, field: str) -> str:
    """The error shown beside a field (templates/_forms.html gives it the field's id)."""
    import re
    from html import unescape
    found = re.search(rf'<p class="error" id="[\w-]*{field}-error">([^<]+)</p>', html)
    return unescape(found.group(1)) if found else ""


def test_a_progress_update_without_evidence_is_refused_beside_the_field(make, client):
    c, v = adopted(make)
    client.login(chairs(c.forum)["state_chair"].email)
    before, rows = trail_length(), _rows(ProgressUpdate)
    base = {"progress-milestone": str(v.milestones[0].id), "progress-level": "limited",
            "progress-note": "Se inició la publicación de los contratos."}
    resp = client.post(f"/commitments/{c.id}/progress", base)
    assert resp.status_code == 400
    assert "Give the evidence" in _field_error(resp.get_data(as_text=True), "progress-evidence")
    resp = client.post(f"/commitments/{c.id}/progress", {**base, "progress-evidence": "https://datos.example.gob.pe/x"})
    assert resp.status_code == 400
    assert "date you checked" in _field_error(resp.get_data(as_text=True), "progress-evidence_checked_on")
    assert (trail_length(), _rows(ProgressUpdate)) == (before, rows)
    resp = client.post(f"/commitments/{c.id}/progress", {**base, "progress-evidence": "https://datos.example.gob.pe/x",
                                                         "progress-evidence_checked_on": "2020-03-01"})
    assert resp.status_code == 302
    u = db.session.scalar(select(ProgressUpdate))
    assert (u.evidence, str(u.evidence_checked_on)) == ("https://datos.example.gob.pe/x", "2020-03-01")
    assert trail_length() == before + 1


def test_an_update_on_a_milestone_of_another_commitment_is_refused(make, client):
    c, v = adopted(make)
    other, ov = adopted(make, forum=c.forum)
    client.login(chairs(c.forum)["state_chair"].email)
    before, rows = trail_length(), _rows(ProgressUpdate)
    resp = client.post(f"/commitments/{c.id}/progress", {
        "progress-milestone": str(ov.milestones[0].id), "progress-level": "limited",
        "progress-note": "Se inició la publicación de los contratos.",
        "progress-evidence": "https://datos.example.gob.pe/x", "progress-evidence_checked_on": "2020-03-01"})
    assert resp.status_code == 400
    assert _field_error(resp.get_data(as_text=True), "progress-milestone")  # the form's own "not a valid choice"
    with pytest.raises(DomainError, match="adopted version") as refused:  # the service's, for every other edge
        progress.report(chairs(c.forum)["state_chair"], c, ov.milestones[0], "limited",
                        "Se inició la publicación de los contratos.", *LINK)
    assert refused.value.field == "milestone"
    db.session.rollback()
    assert (trail_length(), _rows(ProgressUpdate)) == (before, rows)


def test_the_civil_society_co_chair_appoints_and_replaces_the_co_monitor_with_a_reason(make, client):
    c, v = adopted(make)
    civil, state = chairs(c.forum)["civil_chair"], chairs(c.forum)["state_chair"]
    civil_org = next(s.organisation for s in c.forum.active_seats if s.role == "civil_chair")
    state_org = next(s.organisation for s in c.forum.active_seats if s.role == "state_chair")
    first, second, official = make.user(), make.user(), make.user()
    make.join(first, civil_org)
    make.join(second, civil_org)
    make.join(official, state_org)
    outsider, unseated = make.member_of("civil_society")
    before = trail_length()
    with pytest.raises(PermissionDenied):
        services.appoint(state, c, first, civil_org)
    db.session.rollback()
    client.login(civil.email)
    for person, org, why in [(official, state_org, "civil-society organisation"),
                             (outsider, unseated, "seat in this forum"),
                             (official, civil_org, "approved member")]:
        resp = client.post(f"/commitments/{c.id}/co-monitor", {"co_monitor": f"{person.id}:{org.id}"})
        assert resp.status_code == 400 and why in _field_error(resp.get_data(as_text=True), "co_monitor"), why
    assert (trail_length(), _rows(CoMonitor)) == (before, 0)
    appointed = client.post(f"/commitments/{c.id}/co-monitor", {"co_monitor": f"{first.id}:{civil_org.id}"})
    assert appointed.status_code == 302
    resp = client.post(f"/commitments/{c.id}/co-monitor", {"co_monitor": f"{second.id}:{civil_org.id}"})
    assert resp.status_code == 400 and _field_error(resp.get_data(as_text=True), "reason")
    assert client.post(f"/commitments/{c.id}/co-monitor", {"co_monitor": f"{second.id}:{civil_org.id}",
                                                          "reason": REASON}).status_code == 302
    rows = db.session.scalars(select(CoMonitor).order_by(CoMonitor.id)).all()
    assert [(r.user_id, r.replaces_id, r.reason) for r in rows] == [(first.id, None, None),
                                                                    (second.id, rows[0].id, REASON)]
    assert trail_actions_since(before) == ["commitment.co_monitor_appointed"] * 2
    html = client.get(f"/commitments/{c.id}").get_data(as_text=True)
    assert second.display_name in html and REASON in html


def test_only_the_co_monitor_confirms_within_the_window_and_then_it_lapses(make, client):
    c, v, monitor, state = monitored(make)
    u1 = report(state, c, v.milestones[0], START + timedelta(days=1))
    u2 = report(state, c, v.milestones[0], START + timedelta(days=2))
    window_end = u1.created_at + timedelta(days=15)
    before = trail_length()
    civil = chairs(c.forum)["civil_chair"]
    with frozen_at(window_end), pytest.raises(PermissionDenied, match="co-monitor"):
        services.confirm(civil, u1)  # the co-chair is not the co-monitor
    db.session.rollback()
    with frozen_at(window_end + timedelta(seconds=1)), pytest.raises(DomainError, match="15 days"):
        services.confirm(monitor, u1)
    db.session.rollback()
    with frozen_at(window_end + timedelta(seconds=1)):
        assert queries.states([u1], window_end + timedelta(seconds=1))[u1.id].status == queries.LAPSED
    with frozen_at(window_end), pytest.raises(DomainError) as refused:
        services.contest(monitor, u2, "no")
    assert refused.value.field == "reason"
    db.session.rollback()
    assert (trail_length(), _rows(UpdateVerdict)) == (before, 0)
    with frozen_at(window_end):  # the last instant of u1's window
        services.confirm(monitor, u1)
        db.session.commit()
    assert trail_actions_since(before) == ["progress.confirmed"]
    # Through the page: a stranger's confirmation is the 403 page; the co-monitor's contest
    # without a reason comes back with the reason beside the field.
    stranger = make.user()
    client.login(stranger.email)
    before = trail_length()
    with frozen_at(window_end):
        assert client.post(f"/progress/{u2.id}/confirm").status_code == 403
    client.login(monitor.email)
    with frozen_at(window_end):
        resp = client.post(f"/progress/{u2.id}/contest", {"reason": ""})
    assert resp.status_code == 400 and "required" in _field_error(resp.get_data(as_text=True), "reason")
    assert (trail_length(), _rows(UpdateVerdict)) == (before, 1)
    with frozen_at(window_end):
        assert client.post(f"/progress/{u2.id}/contest", {"reason": CONTEST}).status_code == 302
    states = queries.states([u1, u2], window_end)
    assert (states[u1.id].status, states[u2.id].status) == (queries.CONFIRMED, queries.CONTESTED)


def test_a_contest_is_owed_the_states_answer_on_a_clock_with_inbox_and_ledger(make, client, new_client):
    c, v, monitor, state = monitored(make)
    u = report(state, c, v.milestones[0], START + timedelta(days=1))
    contested_at = START + timedelta(days=3)
    with frozen_at(contested_at):
        verdict = services.contest(monitor, u, CONTEST)
    db.session.commit()
    due = contested_at + timedelta(days=30)
    with frozen_at(due):
        item = next(i for i in for_user(state).to_do if i.kind == "answer_contest")
        assert item.days_late(due) is None and item.days_left(due) == 0
    with frozen_at(due + timedelta(seconds=1)):
        item = next(i for i in for_user(state).to_do if i.kind == "answer_contest")
        assert item.days_late(due + timedelta(seconds=1)) == 1
        chair = new_client()
        chair.login(state.email)
        assert "Overdue by 1 day" in chair.get("/inbox").get_data(as_text=True)
        listed = client.get(f"/forums/{c.forum_id}/monitoring?show=waiting").get_data(as_text=True)
        assert f'data-update="{u.id}"' in listed and "Overdue by 1 day" in listed
    # The co-monitor cannot answer for the State; an answer without a reason is refused.
    before = trail_length()
    with pytest.raises(PermissionDenied):
        services.answer(monitor, verdict, REASON)
    db.session.rollback()
    with pytest.raises(DomainError):
        services.answer(state, verdict, "Porque sí.")
    db.session.rollback()
    assert (trail_length(), _rows(ContestAnswer)) == (before, 0)
    with frozen_at(due + timedelta(days=1, seconds=1)):
        answer = services.answer(state, verdict, REASON)
    db.session.commit()
    assert queries.states([u], due + timedelta(days=2))[u.id].answer_status == queries.LATE
    assert answer.response_seconds == 31 * 86400 + 1
    page = client.get(f"/commitments/{c.id}").get_data(as_text=True)
    assert "answered 2 days late" in page and REASON in page
    late = client.get(f"/forums/{c.forum_id}/monitoring?show=late").get_data(as_text=True)
    assert f'data-update="{u.id}"' in late and "answered 2 days late" in late
    assert not [i for i in for_user(state).to_do if i.kind == "answer_contest"]


PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"


@pytest.mark.parametrize("data, name, message", [
    (PNG, "informe.pdf", "The file's content is a PNG image, not a PDF."),
    (b"", "informe.pdf", "The file is empty."),
    (PDF + b" " * 2000, "informe.pdf", "The file is larger than"),
], ids=["not-what-its-name-says", "empty", "too-big"])
def test_an_evidence_document_the_uploads_refuse_is_refused_beside_the_field(make, client, ctx, monkeypatch,
                                                                             data, name, message):
    import io

    from forum.uploads.models import Document
    monkeypatch.setitem(ctx.config, "UPLOAD_MAX_BYTES", 1000)
    c, v = adopted(make)
    client.login(chairs(c.forum)["state_chair"].email)
    before, rows = trail_length(), _rows(ProgressUpdate)
    form = {"progress-milestone": str(v.milestones[0].id), "progress-level": "limited",
            "progress-note": "Se publicó el informe de avance del hito.",
            "progress-document": (io.BytesIO(data), name)}
    resp = client.post(f"/commitments/{c.id}/progress", form, content_type="multipart/form-data")
    assert resp.status_code == 400
    assert message in _field_error(resp.get_data(as_text=True), "progress-document")
    assert (trail_length(), _rows(ProgressUpdate), _rows(Document)) == (before, rows, 0)


def test_an_uploaded_document_is_evidence_and_served_back(make, client):
    import io
    c, v = adopted(make)
    client.login(chairs(c.forum)["state_chair"].email)
    before = trail_length()
    resp = client.post(f"/commitments/{c.id}/progress", {
        "progress-milestone": str(v.milestones[0].id), "progress-level": "limited",
        "progress-note": "Se publicó el informe de avance del hito.",
        "progress-document": (io.BytesIO(PDF), "informe.pdf")}, content_type="multipart/form-data")
    assert resp.status_code == 302
    u = db.session.scalar(select(ProgressUpdate))
    assert u.evidence == "" and len(u.evidence_sha256) == 64
    assert trail_actions_since(before) == ["document.uploaded", "milestone.progress"]
    page = client.get(f"/commitments/{c.id}").get_data(as_text=True)
    assert f'href="/documents/{u.evidence_sha256}"' in page
    served = client.get(f"/documents/{u.evidence_sha256}")
    served.close()
    assert served.data == PDF and served.headers["Content-Disposition"].startswith("attachment;")


def test_an_anonymous_page_turns_lapsed_at_the_windows_end_through_the_page_cache(make, client):
    """The lapse is read from the clock: the commitment page a visitor gets (cached) says
    awaiting at the window's last instant and lapsed a second later, with nothing written."""
    c, v, _monitor, state = monitored(make)
    u = report(state, c, v.milestones[0], START + timedelta(days=1))
    end = u.created_at + timedelta(days=15)
    before = trail_length()
    for at, state in ((end, "awaiting"), (end + timedelta(seconds=1), "lapsed")):
        with frozen_at(at):
            page = client.get(f"/commitments/{c.id}").get_data(as_text=True)
        assert f'data-update="{u.id}" data-state="{state}"' in page, state
    assert trail_length() == before
