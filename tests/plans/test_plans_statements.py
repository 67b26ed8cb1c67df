"""The agreed-and-adopted pages cost a fixed number of SQL statements whatever the size of the
plans: counted on a small plan, then on one three times larger with more texts, matches,
discrepancies, answers and dissents (as a visitor, the State co-chair who answers and the
civil-society co-chair who dissents)."""
from datetime import date

import pytest

from forum import pagecache
from forum.extensions import db
from forum.forums import services as forums
from forum.plans import agreed_queries
from forum.plans import services as plans
from forum.plans.services import agreed, official
from forum.trail import cache
from tests.helpers.plans import adopt
from tests.helpers.proposals import chairs

REASON = "El ministerio priorizó los compromisos con presupuesto asignado para el año fiscal."


def grow(make, forum, n):
    """n more commitments agreed; each adopted with other words; dissents from members."""
    state, civil = chairs(forum)["state_chair"], chairs(forum)["civil_chair"]
    made = [adopt(forum, f"Compromiso de prueba número {i} {forum.id}") for i in range(n)]
    agreed.sign(state, forum)
    agreed.sign(civil, forum)
    i = official.record(state, forum.cycle, official.Official(
        "rm", f"{n}-2020-PCM", "PCM", date(2020, 3, 1), date(2020, 1, 1),
        date(2021, 12, 31), "https://www.gob.pe/rm"))
    items = {it.commitment_id: it for it in agreed_queries.latest_agreed(forum).items}
    for c in made[: n // 2]:
        t = official.add_text(state, i, forum, official.Text(f"Otro título {c.id}", description="Otro texto."))
        plans.match(state, forum, items[c.id].id, t.id)
    official.add_text(state, i, forum, official.Text(f"Añadido {n}"))
    found = plans.publish(state, forum)
    member, org = make.member_of("civil_society")
    forums.add_member(state, forum, member, org)
    for d in found[::2]:
        plans.answer(state, d, REASON)
        plans.dissent(civil, d, "La sociedad civil no acepta este cambio del plan que el foro acordó.")
        plans.dissent(member, d, "Nuestra organización no acepta este cambio del plan que el foro acordó.")
    db.session.commit()


def counts(client, count_queries, paths):
    out = {}
    for path in paths:
        cache.clear()
        pagecache.clear()
        with count_queries() as q:
            assert client.get(path).status_code == 200, path
        out[path] = q.n
    return out


@pytest.mark.parametrize("who", ["visitor", "state_chair", "civil_chair"])
def test_the_plans_pages_cost_the_same_statements_at_any_size(make, new_client, count_queries, who):
    forum = make.forum(open_=True)
    other = make.forum(open_=True)
    grow(make, forum, 2)
    grow(make, other, 2)
    client = new_client()
    if who != "visitor":
        client.login(chairs(forum)[who].email)
    paths = [f"/cycles/{forum.cycle}/agreed-adopted", f"/cycles/{forum.cycle}/agreed-adopted?kind=omitted",
             f"/cycles/{forum.cycle}", f"/api/v1/cycles/{forum.cycle}/agreed-adopted"]
    if who != "visitor":
        paths.append("/inbox")
    before = counts(client, count_queries, paths)
    grow(make, forum, 6)
    grow(make, other, 6)
    after = counts(client, count_queries, paths)
    grew = [f"{p}: {before[p]} → {after[p]}" for p in paths if after[p] > before[p]]
    assert grew == [], "pages whose statement count grows with the plans:\n" + "\n".join(grew)
