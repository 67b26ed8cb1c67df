"""A plan with known answers: four agreed commitments, an official resolution that keeps one,
rewrites one, omits two and adds one, published 40 days after the agreement with a start
before its publication."""
from datetime import date, datetime, timedelta

from forum.commitments import services
from forum.commitments.queries import version
from forum.commitments.services import links, signoff
from forum.core.clock import frozen_at
from forum.extensions import db
from forum.plans import agreed_queries
from forum.plans import services as plans
from forum.plans.services import agreed, official
from tests.helpers.commitments import milestones, template
from tests.helpers.proposals import answered, chairs

T0 = datetime(2020, 1, 10, 12, 0)
TITLES = ["Compras públicas abiertas", "Agendas de autoridades abiertas", "Registro de beneficiarios finales",
          "Presupuesto participativo en línea"]
ALTERED_DESCRIPTION = "Publicar cada contrato en datos abiertos cuando el ministerio lo considere oportuno."


def adopt(forum, title):
    state, civil = chairs(forum)["state_chair"], chairs(forum)["civil_chair"]
    c = services.create(state, forum, template(forum, title=title, description=f"Publicar en datos abiertos: {title}."),
                        milestones(forum))
    signoff.sign(state, version(c))
    signoff.sign(civil, version(c))
    return c


def agreed_forum(make, forum=None, shaper=True):
    """A forum with four adopted commitments, the third shaped by a proposal, and its agreed
    plan signed by both co-chairs at T0. Returns (forum, commitments, proposal)."""
    forum = forum or make.forum(open_=True)
    p = answered(make, forum) if shaper else None
    with frozen_at(T0 - timedelta(days=1)):
        made = [adopt(forum, t) for t in TITLES]
        if p is not None:
            links.link(chairs(forum)["state_chair"], version(made[2]), "proposal", p.id, "adopted",
                       "La propuesta es el texto del compromiso.")
    with frozen_at(T0):
        agreed.sign(chairs(forum)["state_chair"], forum)
        agreed.sign(chairs(forum)["civil_chair"], forum)
    db.session.commit()
    return forum, made, p


def official_plan(forum, made, published=T0 + timedelta(days=40)):
    """The resolution: keeps #1, alters #2's description, omits #3 and #4, adds one."""
    state = chairs(forum)["state_chair"]
    with frozen_at(published):
        i = official.record(state, forum.cycle, official.Official(
            "rm", "123-2020-PCM", "Presidencia del Consejo de Ministros", published.date(), date(2020, 1, 1),
            date(2021, 12, 31), "https://www.gob.pe/rm-123-2020-pcm"))
        texts = []
        for c, description in ((made[0], None), (made[1], ALTERED_DESCRIPTION)):
            v = version(c)
            texts.append(official.add_text(state, i, forum, official.Text(
                v.title, v.problem, v.status_quo, description or v.description, v.contribution, v.ogp_relevance,
                v.values)))
        texts.append(official.add_text(state, i, forum, official.Text(
            "Gobierno digital para todos", "Trámites lentos.", "", "Digitalizar los trámites.", "", "", "")))
        items = {it.commitment_id: it for it in agreed_queries.latest_agreed(forum).items}
        plans.match(state, forum, items[made[0].id].id, texts[0].id)
        plans.match(state, forum, items[made[1].id].id, texts[1].id)
        found = plans.publish(state, forum)
    db.session.commit()
    return i, texts, found


def permissions_world(forum, kept) -> dict:
    """For the permission matrix: forum A's agreed plan over `kept` and a second commitment,
    an official plan that rewrites `kept`, leaves the second out and adds one, the comparison
    published (so discrepancies await answers), then a third commitment adopted and a second
    adopted text recorded, so that signing, matching and publishing again are all possible."""
    state, civil = chairs(forum)["state_chair"], chairs(forum)["civil_chair"]
    second = adopt(forum, "Agendas de autoridades abiertas")
    agreed.sign(state, forum)
    agreed.sign(civil, forum)
    v = version(kept)
    i = official.record(state, forum.cycle, official.Official(
        "ds", "045-2020-PCM", "Presidencia del Consejo de Ministros", date(2020, 3, 1), date(2020, 1, 1),
        date(2021, 12, 31), "https://www.gob.pe/ds-045-2020-pcm"))
    rewritten = official.add_text(state, i, forum, official.Text(v.title, v.problem, v.status_quo,
                                                                 "Otro texto del compromiso.", v.contribution,
                                                                 v.ogp_relevance, v.values))
    added = official.add_text(state, i, forum, official.Text("Gobierno digital para todos"))
    items = {it.commitment_id: it for it in agreed_queries.latest_agreed(forum).items}
    plans.match(state, forum, items[kept.id].id, rewritten.id)
    found = plans.publish(state, forum)
    adopt(forum, "Registro de beneficiarios finales")
    official.add_text(state, i, forum, official.Text("Registro de beneficiarios finales"))
    db.session.commit()
    return dict(instrument=i.id, omitted_item=items[second.id].id, added_text=added.id,
                discrepancy=next(d.id for d in found if d.kind == "altered"))



def _forum_a(w):
    from forum.forums.models import Forum
    return db.session.get(Forum, w["a"])


def _discrepancy(w):
    from forum.plans.models import Discrepancy
    return db.session.get(Discrepancy, w["discrepancy"])


def _instrument(w):
    from forum.plans.models import Instrument
    return db.session.get(Instrument, w["instrument"])


def _policy():
    from forum.plans import policy
    return policy


# The permission matrix's predicates for the plans' actions (tests/permissions/test_permissions.py).
PREDICATES = {
    "sign agreed plan": lambda o, w, r: (_policy().may_sign_agreed, _forum_a(w)),
    "record official plan": lambda o, w, r: (_policy().may_record_instrument, "2019-2021"),
    "record adopted text": lambda o, w, r: (_policy().may_add_text, _instrument(w), _forum_a(w)),
    "match agreed to adopted": lambda o, w, r: (_policy().may_match, _forum_a(w)),
    "publish comparison": lambda o, w, r: (_policy().may_publish, _forum_a(w)),
    "answer discrepancy": lambda o, w, r: (_policy().may_answer, _discrepancy(w)),
    "record dissent": lambda o, w, r: (_policy().may_dissent, _discrepancy(w)),
}
