"""A forum with known answers for the voice figures, built through the real services
(tests/voice/test_voice_figures.py counts every figure of it by hand)."""
from datetime import date
from types import SimpleNamespace

from forum.commitments import queries
from forum.commitments import services as commitment_services
from forum.commitments.services import links, signoff
from forum.extensions import db
from forum.forums import services as forum_services
from forum.proposals import services as proposal_services
from forum.proposals.services import responses
from forum.voice import services
from forum.voice.services import workshops
from tests.helpers.commitments import milestones, template
from tests.helpers.proposals import REASON, TEXT, chairs
from tests.helpers.voice_sheet import sheet


def people_of(make, org, n):
    """The organisation's founder and n - 1 more approved members."""
    people = [org.memberships[0].user]
    for _i in range(n - 1):
        u = make.user()
        make.join(u, org)
        people.append(u)
    return people


def known_forum(make, b_people=4):
    """Organisation A (Lima Metropolitana, invited, 5 people, 5 proposals, 3 answered);
    B (Cusco, seat granted on request, `b_people` people, one proposal each, 1 answered);
    D (Puno, no seat) present at a workshop in Puno with 12 people, 2 inputs on paper, 1
    answered. Two commitments adopted: C1 shaped by A and by D's workshop input, C2 by B;
    a retracted link from A on C2 and a link from A on a commitment never adopted count nothing."""
    forum = make.forum(open_=True)
    ch = chairs(forum)
    state, civil = ch["state_chair"], ch["civil_chair"]
    org_a, org_b = make.org(name="Org A Lima"), make.org(name="Org B Cusco")
    org_d = make.org("academia", name="Org D Puno")
    for org, region in ((org_a, "1501"), (org_b, "08"), (org_d, "21")):
        services.set_org_region(org.memberships[0].user, org, region)
    a = people_of(make, org_a, 5)
    b = people_of(make, org_b, b_people)
    forum_services.add_member(state, forum, a[0], org_a)
    req = services.request_seat(b[0], forum, org_b, "Trabajamos en el sur andino.")
    services.grant_seat(civil, req)
    db.session.commit()

    def submit(user, org, i):
        return proposal_services.submit(user, forum, org, **{**TEXT, "title": f"Propuesta número {i} de {org.name}"})
    pa = [submit(u, org_a, i) for i, u in enumerate(a)]
    pb = [submit(u, org_b, i) for i, u in enumerate(b)]
    facilitator = make.user("Facilitadora")
    services.appoint_facilitator(state, forum, facilitator)
    w = workshops.record_workshop(facilitator, forum, place="Juliaca, local comunal", held_on=date(2019, 6, 1),
                                  region="21", attendance=12, organisations=[org_d])
    pw = [workshops.record_input(facilitator, w, org_d, title=None, text=f"Queremos el acta de cada obra número {i}.",
                                 witness="Juana Mamani", channel="paper", sheet=sheet()) for i in range(2)]
    db.session.commit()
    for p, outcome in ((pa[0], "accepted"), (pa[1], "accepted"), (pa[2], "rejected"), (pb[0], "accepted"),
                       (pw[0], "accepted")):
        responses.respond(state, p, outcome, REASON)
    db.session.commit()

    def commitment(title, linked, retracted=(), adopt=True):
        c = commitment_services.create(state, forum, template(forum, title=title), milestones(forum))
        v = queries.version(c)
        for p, how in linked:
            links.link(state, v, "proposal", p.id, how, "El texto recoge esta propuesta.")
        for p in retracted:
            links.retract(state, links.link(state, v, "proposal", p.id, "informed", "Enlace por error."),
                          "Se enlazó por error a otro compromiso.")
        if adopt:
            signoff.sign(state, v)
            signoff.sign(civil, v)
        db.session.commit()
        return c
    commitment("Compromiso uno de obras", [(pa[0], "adopted"), (pw[0], "adapted")])
    commitment("Compromiso dos del sur", [(pb[0], "adopted")], retracted=[pa[1]])
    commitment("Compromiso nunca adoptado", [(pa[1], "adopted")], adopt=False)
    return SimpleNamespace(forum=forum, state=state, civil=civil, a=a, b=b, org_b=org_b, facilitator=facilitator,
                           workshop=w)
