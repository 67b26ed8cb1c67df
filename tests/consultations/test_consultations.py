"""Consultations: the period to the second, the audience, paragraphs, reasoned responses,
concluding, visibility and notifications — through the services and the pages."""
import hashlib
import json
from datetime import datetime, timedelta

import pytest
from sqlalchemy import func, select

from forum.commitments import queries as commitment_queries
from forum.commitments.models import InfluenceLink
from forum.commitments.services import links
from forum.consultations import document, queries, response_queries, services
from forum.consultations.models import ConsultationComment, Phase
from forum.consultations.services import responses
from forum.core.clock import frozen_at, utcnow
from forum.core.errors import DomainError, PermissionDenied
from forum.extensions import db
from forum.notifications.models import Notification
from forum.trail import seal
from forum.trail.models import TrailEntry
from tests.conftest import trail_length
from tests.helpers.commitments import commitment
from tests.helpers.consultations import ANSWER, PROMISE, closed, consultation, running
from tests.helpers.proposals import chairs


def test_a_markdown_draft_becomes_numbered_paragraphs():
    body = "# Title\n\nFirst.\n\n- a\n- b\n\n```\ncode\n\nstill code\n```\n\nLast."
    assert document.split_markdown(body) == ["# Title\n\nFirst.", "- a\n- b", "```\ncode\n\nstill code\n```", "Last."]
    assert document.split_markdown("Uno.\r\n\r\n\r\nDos.") == ["Uno.", "Dos."]


def test_opening_freezes_the_draft_and_puts_its_fingerprint_on_the_trail(make):
    forum = make.forum(open_=True)
    c = consultation(forum)
    assert [p.number for p in c.paragraphs] == [1, 2, 3, 4]
    assert c.paragraphs[0].text.startswith("# Borrador\n\nPrimer párrafo")
    entry = db.session.scalars(select(TrailEntry).where(TrailEntry.action == "consultation.opened")).one()
    assert json.loads(entry.payload)["document_sha256"] == c.document_sha256 == document.fingerprint(
        [(p.section, p.text) for p in c.paragraphs])
    assert json.loads(entry.payload)["promise"] == PROMISE and json.loads(entry.payload)["paragraphs"] == 4


def test_a_commitment_version_is_consulted_section_by_section(make):
    cm = commitment(make)
    c = consultation(cm.forum, body=None, draft="commitment", commitment=cm)
    v = commitment_queries.version(cm)
    assert c.version_number == 1 and c.commitment_id == cm.id
    assert [p.section for p in c.paragraphs] == list(document.SECTIONS) + ["milestone"]
    assert c.paragraphs[1].text == v.problem
    assert "hito número 1" in c.paragraphs[-1].text


def test_short_notice_or_period_needs_acknowledging_and_is_recorded(make):
    forum = make.forum(open_=True)
    now = utcnow()
    before = trail_length()
    with pytest.raises(DomainError) as err:
        consultation(forum, opened_at=now, starts_in=timedelta(days=3), lasts=timedelta(days=20),
                     accept_short_notice=False)
    assert err.value.field == "accept_short_notice" and "notice before the start" in str(err.value.message)
    db.session.rollback()
    with pytest.raises(DomainError, match="period for comments is under this forum's minimum of 14 days"):
        consultation(forum, opened_at=now, starts_in=timedelta(days=15), lasts=timedelta(days=13, hours=23),
                     accept_short_notice=False)
    db.session.rollback()
    assert trail_length() == before
    assert services.notice_warnings(forum, now + timedelta(days=14), now + timedelta(days=28), now) == []
    c = consultation(forum, opened_at=now, starts_in=timedelta(days=1))
    entry = db.session.scalars(select(TrailEntry).where(TrailEntry.action == "consultation.opened")).one()
    assert json.loads(entry.payload)["short_notice"] == ["notice"]  # codes: the record is read in any language
    assert json.loads(entry.payload)["notice_days"] == 14
    assert c.id


@pytest.mark.parametrize("kw, field", [
    (dict(title=""), "title"), (dict(promise="corta"), "promise"), (dict(promise_level="shout"), "promise_level"),
    (dict(audience="everyone"), "audience"), (dict(visibility="never"), "visibility"),
    (dict(body=""), "body"), (dict(body="x" * 100_001), "body"),
    (dict(starts_in=timedelta(days=15), lasts=timedelta(0)), "ends_at"),
    (dict(draft="commitment", commitment=None), "commitment"),
])
def test_bad_opening_input_is_refused_with_its_field(make, kw, field):
    forum = make.forum(open_=True)
    before = trail_length()
    with pytest.raises(DomainError) as err:
        consultation(forum, **kw)
    assert err.value.field == field
    db.session.rollback()
    assert trail_length() == before


def test_only_the_forums_co_chairs_open_and_only_an_open_forum(make):
    forum, other = make.forum(open_=True), make.forum(open_=True)
    with pytest.raises(PermissionDenied):
        services.open_consultation(chairs(other)["state_chair"], forum, title="Borrador", starts_at=utcnow(),
                                   ends_at=utcnow() + timedelta(days=30), audience="registered",
                                   visibility="on_submit", promise_level="consult", promise=PROMISE,
                                   body="Texto largo aquí.")
    db.session.rollback()
    draft = make.forum()
    with pytest.raises(DomainError, match="not open"):
        consultation(draft)


def test_the_period_holds_to_the_second(make):
    forum = make.forum(open_=True)
    c = consultation(forum)
    user = make.user()
    one = timedelta(seconds=1)
    for when, ok in ((c.starts_at - one, False), (c.starts_at, True), (c.ends_at - one, True), (c.ends_at, False),
                     (c.ends_at + one, False)):
        with frozen_at(when):
            if ok:
                services.comment(user, c, f"Comentario a las {when}")
                db.session.commit()
            else:
                with pytest.raises(DomainError, match="not started|closed"):
                    services.comment(user, c, "Fuera de plazo")
                db.session.rollback()
    assert db.session.query(ConsultationComment).count() == 2
    with frozen_at(c.starts_at - one):
        assert c.phase(utcnow()) == Phase.SCHEDULED
    with frozen_at(c.ends_at):
        assert c.phase(utcnow()) == Phase.CLOSED


@pytest.mark.parametrize("kw, field", [
    (dict(body=""), "body"), (dict(body="x" * 5001), "body"), (dict(paragraph=9), "paragraph"),
    (dict(paragraph=0), "paragraph"), (dict(suggestion="Otro texto"), "paragraph"),
    (dict(paragraph=2, suggestion="y" * 5001), "suggestion"),
])
def test_bad_comments_change_nothing(make, kw, field):
    c = running(make.forum(open_=True))
    user = make.user()
    before = trail_length()
    args = {"body": "Un comentario.", **kw}
    with pytest.raises(DomainError) as err:
        services.comment(user, c, args.pop("body"), **args)
    assert err.value.field == field
    db.session.rollback()
    assert trail_length() == before and db.session.query(ConsultationComment).count() == 0


def test_the_audience_decides_who_comments(make):
    forum = make.forum(open_=True)
    members_only = running(forum, audience="members")
    outsider = make.user()
    with pytest.raises(PermissionDenied, match="Only members"):
        services.comment(outsider, members_only, "Quiero opinar.")
    db.session.rollback()
    services.comment(chairs(forum)["civil_chair"], members_only, "Como copresidencia, de acuerdo.")
    with pytest.raises(PermissionDenied):
        services.comment(None, running(forum), "Anónimo.")


def test_speaking_for_an_organisation_needs_membership_and_sets_the_group(make):
    c = running(make.forum(open_=True))
    user, org = make.member_of("academia")
    stranger_org = make.org("private")
    with pytest.raises(DomainError) as err:
        services.comment(user, c, "Opinión.", organisation=stranger_org)
    assert err.value.field == "organisation"
    db.session.rollback()
    assert services.comment(user, c, "Opinión.", 1, "Nuevo texto.", organisation=org).group == "academia"
    assert services.comment(user, c, "Opinión personal.").group == "individual"


def test_comments_published_at_close_are_hidden_until_the_end(make):
    forum = make.forum(open_=True)
    c = running(forum, visibility="at_close")
    author, other = make.user(), make.user()
    mine = services.comment(author, c, "Mi comentario reservado.", 2)
    db.session.commit()
    now = utcnow()
    assert queries.visible_comments(c, None, now) == []
    assert queries.visible_comments(c, other, now) == []
    assert queries.visible_comments(c, author, now) == [mine]
    assert queries.visible_comments(c, chairs(forum)["state_chair"], now) == [mine]
    assert queries.counts_by_paragraph(c) == {2: 1}
    entry = db.session.scalars(select(TrailEntry).where(TrailEntry.action == "consultation.commented")).one()
    # Sealed: neither who, nor for whom, nor where, nor a digest anyone could test a guess on.
    assert (entry.actor_user_id, entry.actor_org_id) == (None, None)
    assert json.loads(entry.payload).keys() == {"comment", "commitment_sha256"}
    assert services.publish_comments(c) is False, "nothing is unsealed while the period runs"
    with frozen_at(c.ends_at):
        assert queries.visible_comments(c, None, utcnow()) == [mine]
        assert services.publish_comments(c) is True and services.publish_comments(c) is False
        db.session.commit()
    (opened,) = json.loads(db.session.scalars(select(TrailEntry.payload).where(
        TrailEntry.action == "consultation.comments_published")).one())["openings"]
    assert opened == {"comment": mine.id, "author": author.id, "organisation": None, "paragraph": 2,
                      "nonce": mine.nonce}
    words = hashlib.sha256(b"Mi comentario reservado.").hexdigest()
    assert seal.commitment(mine.id, author.id, "", 2, words, "", nonce=opened["nonce"]) == \
        json.loads(entry.payload)["commitment_sha256"], "the opening checks the commitment made before"


def test_answers_come_after_close_from_a_co_chair_with_a_reason(make):
    forum = make.forum(open_=True)
    author = make.user()
    c = running(forum)
    early = services.comment(author, c, "Temprano.")
    db.session.commit()
    chair = chairs(forum)["state_chair"]
    with pytest.raises(DomainError, match="after the consultation closes"):
        responses.answer(chair, early, "accepted", ANSWER)
    db.session.rollback()
    c2, (x,) = closed(forum, [(author, "Publiquen cada mes.", 2)])
    stranger = chairs(make.forum(open_=True))["state_chair"]
    before = trail_length()
    for outcome, reason, field in (("accepted", "", "reason"), ("accepted", "Muy corto", "reason"),
                                   ("accepted", "sí sí sí sí sí sí sí sí sí sí sí sí sí sí", "reason"),
                                   ("maybe", ANSWER, "outcome")):
        with pytest.raises(DomainError) as err:
            responses.answer(chair, x, outcome, reason)
        assert err.value.field == field
        db.session.rollback()
    with pytest.raises(PermissionDenied):
        responses.answer(stranger, x, "accepted", ANSWER)
    db.session.rollback()
    with pytest.raises(PermissionDenied):
        responses.answer(author, x, "accepted", ANSWER)
    db.session.rollback()
    assert trail_length() == before
    responses.answer(chair, x, "partially_accepted", ANSWER)
    responses.answer(chairs(forum)["civil_chair"], x, "accepted", ANSWER + " Revisado.")
    db.session.commit()
    assert x.answer == "accepted"
    assert [r.revision for r in response_queries.history([x.id])[x.id]] == [2, 1]
    notes = db.session.scalars(select(Notification).where(Notification.user_id == author.id)).all()
    assert [(n.kind, n.consultation_id) for n in notes] == [("consultation_answer", c2.id)] * 2


def test_an_answer_can_link_the_comment_to_a_commitment_version_atomically(make):
    cm = commitment(make)
    forum = cm.forum
    author = make.user()
    c, (x,) = closed(forum, [(author, "Añadan un hito de datos.", 3)])
    chair = chairs(forum)["state_chair"]
    other = commitment(make)  # another forum's commitment
    with pytest.raises(DomainError) as err:
        links.answer_and_link(chair, x, "accepted", ANSWER, other, "adopted", "")
    assert err.value.field == "commitment"
    db.session.rollback()
    assert x.answer is None and db.session.query(InfluenceLink).count() == 0
    links.answer_and_link(chair, x, "accepted", ANSWER, cm, "adapted", "")
    db.session.commit()
    link = db.session.scalars(select(InfluenceLink)).one()
    assert (link.source_type, link.source_id, link.how, link.explanation) == (
        "consultation_comment", x.id, "adapted", ANSWER)
    assert commitment_queries.voice(commitment_queries.version(cm))["counts"] == {"individual": 1}


def test_concluding_needs_the_end_every_answer_and_confirmation(make):
    forum = make.forum(open_=True)
    chair = chairs(forum)["civil_chair"]
    author = make.user()
    c = running(forum)
    with pytest.raises(DomainError, match="only after its end"):
        services.conclude(chair, c, True)
    db.session.rollback()
    c, (x, y) = closed(forum, [(author, "Uno.", 1), (author, "Dos.", None)])
    responses.answer(chair, x, "accepted", ANSWER)
    db.session.commit()
    with pytest.raises(DomainError, match="1 comment still has no response"):
        services.conclude(chair, c, True)
    db.session.rollback()
    responses.answer(chair, y, "out_of_scope", ANSWER)
    db.session.commit()
    before = trail_length()
    with pytest.raises(DomainError) as err:
        services.conclude(chair, c, False)
    assert err.value.field == "confirm"
    db.session.rollback()
    with pytest.raises(PermissionDenied):
        services.conclude(author, c, True)
    db.session.rollback()
    assert trail_length() == before
    services.conclude(chair, c, True)
    db.session.commit()
    assert c.phase(utcnow()) == Phase.CONCLUDED
    entry = db.session.scalars(select(TrailEntry).where(TrailEntry.action == "consultation.concluded")).one()
    assert json.loads(entry.payload) == {"comments": 2, "answered": 2, "answered_on_time": 2, "promise_kept": True}
    with pytest.raises(DomainError, match="concluded"):
        responses.answer(chair, x, "accepted", ANSWER)
    db.session.rollback()
    with pytest.raises(DomainError, match="already concluded"):
        services.conclude(chair, c, True)
    kinds = db.session.scalars(select(Notification.kind).where(Notification.user_id == author.id)).all()
    assert "consultation_report" in kinds


def test_pages_show_errors_next_to_the_field_and_keep_the_text(make, client):
    forum = make.forum(open_=True)
    c = running(forum)
    user = make.user(email="cso@example.org")
    client.login(user.email)
    html = client.get(f"/consultations/{c.id}").get_data(as_text=True)
    assert 'id="p3"' in html and "Tercer párrafo" in html
    resp = client.post(f"/consultations/{c.id}/comments", {"paragraph": "9", "body": "Texto que no se pierde.",
                                                           "suggestion": "", "organisation": ""})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "There is no paragraph 9" in page and "Texto que no se pierde." in page
    resp = client.post(f"/consultations/{c.id}/comments", {"paragraph": "3", "body": "Que informe cada trimestre.",
                                                           "suggestion": "El ministerio informa cada trimestre.",
                                                           "organisation": ""})
    assert resp.status_code == 302
    html = client.get(f"/consultations/{c.id}").get_data(as_text=True)
    para3 = html[html.index('id="p3"'):html.index('id="p4"')]
    assert "Que informe cada trimestre." in para3 and "1 comment" in para3
    assert "El ministerio informa cada trimestre." in para3


def test_the_open_form_warns_of_short_notice_and_keeps_what_was_typed(make, client):
    forum = make.forum(open_=True)
    chair = chairs(forum)["state_chair"]
    client.login(chair.email)
    assert client.get(f"/forums/{forum.id}/consultations/new").status_code == 200
    soon = (utcnow() + timedelta(days=2)).strftime("%Y-%m-%dT%H:%M")
    later = (utcnow() + timedelta(days=30)).strftime("%Y-%m-%dT%H:%M")
    data = {"title": "Borrador del plan", "draft": "document", "body": "Un párrafo.\n\nOtro párrafo.",
            "starts_at": soon, "ends_at": later, "audience": "members", "visibility": "at_close",
            "promise_level": "involve", "promise": "Trabajaremos con ustedes."}
    resp = client.post(f"/forums/{forum.id}/consultations/new", data)
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400
    assert "The notice before the start is under this forum&#39;s minimum of 14 days." in html
    assert 'id="accept_short_notice-error"' in html and "Trabajaremos con ustedes." in html
    resp = client.post(f"/forums/{forum.id}/consultations/new", {**data, "accept_short_notice": "y"})
    assert resp.status_code == 302
    c = queries.for_forum(forum)[0]
    page = client.get(f"/consultations/{c.id}").get_data(as_text=True)  # and the page says it, to everyone
    assert 'class="warning">The notice before the start is under this forum\'s minimum of 14 days.' in page
    assert (c.audience, c.visibility, c.promise_level) == ("members", "at_close", "involve")
    # The form is in Lima time (UTC-5): the stored instant is five hours later.
    assert c.starts_at == datetime.strptime(soon, "%Y-%m-%dT%H:%M") + timedelta(hours=5)


def test_long_threads_fold_and_co_chairs_can_list_what_awaits_an_answer(make, client):
    forum = make.forum(open_=True)
    author = make.user()
    c, made = closed(forum, [(author, f"Comentario número {i}.", 2) for i in range(13)] +
                     [(author, "Sobre todo el documento.", None)])
    responses.answer(chairs(forum)["state_chair"], made[0], "accepted", ANSWER)
    db.session.commit()
    html = client.get(f"/consultations/{c.id}").get_data(as_text=True)
    assert "Comentario número 9." in html and "Comentario número 10." not in html
    assert "Show 3 more comments on this paragraph" in html
    assert "Comentario número 12." in client.get(f"/consultations/{c.id}?all=2").get_data(as_text=True)
    client.login(chairs(forum)["civil_chair"].email)
    html = client.get(f"/consultations/{c.id}?unanswered=1").get_data(as_text=True)
    assert "Comentario número 0." not in html and "Comentario número 1." in html
    assert "Show every comment" in html


def test_co_chairs_hide_abuse_with_a_public_reason_and_still_answer_it(make, client):
    forum = make.forum(open_=True)
    author = make.user()
    c, (x,) = closed(forum, [(author, "Un insulto a otra participante.", 2)])
    chair = chairs(forum)["civil_chair"]
    client.login(author.email)
    resp = client.post(f"/consultations/{c.id}/comments/{x.id}/hide", {f"hide-{x.id}-reason": "Insulta."})
    assert resp.status_code == 403 and x.hidden_reason is None
    client.post("/account/logout")
    client.login(chair.email)
    resp = client.post(f"/consultations/{c.id}/comments/{x.id}/hide", {f"hide-{x.id}-reason": "Corto"})
    html = resp.get_data(as_text=True)
    assert resp.status_code == 400 and "Corto</textarea>" in html and "Write between 10 and 2000 characters." in html
    before = trail_length()
    resp = client.post(f"/consultations/{c.id}/comments/{x.id}/hide",
                       {f"hide-{x.id}-reason": "Insulta a otra participante."})
    assert resp.status_code == 302 and trail_length() == before + 1
    db.session.refresh(x)
    assert x.hidden_reason == "Insulta a otra participante."
    for url in (f"/consultations/{c.id}", f"/consultations/{c.id}/report", f"/consultations/{c.id}/report.csv"):
        text = client.get(url).get_data(as_text=True)
        assert "Un insulto" not in text and "Insulta a otra participante." in text, url
    with pytest.raises(DomainError, match="already hidden"):
        services.hide_comment(chair, x, "Otra vez el mismo motivo.")
    db.session.rollback()
    responses.answer(chair, x, "out_of_scope", ANSWER)  # still owed, and given, its response
    services.conclude(chair, c, True)
    db.session.commit()


def test_only_published_accepted_comments_shape_a_commitment(make):
    """A comment of a consultation that publishes at close cannot be linked while it is
    secret; after the close only an accepted answer lets it shape the commitment."""
    cm = commitment(make)
    chair = chairs(cm.forum)["state_chair"]
    user = make.user()
    secret = running(cm.forum, visibility="at_close")
    hidden_until_close = services.comment(user, secret, "Publiquen cada trimestre.", 2)
    db.session.commit()
    with pytest.raises(DomainError, match="not published yet") as err:
        links.link(chair, commitment_queries.version(cm), "consultation_comment", hidden_until_close.id,
                   "informed", "Se tomó en cuenta la frecuencia.")
    assert err.value.field == "source"
    db.session.rollback()
    c, (turned_down,) = closed(cm.forum, [(user, "Publiquen cada día.", 2)])
    responses.answer(chair, turned_down, "not_accepted", ANSWER)
    db.session.commit()
    before = trail_length()
    with pytest.raises(DomainError, match="whose response accepts it"):
        links.link(chair, commitment_queries.version(cm), "consultation_comment", turned_down.id,
                   "informed", "Se tomó en cuenta la frecuencia.")
    db.session.rollback()
    assert trail_length() == before


@pytest.mark.parametrize("field, value", [("paragraph", "99999999999999999999"), ("paragraph", "9223372036854775808"),
                                          ("organisation", "99999999999999999999"), ("organisation", "2147483648"),
                                          ("organisation", "999")])
def test_a_number_no_row_can_hold_is_refused_beside_its_field(make, client, field, value):
    """A forged number in the comment form: a 400 with the reason next to that field and no
    comment, never a database overflow (a 500) nor a comment quietly posted as an individual."""
    forum = make.forum(open_=True)
    c = running(forum)
    client.login(make.user(email="cso@example.org").email)
    before = trail_length()
    resp = client.post(f"/consultations/{c.id}/comments", {"paragraph": "", "organisation": "",
                                                           "body": "Texto que no se pierde.", field: value})
    page = resp.get_data(as_text=True)
    assert resp.status_code == 400 and f'id="{field}-error"' in page and "Texto que no se pierde." in page
    assert "names nothing" in page
    assert trail_length() == before and db.session.scalar(select(func.count(ConsultationComment.id))) == 0
