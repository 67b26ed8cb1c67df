"""The agreed-and-adopted forms from outside: each bad input refused with the reason beside
its field (or the 403 page with the predicate's reason), nothing written, no trail entry; the
official PDF stored under its hash and served back as is."""
import hashlib
import re
from datetime import date
from io import BytesIO

from sqlalchemy import func, select

from forum.demo.plans import tiny_pdf
from forum.extensions import db
from forum.plans import agreed_queries
from forum.plans.models import AdoptedText, Discrepancy, Instrument, Match
from forum.trail.models import TrailEntry
from tests.conftest import trail_length
from tests.helpers.plans import adopt, agreed_forum, official_plan
from tests.helpers.proposals import chairs

PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
OFFICIAL = {"instrument-kind": "rm", "instrument-number": "045-2020-PCM", "instrument-issuer": "PCM",
            "instrument-published_on": "2020-03-01", "instrument-starts_on": "2020-01-01",
            "instrument-ends_on": "2021-12-31", "instrument-url": "https://www.gob.pe/rm-045"}


def _error_beside(html: str, field: str) -> str:
    m = re.search(rf'id="{field}-error">([^<]+)<', html)
    assert m, f"no error beside {field}"
    return m.group(1)


def count(model) -> int:
    return db.session.scalar(select(func.count()).select_from(model))


def test_the_official_pdf_is_stored_under_its_hash_and_served_back(make, new_client):
    forum = make.forum(open_=True)
    c = new_client()
    c.login(chairs(forum)["state_chair"].email)
    pdf = tiny_pdf("Resolucion Ministerial 045-2020-PCM")
    resp = c.post(f"/cycles/{forum.cycle}/instruments",
                  {**OFFICIAL, "instrument-pdf": (BytesIO(pdf), "rm-045.pdf")})
    assert resp.status_code == 302, resp.get_data(as_text=True)[:2000]
    i = db.session.scalar(select(Instrument))
    assert i.pdf_sha256 == hashlib.sha256(pdf).hexdigest() and i.retroactive
    entry = db.session.scalar(select(TrailEntry).where(TrailEntry.action == "plan.instrument_recorded"))
    assert i.pdf_sha256 in entry.payload
    served = c.get(f"/documents/{i.pdf_sha256}")
    served.close()
    assert served.data == pdf and "attachment" in served.headers["Content-Disposition"]
    page = c.get(f"/cycles/{forum.cycle}/agreed-adopted").get_data(as_text=True)
    assert f"/documents/{i.pdf_sha256}" in page


def test_a_file_that_is_not_a_pdf_is_refused_beside_the_field(make, new_client):
    forum = make.forum(open_=True)
    c = new_client()
    c.login(chairs(forum)["state_chair"].email)
    before = trail_length()
    resp = c.post(f"/cycles/{forum.cycle}/instruments", {**OFFICIAL, "instrument-pdf": (BytesIO(PNG), "rm.pdf")})
    assert resp.status_code == 400
    assert "not" in _error_beside(resp.get_data(as_text=True), "instrument-pdf")
    assert count(Instrument) == 0 and trail_length() == before


def test_an_adopted_text_for_a_forum_one_does_not_chair_is_refused(make, new_client):
    forum = make.forum(open_=True)
    other = make.forum(open_=True)
    forum_made = agreed_forum(make, forum, shaper=False)
    instrument, _texts, _found = official_plan(forum, forum_made[1])
    c = new_client()
    c.login(chairs(other)["state_chair"].email)
    before, texts = trail_length(), count(AdoptedText)
    resp = c.post(f"/instruments/{instrument.id}/texts", {"text-forum": forum.id, "text-title": "Un texto"})
    assert resp.status_code == 403
    assert "Only the co-chairs of this forum" in resp.get_data(as_text=True)
    assert trail_length() == before and count(AdoptedText) == texts


def test_two_agreed_commitments_to_one_adopted_is_refused_beside_the_field(make, new_client):
    forum, made, _p = agreed_forum(make, shaper=False)
    _i, texts, _found = official_plan(forum, made)
    items = {it.commitment_id: it for it in agreed_queries.latest_agreed(forum).items}
    c = new_client()
    c.login(chairs(forum)["civil_chair"].email)
    before, matches = trail_length(), count(Match)
    resp = c.post(f"/forums/{forum.id}/plan-matches", {"match-agreed": items[made[3].id].id,
                                                       "match-adopted": texts[0].id})
    assert resp.status_code == 400
    assert "already matched" in _error_beside(resp.get_data(as_text=True), "match-adopted")
    assert trail_length() == before and count(Match) == matches


def test_an_answer_without_a_reason_or_from_the_wrong_side_is_refused(make, new_client):
    forum, made, _p = agreed_forum(make, shaper=False)
    _i, _texts, found = official_plan(forum, made)
    d = found[0]
    before = trail_length()
    civil = new_client()
    civil.login(chairs(forum)["civil_chair"].email)
    resp = civil.post(f"/discrepancies/{d.id}/answer", {"answer-answer": "Una respuesta con razones suficientes "
                                                                          "para publicarse en el foro."})
    assert resp.status_code == 403 and "Only the State co-chair" in resp.get_data(as_text=True)
    state = new_client()
    state.login(chairs(forum)["state_chair"].email)
    resp = state.post(f"/discrepancies/{d.id}/answer", {"answer-answer": "Porque sí."})
    assert resp.status_code == 400
    assert _error_beside(resp.get_data(as_text=True), "answer-answer")
    assert trail_length() == before and db.session.get(Discrepancy, d.id).answer is None


def test_a_dissent_by_a_non_member_is_refused(make, new_client):
    forum, made, _p = agreed_forum(make, shaper=False)
    _i, _texts, found = official_plan(forum, made)
    stranger, _org = make.member_of("civil_society")
    c = new_client()
    c.login(stranger.email)
    before = trail_length()
    resp = c.post(f"/discrepancies/{found[0].id}/dissent", {"dissent-reason": "No estamos de acuerdo con este "
                                                                               "cambio del plan acordado."})
    assert resp.status_code == 403 and "member organisation of this forum" in resp.get_data(as_text=True)
    assert trail_length() == before


def test_a_plan_signed_by_one_side_is_shown_as_not_agreed(make, new_client):
    forum = make.forum(open_=True)
    adopt(forum, "Compras públicas abiertas")
    db.session.commit()
    c = new_client()
    c.login(chairs(forum)["state_chair"].email)
    assert c.post(f"/forums/{forum.id}/agreed-plan/sign", {}).status_code == 302
    html = c.get(f"/cycles/{forum.cycle}/agreed-adopted").get_data(as_text=True)
    assert "data-pending=" in html and "Signed by one side only" in html and "data-agreed=" not in html
    assert agreed_queries.latest_agreed(forum) is None


def _plan_csv(lead: int, titles: list[str]) -> bytes:
    header = ("ref,title,problem,status_quo,description,contribution,ogp_relevance,values,lead_agency,supporting,"
              "start_date,end_date,milestone,milestone_responsible,milestone_start,milestone_end\n")
    rows = "".join(f"P-{n},{t},Un problema.,Un estado.,Publicar en datos abiertos: {t}.,Aporte.,Transparencia.,"
                   f"transparency,{lead},,2020-01-01,2021-06-30,Primer reporte,{lead},2020-02-01,2020-06-30\n"
                   for n, t in enumerate(titles, 1))
    return (header + rows).encode()


def test_the_import_dry_run_shows_the_alignment_and_saves_nothing_until_confirmed(make, new_client):
    import base64
    forum, made, _p = agreed_forum(make, shaper=False)
    state = chairs(forum)["state_chair"]
    from forum.plans.services import official
    with_instrument = official.record(state, forum.cycle, official.Official(
        "ds", "9-2020-PCM", "PCM", date(2020, 3, 1), date(2020, 3, 1),
        date(2021, 12, 31), "https://www.gob.pe/ds-9"))
    db.session.commit()
    lead = next(s.organisation_id for s in forum.active_seats if s.role == "state_chair")
    data = _plan_csv(lead, ["Agendas de autoridades abiertas", "Gobierno digital para todos"])
    c = new_client()
    c.login(state.email)
    url = f"/instruments/{with_instrument.id}/forums/{forum.id}/import"
    before, texts = trail_length(), count(AdoptedText)
    html = c.post(url, {"file": (BytesIO(data), "plan.csv")}).get_data(as_text=True)
    assert "Dry run" in html and html.count("Would be recorded as adopted") == 2
    row = re.search(r'<tr data-row="1">(.*?)</tr>', html, re.S).group(1)
    assert row.count("Agendas de autoridades abiertas") == 2  # the file's title beside the agreed one
    assert "none: it would be added" in re.search(r'<tr data-row="2">(.*?)</tr>', html, re.S).group(1)
    assert trail_length() == before and count(AdoptedText) == texts
    resp = c.post(url, {"content": base64.b64encode(data).decode(), "filename": "plan.csv"})
    assert resp.status_code == 302
    assert count(AdoptedText) == texts + 2


def test_each_discrepancy_waits_in_the_state_co_chairs_inbox_until_answered(make, new_client):
    forum, made, _p = agreed_forum(make, shaper=False)
    _i, _texts, found = official_plan(forum, made)
    state, civil = new_client(), new_client()
    state.login(chairs(forum)["state_chair"].email)
    civil.login(chairs(forum)["civil_chair"].email)
    assert state.get("/inbox").get_data(as_text=True).count('data-kind="answer_discrepancy"') == 6
    assert 'data-kind="answer_discrepancy"' not in civil.get("/inbox").get_data(as_text=True)
    state.post(f"/discrepancies/{found[0].id}/answer", {"answer-answer": "El ministerio ajustó el texto a su "
                                                                         "presupuesto aprobado para este año."})
    assert state.get("/inbox").get_data(as_text=True).count('data-kind="answer_discrepancy"') == 5
