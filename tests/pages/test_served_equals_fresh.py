"""Served equals fresh (issue 29, "Must not break"): every page of the URL map the demo reaches,
read by readers of every role in turn — so a copy one of them warmed is offered to the others —
with the page cache on, after each kind of act the app records; each body served is compared
with the page a fresh build gives that reader (the page cache off and every memo forgotten),
less only the CSRF token and the other per-request parts (tests/helpers/served.py). A
difference is a stale page, another reader's controls, names or counts, or a sealed or hidden
thing in a shared copy; the failure names the page, the reader and the act.

The pages are not a hand list: each GET endpoint of the URL map, its path arguments filled with
the demo's ids (the first address that answers a co-chair, as tests/permissions/test_sealed.py
walks them), and the address of each subject an act touches. The acts are the kinds the trail
records, done through the services on the demo's own people. SQLite only, as the neighbouring
page-cache tests are (test_page_versions_matrix, test_busy_versions): what a page is keyed on is
the same on both databases, and the two-process tests hold read-after-write on both."""
import itertools
from datetime import timedelta

import pytest
from sqlalchemy import select

from forum.accounts.models import User
from forum.commitments import services as commitments
from forum.commitments.models import Commitment
from forum.commitments.queries import version
from forum.commitments.services import links
from forum.consultations import services as consultations
from forum.consultations.models import Consultation
from forum.core.clock import frozen_at
from forum.extensions import db
from forum.forums import services as forums
from forum.forums.models import Forum
from forum.notifications.services import mark_all_read
from forum.organisations.models import Organisation
from forum.proposals import services as proposals
from forum.proposals.models import Comment, Proposal
from forum.proposals.services import comments, endorsements, moderation, responses
from forum.sessions import quorum_queries
from forum.sessions import services as sessions
from forum.sessions.models import ForumSession
from forum.sessions.services import minutes, motions
from tests.helpers.commitments import milestones, template
from tests.helpers.live import waive_quorum
from tests.helpers.proposals import REASON, TEXT
from tests.helpers.served import difference, normal, nothing_remembered
from tests.worlds import demo

PASSWORD = "traza-demo-2019"
READERS = {"anonymous": None, "registered": "vecina@correo.demo", "cso_member": "martin.rojas@ciudadanosjusticia.demo",
           "forum_member": "diego.ramos@redamazonica.demo", "state_chair": "rosa.quispe@minam.demo",
           "civil_chair": "lucia.mendoza@redamazonica.demo", "admin": "admin@traza.demo",
           "other_forum_member": "luis.huaman@minedu.demo"}
NOT_IDS = {"cycle": "2019-2021", "token": "x", "sha256": "0" * 64, "level": "0", "index": "000", "name": "all"}
KINDS = ("text/html", "application/json")  # what the page cache keeps


@pytest.fixture
def seed():
    return demo


@pytest.fixture(params=["sqlite"])
def database_kind(request):
    return request.param


def person(email: str) -> User:
    return db.session.scalar(select(User).where(User.email == email))


def organisation(name: str) -> Organisation:
    return db.session.scalar(select(Organisation).where(Organisation.name == name))


class World:
    """The demo's people and the subjects the acts touch, with the upcoming session of the
    Environment forum started on time, its members checked in and a motion open."""

    def __init__(self):
        self.env = db.session.scalar(select(Forum).where(Forum.title == "Foro Multiactor de Ambiente"))
        self.edu = db.session.scalar(select(Forum).where(Forum.title == "Foro Multiactor de Educación"))
        self.people = {key: person(email) for key, email in READERS.items() if email}
        for key, email in (("obs", "elena.chavez@observatorio.demo"), ("uni", "raul.paredes@iea.demo"),
                           ("minam2", "jorge.salas@minam.demo"), ("camara", "patricia.gomez@camarasostenible.demo"),
                           ("pcm", "pedro.villanueva@pcm.demo"), ("educa", "sofia.vargas@educacionabierta.demo")):
            self.people[key] = person(email)
        self.session = db.session.scalar(select(ForumSession).where(
            ForumSession.forum_id == self.env.id, ForumSession.status == "scheduled").order_by(ForumSession.starts_at))
        waiting = list(db.session.scalars(select(Proposal).where(
            Proposal.forum_id == self.env.id, Proposal.status == "awaiting").order_by(Proposal.id)))
        self.discussed, self.answered = waiting[0], waiting[1]  # the member's own, and another's
        self.consultation = db.session.scalar(select(Consultation).where(
            Consultation.forum_id == self.env.id).order_by(Consultation.ends_at.desc()))  # the one running
        self.commitment = db.session.scalar(select(Commitment).where(
            Commitment.forum_id == self.env.id).order_by(Commitment.id.desc()))
        self.comment: Comment | None = None

    def start(self):
        chair = self.people["civil_chair"]
        sessions.start(chair, self.session)
        for key in ("forum_member", "obs", "uni", "minam2"):
            sessions.check_in(self.people[key], self.session)
        if not quorum_queries.figures(self.session)["met"]:
            waive_quorum(self.env, self.session)
        self.motion = motions.open_motion(chair, self.session, "Pedir un hito de verificación ciudadana")
        db.session.commit()


def _comment(w: World) -> None:
    w.comment = comments.post(w.people["registered"], w.discussed, "Que la información llegue también en quechua.")


def _minutes_approved(w: World) -> None:
    chair = w.people["civil_chair"]
    minutes.save(chair, w.session, "Acta de la sesión: se votó pedir un hito de verificación ciudadana.")
    motions.close_motion(chair, w.session, w.motion.id)
    sessions.end(chair, w.session)
    minutes.approve(chair, w.session)


def _new_version(w: World) -> None:
    commitments.save_version(w.people["state_chair"], w.commitment, template(
        w.env, title="Concesiones forestales abiertas", change_note="Un segundo hito de publicación."),
        milestones(w.env, 2))


# What the trail records, one act of each kind, in an order the story allows, each by the demo's
# own people through the services: those of a live session (run while it is live), and the
# record's; two tests, each from the demo as it was, so the suite's two workers share them.
LIVE = {
    "check-in": lambda w: sessions.check_in(w.people["camara"], w.session),
    "hand": lambda w: sessions.raise_hand(w.people["forum_member"], w.session),
    "floor": lambda w: sessions.give_floor(w.people["civil_chair"], w.session),
    "vote": lambda w: motions.vote(w.people["forum_member"], w.session, w.motion.id, "yes"),
    "minutes approved by one side": _minutes_approved,
    "minutes published": lambda w: minutes.approve(w.people["state_chair"], w.session),
    "seat change": lambda w: forums.add_member(w.people["state_chair"], w.env, w.people["pcm"],
                                               organisation("Secretaría de Gobierno y Transformación Digital (PCM)")),
    "the reader's own role": lambda w: forums.add_member(w.people["state_chair"], w.env, w.people["cso_member"],
                                                        organisation("Asociación Ciudadanos por la Justicia")),
    "notifications read": lambda w: mark_all_read(w.people["forum_member"]),
}
RECORD = {
    "endorsement": lambda w: endorsements.endorse(w.people["cso_member"], w.discussed,
                                                  organisation("Asociación Ciudadanos por la Justicia"), notify=True),
    "proposal comment": _comment,
    "consultation comment": lambda w: consultations.comment(
        w.people["cso_member"], w.consultation, "Que el registro muestre cada concesión con su mapa.", 1,
        organisation=organisation("Asociación Ciudadanos por la Justicia")),
    "response": lambda w: responses.respond(w.people["civil_chair"], w.answered, "accepted", REASON),
    "commitment version": _new_version,
    "influence link": lambda w: links.link(w.people["state_chair"], version(w.commitment), "proposal", w.answered.id,
                                           "informed", "La propuesta aceptada sirvió de antecedente."),
    "hide": lambda w: moderation.hide_comment(w.people["civil_chair"], w.comment,
                                              "Contiene datos personales de una tercera persona."),
    "a proposal in another forum": lambda w: proposals.submit(
        w.people["educa"], w.edu, organisation("Colectivo Educación Abierta"), **TEXT),
}


# The page where each act shows, read by every reader right after it (besides the walk's two).
SHOWN_ON = {**dict.fromkeys(("check-in", "hand", "floor", "vote", "minutes approved by one side", "minutes published"),
                            lambda w: f"/sessions/{w.session.id}"),
            **dict.fromkeys(("seat change", "the reader's own role"), lambda w: f"/forums/{w.env.id}"),
            "notifications read": lambda w: "/notifications/",
            **dict.fromkeys(("endorsement", "proposal comment", "hide"), lambda w: f"/proposals/{w.discussed.id}"),
            "consultation comment": lambda w: f"/consultations/{w.consultation.id}",
            "response": lambda w: f"/proposals/{w.answered.id}",
            **dict.fromkeys(("commitment version", "influence link"), lambda w: f"/commitments/{w.commitment.id}"),
            "a proposal in another forum": lambda w: f"/forums/{w.edu.id}/proposals"}


def addresses(app, client, w: World) -> list[str]:
    """One address per GET endpoint of the URL map (its path arguments filled with the demo's ids:
    the first that answers 200 with a page the page cache may keep), and each endpoint's address
    for the subjects the acts touch."""
    subjects = {"forum_id": [w.env.id, w.edu.id], "session_id": [w.session.id], "consultation_id": [w.consultation.id],
                "commitment_id": [w.commitment.id], "proposal_id": [w.discussed.id, w.answered.id]}

    def kept(url: str) -> bool:
        resp = client.get(url)
        resp.close()  # a download streams from a file
        return resp.status_code == 200 and resp.mimetype in KINDS

    out: list[str] = []
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or rule.endpoint == "static":
            continue
        names = sorted(rule.arguments)
        ids = [[NOT_IDS[n]] if n in NOT_IDS else [1, 2, 3] for n in names]
        about = [[NOT_IDS[n]] if n in NOT_IDS else subjects.get(n, []) for n in names]
        first = next((url for values in itertools.product(*ids)
                      if kept(url := rule.build(dict(zip(names, values, strict=True)), append_unknown=False)[1])), None)
        out += [first] if first else []
        if set(names) & set(subjects):
            out += [url for values in itertools.product(*about)
                    if (url := rule.build(dict(zip(names, values, strict=True)), append_unknown=False)[1]) not in out
                    and kept(url)]
    return out


def read(client, url: str) -> tuple[int, str]:
    """(status, the page less its per-request parts); a redirect followed as a browser would, so
    the message it leaves for the next page (log in to continue) is not carried to another."""
    resp = client.get(url)
    if resp.status_code in (301, 302, 303):
        client.get(resp.headers["Location"])
    return resp.status_code, normal(resp.get_data(as_text=True))


def _served_equals_fresh(app, new_client, acts: dict) -> None:
    at = db.session.scalar(select(ForumSession.starts_at).where(ForumSession.status == "scheduled")
                           .order_by(ForumSession.starts_at))
    with frozen_at(at + timedelta(minutes=5)):  # the session's start, one instant for every build
        w = World()
        w.start()
        readers = {}
        for role, email in READERS.items():
            readers[role] = new_client()
            if email:
                readers[role].login(email, PASSWORD)
        pages = addresses(app, readers["civil_chair"], w)
        assert len(pages) > 100, pages
        roles = list(readers)
        wrong = []
        for i, (act, do) in enumerate([("nothing", None), *acts.items()]):
            if do is not None:
                do(w)
                db.session.commit()
            # Each page read by two readers per act, one of them again at the next act with the next
            # reader: a reader's own copy is offered again after the act (stale?), a copy one reader
            # warmed is offered to another (theirs?), and every page is read by every reader in turn.
            served = {(url, role): read(readers[role], url) for j, url in enumerate(pages)
                      for role in (roles[(i + j) % len(roles)], roles[(i + j + 1) % len(roles)])}
            if act in SHOWN_ON:
                shown = SHOWN_ON[act](w)
                served.update({(shown, role): read(readers[role], shown) for role in roles})
            with nothing_remembered(app):
                for (url, role), (status, body) in served.items():
                    built = read(readers[role], url)
                    if built != (status, body):
                        wrong.append(f"after {act}, {role} was served {url}: {status}, {difference(built[1], body)}")
    assert wrong == [], "\n".join(wrong)


def test_after_each_live_act_every_reader_is_served_the_fresh_page(ctx, new_client):
    _served_equals_fresh(ctx, new_client, LIVE)


def test_after_each_act_on_the_record_every_reader_is_served_the_fresh_page(ctx, new_client):
    _served_equals_fresh(ctx, new_client, RECORD)
