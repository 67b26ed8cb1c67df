"""The agreed plan against the adopted plan (issue 27, items 1-4), with counts written by hand:
4 agreed; kept 1, altered 1 (its description), omitted 2, added 1; published 40 days after the
agreement (late: more than 30) with a start before publication (retroactive): 6 discrepancies."""
import json
from datetime import timedelta

import pytest
from sqlalchemy import select

from forum.core.clock import frozen_at
from forum.core.errors import DomainError, PermissionDenied
from forum.extensions import db
from forum.notifications.models import Notification
from forum.plans import agreed_queries, queries
from forum.plans import services as plans
from forum.plans.models import AgreedKey, Discrepancy
from forum.plans.services import agreed
from forum.trail.models import TrailEntry
from tests.conftest import trail_length
from tests.helpers.plans import T0, agreed_forum, official_plan
from tests.helpers.proposals import chairs

REASON = "El ministerio priorizó los compromisos con presupuesto asignado para el año fiscal."
DISSENT = "La sociedad civil no aceptó retirar el compromiso acordado en el foro multiactor."


def figures(forum):
    return queries.survival(queries.cycle_plans([forum], forum.cycle))


def test_every_figure_matches_the_counts_written_by_hand(make):
    forum, made, shaper = agreed_forum(make)
    _i, _texts, found = official_plan(forum, made)
    assert sorted(d.kind for d in found) == ["added", "altered", "late", "omitted", "omitted", "retroactive"]
    altered = next(d for d in found if d.kind == "altered")
    assert altered.field_list == ["description"]
    assert next(d for d in found if d.kind == "late").days == 40
    omitted_c = next(d for d in found if d.kind == "omitted" and d.agreed_item.commitment_id == made[2].id)
    state, civil = chairs(forum)["state_chair"], chairs(forum)["civil_chair"]
    opened = found[0].opened_at
    with frozen_at(opened + timedelta(days=2)):
        plans.answer(state, altered, REASON)  # on time
    with frozen_at(opened + timedelta(days=31)):
        plans.answer(state, omitted_c, REASON)  # 1 day late
        plans.dissent(civil, omitted_c, DISSENT)
    db.session.commit()
    with frozen_at(opened + timedelta(days=45)):
        s = figures(forum)
    assert (s.agreed, s.kept, s.altered, s.omitted, s.added) == (4, 1, 1, 2, 1)
    assert (s.share_kept, s.share_adopted) == (0.25, 0.5)
    assert (s.discrepancies, s.on_time, s.late, s.waiting, s.overdue, s.dissents) == (6, 1, 1, 4, 4, 1)
    # whoever shaped the omitted commitment hears it; nobody shaped the altered one
    told = list(db.session.scalars(select(Notification).where(Notification.kind.like("plan_%"))))
    assert {(n.kind, n.proposal_id) for n in told} == {("plan_omitted", shaper.id)}
    assert json.loads(told[0].params)["commitment"] == made[2].id


def test_the_trail_holds_each_versions_hash_so_the_agreed_text_is_provable(make):
    forum, made, _p = agreed_forum(make, shaper=False)
    entry = db.session.scalar(select(TrailEntry).where(TrailEntry.action == "plan.agreed"))
    versions = json.loads(entry.payload)["versions"]
    plan = agreed_queries.latest_agreed(forum)
    assert [v["sha256"] for v in versions] == [i.sha256 for i in plan.items]
    assert [v["sha256"] for v in versions] == [agreed_queries.version_hash(i.version) for i in plan.items]
    assert len(versions) == 4 and plan.agreed_at == T0


def test_a_plan_signed_by_one_side_is_not_agreed(make):
    forum = make.forum(open_=True)
    from tests.helpers.plans import adopt
    adopt(forum, "Compras públicas abiertas")
    state, civil = chairs(forum)["state_chair"], chairs(forum)["civil_chair"]
    agreed.sign(state, forum)
    db.session.commit()
    assert agreed_queries.latest_agreed(forum) is None and agreed_queries.pending(forum) is not None
    before = trail_length()
    with pytest.raises(DomainError, match="no agreed plan"):
        plans.publish(state, forum)
    with pytest.raises(DomainError, match="already signed"):
        agreed.sign(state, forum)
    db.session.rollback()
    assert trail_length() == before
    agreed.sign(civil, forum)
    db.session.commit()
    assert agreed_queries.latest_agreed(forum) is not None
    assert db.session.query(AgreedKey).count() == 2


def test_two_agreed_commitments_never_map_to_one_adopted(make):
    forum, made, _p = agreed_forum(make, shaper=False)
    _i, texts, _found = official_plan(forum, made)
    items = {it.commitment_id: it for it in agreed_queries.latest_agreed(forum).items}
    before = trail_length()
    with pytest.raises(DomainError) as err:
        plans.match(chairs(forum)["state_chair"], forum, items[made[2].id].id, texts[0].id)
    assert err.value.field == "adopted"
    db.session.rollback()
    assert trail_length() == before


def test_only_the_state_answers_with_a_reason_and_only_members_dissent(make):
    forum, made, _p = agreed_forum(make, shaper=False)
    _i, _texts, found = official_plan(forum, made)
    d = found[0]
    state, civil = chairs(forum)["state_chair"], chairs(forum)["civil_chair"]
    stranger, _org = make.member_of("civil_society")
    before = trail_length()
    with pytest.raises(PermissionDenied):
        plans.answer(civil, d, REASON)
    with pytest.raises(DomainError) as err:
        plans.answer(state, d, "  ")
    assert err.value.field == "answer"
    with pytest.raises(PermissionDenied):
        plans.dissent(stranger, d, DISSENT)
    with pytest.raises(PermissionDenied):
        plans.dissent(state, d, DISSENT)
    db.session.rollback()
    assert trail_length() == before
    assert db.session.get(Discrepancy, d.id).answer is None


def test_the_page_shows_both_texts_the_diff_and_the_figures(make, client):
    forum, made, _p = agreed_forum(make, shaper=False)
    official_plan(forum, made)
    html = client.get(f"/cycles/{forum.cycle}/agreed-adopted").get_data(as_text=True)
    assert 'data-figure="omitted"' in html and "?kind=omitted" in html
    assert "<ins>" in html and "<del>" in html and "123-2020-PCM" in html
    assert html.count('data-kind="omitted"') == 2
    only = client.get(f"/cycles/{forum.cycle}/agreed-adopted?kind=added").get_data(as_text=True)
    assert only.count('class="discrepancy"') == 1
    glance = client.get(f"/cycles/{forum.cycle}").get_data(as_text=True)
    assert 'data-figures="agreed-adopted"' in glance
    omitted = next(d for d in db.session.scalars(select(Discrepancy)) if d.kind == "omitted")
    plans.dissent(chairs(forum)["civil_chair"], omitted, DISSENT)
    db.session.commit()
    shown = client.get(f"/commitments/{omitted.agreed_item.commitment_id}").get_data(as_text=True)
    assert 'id="official-plan-gaps"' in shown and "no aceptó retirar" in shown
    feed = client.get(f"/forums/{forum.id}/feed.atom").get_data(as_text=True)
    assert "Dissent recorded by civil society" in feed and "Discrepancy between the agreed" in feed
    archive = client.get("/api/v1/cycles/2019-2021/agreed-adopted").get_json()
    assert archive["figures"]["dissents"] == 1 and len(archive["discrepancies"]) == 6


def test_the_suggestion_pairs_the_reworded_texts_fast(make):
    forum, made, _p = agreed_forum(make, shaper=False)
    state = chairs(forum)["state_chair"]
    from forum.plans.compare import suggest
    from forum.plans.services import official
    from tests.helpers.plans import official_plan
    _i, texts, _found = official_plan(forum, made)
    extra = official.add_text(state, texts[0].instrument, forum, official.Text(
        "Registro público de beneficiarios finales", description="Publicar en datos abiertos el registro."))
    items = agreed_queries.latest_agreed(forum).items
    by_commitment = {i.commitment_id: i.id for i in items}
    found = suggest([(i.id, i.version) for i in items], [*texts, extra])
    assert found[by_commitment[made[0].id]][0] == texts[0].id
    assert found[by_commitment[made[1].id]][0] == texts[1].id
    assert found[by_commitment[made[2].id]][0] == extra.id  # "Registro de beneficiarios finales"
    import time

    from bench.plan_alignment import plans as bench_plans
    agreed_60, adopted_50 = bench_plans(60, 50)
    t = time.perf_counter()
    suggest(agreed_60, adopted_50)
    assert time.perf_counter() - t < 1.0


def test_the_answer_clock_agrees_in_python_and_sql_around_the_deadline(make):
    """plans/deadlines.py: overdue(d) and overdue_sql, days_late(d) and answered_late_sql, on the
    same rows, a microsecond either side of the deadline (core/deadlines.py's rule)."""
    from forum.plans import deadlines
    forum, made, _p = agreed_forum(make, shaper=False)
    _i, _texts, found = official_plan(forum, made)
    now = found[0].opened_at + timedelta(days=60)
    days = forum.response_deadline_days
    offsets = [timedelta(days=days, microseconds=-1), timedelta(days=days), timedelta(days=days, seconds=1),
               timedelta(days=days, seconds=1, microseconds=1), timedelta(days=days + 1)]
    for d, off in zip(found, offsets, strict=False):
        d.opened_at = now - off
    answered = found[4]  # opened D days and 1 day ago, answered now: 1 day late
    answered.answered_at, answered.answer = now, REASON
    answered.answer_seconds = deadlines.answer_seconds(answered, now)
    db.session.commit()
    python = {d.id for d in found if deadlines.overdue(d, now)}
    sql = set(db.session.scalars(select(Discrepancy.id).where(Discrepancy.forum_id == forum.id,
                                                              deadlines.overdue_sql(forum, now))))
    assert python == sql and len(python) == 3
    late_python = {d.id for d in found if deadlines.days_late(d) is not None}
    late_sql = set(db.session.scalars(select(Discrepancy.id).where(deadlines.answered_late_sql(forum))))
    assert late_python == late_sql == {answered.id}
    assert deadlines.days_late(answered) == 1 and deadlines.state(answered, now) == "late"
