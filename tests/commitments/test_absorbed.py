"""Contributions absorbed without credit: the detector's known answers (what it finds, what it
does not: a paraphrase, a short input, a later input, a linked one), the co-chairs' link and
dismissal, the organisations' claims and the other side's decision, every figure, the refusals
that write nothing, and the pages' fixed statement counts."""
from datetime import datetime, timedelta

import pytest
from sqlalchemy import select

from forum.commitments import overlap, services
from forum.commitments.absorbed_models import Claim, State, Suggestion
from forum.commitments.absorbed_queries import absorbed as summary
from forum.commitments.queries import version
from forum.commitments.services import absorbed, claims, links
from forum.core.clock import advance, frozen_at
from forum.core.errors import DomainError, PermissionDenied
from forum.extensions import db
from forum.notifications.models import Notification
from forum.proposals import services as proposals
from forum.proposals.services import comments
from tests.conftest import trail_actions_since, trail_length
from tests.helpers.commitments import milestones, template
from tests.helpers.proposals import REASON, chairs

# One version against five inputs, counted by hand (content words after folding, stop words out):
COPIED = "Publicar en datos abiertos cada contrato del Estado con sus adendas."
# publicar datos abiertos contrato estado adendas: 6 words, 3 shingles of 4
ENGLISH = "The ministry will publish the open data of every public contract."
# ministry publish open data every public contract: 7 words, 4 shingles
PARAPHRASE = "Difundir abiertamente todos los contratos estatales junto con sus modificaciones."
# difundir abiertamente contratos estatales junto modificaciones ("todos" is a stop word): 3 shingles
PARTIAL = ("Publicar en datos abiertos cada contrato del Estado, y además crear un registro nacional de "
           "beneficiarios finales de empresas proveedoras.")
# 13 content words, 10 shingles, of which the version has 2 (publicar…contrato, datos…estado)
SHORT = "Datos abiertos ya."  # two content words: no shingle at all
VERSION = ("El Ministerio se compromete a publicar en DATOS ABIERTOS cada contrato del estado y sus adendas, "
           "desde 2021. This ministry would publish open data for every public contract.")


def test_the_detector_finds_copies_whatever_their_accents_case_and_stop_words():
    index = overlap.Index().extend([("copied", COPIED), ("english", ENGLISH), ("paraphrase", PARAPHRASE),
                                    ("partial", PARTIAL), ("short", SHORT)])
    assert index.sizes == {"copied": 3, "english": 4, "paraphrase": 3, "partial": 10}
    found = {o.key: o for o in index.overlaps(VERSION)}
    assert set(found) == {"copied", "english"}  # not the paraphrase, the partial copy nor the short one
    assert (found["copied"].shared, found["copied"].total, found["copied"].share) == (3, 3, 1.0)
    assert (found["english"].shared, found["english"].total) == (4, 4)
    assert found["copied"].passage == "publicar en DATOS ABIERTOS cada contrato del estado y sus adendas"
    assert found["english"].passage == "ministry would publish open data for every public contract"
    assert found["copied"].passage in VERSION  # verbatim: it can be claimed as it stands
    # the partial copy is 2 of 10: below both the share and the minimum
    assert {o.key: (o.shared, o.total) for o in index.overlaps(VERSION, threshold=0, min_shared=1)}["partial"] \
        == (2, 10)
    assert overlap.fold("PÚBLICO Ñandú") == "publico nandu"


# The forum's inputs, and the versions that repeat some of them.
P1 = dict(title="Contratos del Estado en datos abiertos",
          problem="Los ciudadanos no pueden vigilar las compras públicas del Estado.",
          proposal="Publicar en datos abiertos cada contrato del Estado con sus adendas y pagos mensuales.",
          expected_result="Vigilancia ciudadana de las compras.", values=["transparency"])
P2 = dict(title="Difusión de contratos", problem="La información contractual es difícil de encontrar.",
          proposal="Difundir abiertamente todos los contratos estatales junto con sus modificaciones.",
          expected_result="Menos opacidad en las compras.", values=["transparency"])
COMMENT = "Que también se publiquen las actas de conformidad firmadas por cada área usuaria del ministerio."
LATER = dict(title="Registro de beneficiarios finales", problem="No se sabe quién está detrás de las empresas.",
             proposal="Crear un registro nacional de beneficiarios finales de empresas proveedoras del Estado.",
             expected_result="Empresas proveedoras transparentes.", values=["transparency"])


def _forum(make):
    """Forum with P1 (accepted), P2 (a paraphrase's source) and a comment, then version 1,
    then a later proposal, then version 2 which repeats it; P1's organisation and member."""
    start = datetime(2026, 3, 2, 9, 0)
    with frozen_at(start):
        forum = make.forum(open_=True)
        chair = chairs(forum)
        user, org = make.member_of("civil_society")
        p1 = proposals.submit(user, forum, org, **P1)
        advance(timedelta(hours=1))
        p2 = proposals.submit(user, forum, org, **P2)
        advance(timedelta(hours=1))
        c1 = comments.post(make.user(), p2, COMMENT)
        from forum.proposals.services import responses
        responses.respond(chair["state_chair"], p1, "accepted", REASON)
        advance(timedelta(days=1))
        text = template(forum, description="El ministerio se compromete a publicar en datos abiertos cada "
                                           "contrato del Estado con sus adendas y pagos mensuales, y que se "
                                           "publiquen las actas de conformidad firmadas por cada área usuaria.")
        c = services.create(chair["state_chair"], forum, text, milestones(forum))
        advance(timedelta(days=1))
        later = proposals.submit(user, forum, org, **LATER)
        advance(timedelta(days=1))
        v2 = services.save_version(chair["state_chair"], c, {**text, "change_note": "Se suma el registro.",
                                   "status_quo": "Se va a crear un registro nacional de beneficiarios finales "
                                                 "de empresas proveedoras del Estado: empresas proveedoras "
                                                 "transparentes."}, milestones(forum))
        db.session.commit()
    return dict(forum=forum, chair=chair, user=user, org=org, p1=p1, p2=p2, c1=c1, later=later, c=c, v2=v2)


def _found(commitment_id):
    return {(s.source_type, s.source_id): s for s in db.session.scalars(
        select(Suggestion).where(Suggestion.commitment_id == commitment_id))}


def test_each_version_is_checked_against_earlier_unlinked_inputs_only(make):
    w = _forum(make)
    found = _found(w["c"].id)
    v1 = version(w["c"], 1)
    assert set(found) == {("proposal", w["p1"].id), ("comment", w["c1"].id), ("proposal", w["later"].id)}
    # P1 and the comment on version 1; the later proposal only on version 2, submitted after version 1
    assert found[("proposal", w["p1"].id)].version_id == v1.id
    assert found[("comment", w["c1"].id)].version_id == v1.id
    assert found[("proposal", w["later"].id)].version_id == w["v2"].id
    # P1: title 4 + problem 6 ("no" is a stop word) + proposal 8 + expected 3 = 21 words, 18 shingles; the
    # version repeats the proposal's 8 words: 5 shingles, under half but a whole sentence
    p1 = found[("proposal", w["p1"].id)]
    assert (p1.shared, p1.total) == (5, 18)
    # the comment: publiquen actas conformidad firmadas area usuaria ministerio ("tambien", "cada" are
    # stop words): 7 words, 4 shingles, of which the version has the first 3 ("ministerio" is not there)
    c1 = found[("comment", w["c1"].id)]
    assert (c1.shared, c1.total) == (3, 4)
    assert c1.passage == "publiquen las actas de conformidad firmadas por cada área usuaria"
    # the later proposal: title 3 + problem 3 ("no", "se", "quien", "esta"... are stop words) + proposal 8
    # + expected 3 = 17 words, 14 shingles; the version has its last 11 words in a row: 8 shingles
    later = found[("proposal", w["later"].id)]
    assert (later.shared, later.total) == (8, 14)
    assert p1.passage == "publicar en datos abiertos cada contrato del Estado con sus adendas y pagos mensuales"
    # a re-check adds nothing: everything is already suggested
    assert absorbed.recheck(w["forum"]) == []
    counts = summary(w["forum"].id, labelled=False).counts()
    assert counts == {"suggestions": {"pending": 3, "linked": 0, "dismissed": 0},
                      "claims": {"pending": 0, "linked": 0, "dismissed": 0}}


def test_a_linked_input_is_not_suggested(make):
    with frozen_at(datetime(2026, 3, 2, 9, 0)):
        forum = make.forum(open_=True)
        chair = chairs(forum)
        user, org = make.member_of("civil_society")
        p1 = proposals.submit(user, forum, org, **P1)
        later = proposals.submit(user, forum, org, **LATER)
        from forum.proposals.services import responses
        responses.respond(chair["state_chair"], p1, "accepted", REASON)
        advance(timedelta(days=1))
        c = services.create(chair["state_chair"], forum, template(forum), milestones(forum))
        links.link(chair["state_chair"], version(c), "proposal", p1.id, "adopted", "Se toma la propuesta entera.")
        advance(timedelta(days=1))
        services.save_version(chair["state_chair"], c, {
            **template(forum), "change_note": "Se copian dos propuestas.",
            "description": P1["proposal"] + " " + LATER["proposal"]}, milestones(forum))
        db.session.commit()
    assert set(_found(c.id)) == {("proposal", later.id)}  # the one copied and not linked


def test_link_and_dismiss_through_the_link_service_and_the_trail(make):
    w = _forum(make)
    found = _found(w["c"].id)
    chair = w["chair"]["civil_chair"]
    before = trail_length()
    absorbed.link(chair, found[("proposal", w["p1"].id)], "adopted", "El texto es el de la propuesta.")
    db.session.commit()
    assert trail_actions_since(before) == ["influence.linked", "absorbed.linked"]
    s = db.session.get(Suggestion, found[("proposal", w["p1"].id)].id)
    assert s.state == State.LINKED and s.link_id is not None
    # the comment's proposal (P2) was never accepted: the link service refuses, nothing is written
    before = trail_length()
    with pytest.raises(DomainError) as refused:
        absorbed.link(chair, found[("comment", w["c1"].id)], "adopted", "El texto es el del comentario.")
    db.session.rollback()
    assert refused.value.field == "source" and trail_length() == before
    # dismissal without a reason: refused beside the field, nothing written
    with pytest.raises(DomainError) as refused:
        absorbed.dismiss(chair, found[("comment", w["c1"].id)], "  ")
    db.session.rollback()
    assert refused.value.field == "reason" and trail_length() == before
    assert db.session.get(Suggestion, found[("comment", w["c1"].id)].id).state == State.PENDING
    absorbed.dismiss(chair, found[("comment", w["c1"].id)], "El acta de conformidad ya era obligatoria por ley.")
    db.session.commit()
    assert trail_actions_since(before) == ["absorbed.dismissed"]
    # decided once
    with pytest.raises(DomainError):
        absorbed.dismiss(chair, found[("comment", w["c1"].id)], "Otra razón distinta para lo mismo.")
    db.session.rollback()
    # a stranger, even a co-chair elsewhere, may not decide
    with pytest.raises(PermissionDenied):
        absorbed.dismiss(w["user"], found[("proposal", w["later"].id)], "No corresponde a este foro.")
    db.session.rollback()
    counts = summary(w["forum"].id, w["c"].id, labelled=False).counts()
    assert counts["suggestions"] == {"pending": 1, "linked": 1, "dismissed": 1}


PASSAGE = "publicar en datos abiertos cada contrato del Estado con sus adendas"


def test_claims_confirmed_and_rejected_by_the_other_side(make):
    w = _forum(make)
    v1 = version(w["c"], 1)
    civil, state = w["chair"]["civil_chair"], w["chair"]["state_chair"]
    other_user, other_org = make.member_of("civil_society")
    before = trail_length()
    # bad input: nothing written, no trail entry, the reason beside the field
    with pytest.raises(PermissionDenied) as refused:  # on another organisation's behalf
        claims.claim(other_user, v1, w["org"].id, w["p1"].id, PASSAGE)
    assert refused.value.field == "organisation"
    db.session.rollback()
    with pytest.raises(PermissionDenied) as refused:  # its own organisation, another's proposal
        claims.claim(other_user, v1, other_org.id, w["p1"].id, PASSAGE)
    assert refused.value.field == "proposal"
    db.session.rollback()
    with pytest.raises(DomainError) as refused:  # a passage the version does not say
        claims.claim(w["user"], v1, w["org"].id, w["p1"].id, "publicar cada contrato en un portal propio")
    assert refused.value.field == "passage"
    db.session.rollback()
    assert trail_length() == before and db.session.scalar(select(Claim.id)) is None
    # line breaks and spacing do not matter; the words do
    first = claims.claim(w["user"], v1, w["org"].id, w["p1"].id, PASSAGE.replace(" del ", "\n del  "))
    second = claims.claim(w["user"], v1, w["org"].id, w["p2"].id, "las actas de conformidad firmadas")
    db.session.commit()
    assert trail_actions_since(before) == ["absorbed.claimed", "absorbed.claimed"]
    told = set(db.session.scalars(select(Notification.user_id).where(Notification.kind == "claimed")))
    assert told == {civil.id, state.id}
    # the claimant's side cannot decide its own claim
    with pytest.raises(PermissionDenied):
        claims.reject(w["user"], first, "No es nuestra decisión, es de la otra parte.")
    db.session.rollback()
    before = trail_length()
    with pytest.raises(DomainError) as refused:
        claims.reject(state, second, "")
    assert refused.value.field == "reason"
    db.session.rollback()
    assert trail_length() == before
    claims.confirm(state, first, "adopted", "El pasaje reproduce la propuesta.")
    claims.reject(state, second, "El acta de conformidad ya era obligatoria por ley desde 2019.")
    db.session.commit()
    assert trail_actions_since(before) == ["influence.linked", "absorbed.claim_confirmed", "absorbed.claim_rejected"]
    decided = {n.params for n in db.session.scalars(select(Notification).where(
        Notification.kind == "claim_decided", Notification.user_id == w["user"].id))}
    assert len(decided) == 2
    counts = summary(w["forum"].id, w["c"].id, labelled=False).counts()
    assert counts["claims"] == {"pending": 0, "linked": 1, "dismissed": 1}


def test_pages_show_the_three_lists_with_fixed_statement_counts(make, client, count_queries):
    w = _forum(make)
    found = _found(w["c"].id)
    absorbed.dismiss(w["chair"]["civil_chair"], found[("comment", w["c1"].id)], "Ya era obligatorio por ley.")
    claims.claim(w["user"], version(w["c"], 1), w["org"].id, w["p1"].id, PASSAGE)
    db.session.commit()
    pages = [f"/forums/{w['forum'].id}/absorbed", f"/commitments/{w['c'].id}/absorbed"]
    seen = {}
    for page in pages:
        with count_queries() as q:
            resp = client.get(page)
        assert resp.status_code == 200
        html = resp.get_data(as_text=True)
        assert 'data-count="suggestions-pending">2<' in html and 'data-count="suggestions-dismissed">1<' in html
        assert 'data-count="claims-pending">1<' in html
        seen[page] = q.n
    # more suggestions and claims: the same number of statements
    with frozen_at(datetime(2026, 4, 1)):
        for i in range(3):
            user, org = make.member_of("civil_society")
            p = proposals.submit(user, w["forum"], org, **{**P1, "title": f"Copia número {i}"})
            claims.claim(user, version(w["c"], 2), org.id, p.id, PASSAGE)
        advance(timedelta(days=1))
        services.save_version(w["chair"]["state_chair"], w["c"], {**template(w["forum"]), "change_note": "Otra.",
                              "description": P1["proposal"]}, milestones(w["forum"]))
        db.session.commit()
    assert len(_found(w["c"].id)) == 6
    for page in pages:
        with count_queries() as q:
            assert client.get(page).status_code == 200
        assert q.n == seen[page], page


def test_the_claim_form_refuses_beside_the_field(make, client):
    w = _forum(make)
    other_user, other_org = make.member_of("civil_society")
    client.login(other_user.email)
    before = trail_length()
    url = f"/commitments/{w['c'].id}/claim"
    resp = client.post(url, {"claim-version": "1", "claim-organisation": str(other_org.id),
                             "claim-proposal": str(w["p1"].id), "claim-passage": PASSAGE})
    assert resp.status_code == 403
    assert 'id="claim-proposal-error"' in resp.get_data(as_text=True)
    client.login(w["user"].email)
    resp = client.post(url, {"claim-version": "1", "claim-organisation": str(w["org"].id),
                             "claim-proposal": str(w["p1"].id), "claim-passage": "un pasaje que no está en el texto"})
    assert resp.status_code == 400 and 'id="claim-passage-error"' in resp.get_data(as_text=True)
    assert trail_length() == before
    resp = client.post(url, {"claim-version": "1", "claim-organisation": str(w["org"].id),
                             "claim-proposal": str(w["p1"].id), "claim-passage": PASSAGE})
    assert resp.status_code == 302
    assert trail_actions_since(before) == ["absorbed.claimed"]


def test_inbox_items_go_to_the_right_people(make):
    from forum.inbox import queries as inbox
    w = _forum(make)
    claims.claim(w["user"], version(w["c"], 1), w["org"].id, w["p1"].id, PASSAGE)
    db.session.commit()
    for chair in w["chair"].values():
        items = {i.kind: i for i in inbox.for_user(chair).to_do}
        assert items["absorbed_suggestions"].detail == "3"  # one line for the commitment, its three suggestions
        assert items["decide_claim"].args == {"claim_id": db.session.scalar(select(Claim.id))}
        assert inbox.count(chair) == len(inbox.for_user(chair).to_do)
    claimant = {i.kind for i in inbox.for_user(w["user"]).to_do}
    assert not claimant & {"absorbed_suggestions", "decide_claim"}
    # a co-chair of the claiming organisation is not asked to decide its own claim
    state_org = next(s.organisation for s in w["forum"].active_seats if s.role == "state_chair")
    p = proposals.submit(w["chair"]["state_chair"], w["forum"], state_org, **{**P1, "title": "Del propio Estado"})
    claims.claim(w["chair"]["state_chair"], version(w["c"], 1), state_org.id, p.id, PASSAGE)
    db.session.commit()
    asked = [i for i in inbox.for_user(w["chair"]["state_chair"]).to_do if i.kind == "decide_claim"]
    assert len(asked) == 1
    assert len([i for i in inbox.for_user(w["chair"]["civil_chair"]).to_do if i.kind == "decide_claim"]) == 2


def test_api_archive_and_command_say_the_same(make, client, app):
    w = _forum(make)
    found = _found(w["c"].id)
    absorbed.dismiss(w["chair"]["civil_chair"], found[("comment", w["c1"].id)], "Ya era obligatorio por ley.")
    db.session.commit()
    data = client.get(f"/api/v1/commitments/{w['c'].id}/absorbed").get_json()
    assert data["counts"] == {"suggestions": {"pending": 2, "linked": 0, "dismissed": 1},
                              "claims": {"pending": 0, "linked": 0, "dismissed": 0}}
    dismissed = next(s for s in data["suggestions"] if s["state"] == "dismissed")
    assert (dismissed["source_type"], dismissed["reason"]) == ("comment", "Ya era obligatorio por ley.")
    assert client.get(f"/api/v1/forums/{w['forum'].id}/absorbed").get_json()["counts"] == data["counts"]
    missing = client.get("/api/v1/commitments/999999/absorbed")
    assert missing.status_code == 404 and missing.is_json
    from forum.opendata.absorbed import TABLES
    rows = list(TABLES[0].rows([w["forum"].id]))
    assert sorted((r["source_type"], r["state"]) for r in rows) == [
        ("comment", "dismissed"), ("proposal", "pending"), ("proposal", "pending")]
    # the command finds nothing new, and names a missing forum
    runner = app.test_cli_runner()
    assert runner.invoke(args=["absorbed", "check", str(w["forum"].id)]).output == "0 new suggestions\n"
    assert runner.invoke(args=["absorbed", "check", "999999"]).exit_code != 0


def test_a_dismissal_without_a_reason_is_refused_beside_the_field(make, client):
    w = _forum(make)
    s = next(iter(_found(w["c"].id).values()))
    client.login(w["chair"]["civil_chair"].email)
    before = trail_length()
    resp = client.post(f"/suggestions/{s.id}/dismiss", {"dismiss-reason": ""})
    assert resp.status_code == 400 and 'id="dismiss-reason-error"' in resp.get_data(as_text=True)
    assert trail_length() == before and db.session.get(Suggestion, s.id).state == State.PENDING
