"""Which of the 21 pages bench/http.py walks each busy act makes stale, counted in-process
(issue 29): deterministic, no server, no quiet machine needed.

    python -m bench.busy_stale

On the demo data set (a temporary SQLite file, as `flask up` loads it), the Environment
session started with a motion open as bench/busy.py prepares it, an anonymous client views
the 21 pages so each is remembered (forum/pagecache.py); then, for each busy act recorded
through the services as bench/busy.py's writer and the sockets do, the 21 pages are asked
again and those the page cache did not answer (its X-Page-Cache header) are counted and named.
The walked proposal, consultation and session are the demo's; the acts go to the Environment
forum (forum 1): its first proposal, its open consultation, its live session.
"""
import os
import tempfile

from bench.busy import READER, SESSION, Writer
from bench.http import pages


def _acts(ids: dict, _user) -> list:
    """(label, act) in turn; each act records one busy entry through the services (`_user`:
    an account by its e-mail)."""
    from forum.consultations import services as consultations
    from forum.consultations.models import Consultation
    from forum.extensions import db
    from forum.proposals.models import Proposal
    from forum.proposals.services import comments, endorsements
    from forum.sessions import services
    from forum.sessions.models import ForumSession
    from forum.sessions.services import motions

    def s():
        return db.session.get(ForumSession, SESSION)

    def p():
        return db.session.get(Proposal, ids["acted_proposal"])
    voter, civil, citizen = "diego.ramos@redamazonica.demo", "lucia.mendoza@redamazonica.demo", "vecina@correo.demo"
    return [
        ("motion.vote", lambda: motions.vote(_user(voter), s(), ids["motion"], "yes")),
        ("session.checked_in", lambda: services.check_in(_user(civil), s(), present=True)),
        ("session.checked_out", lambda: services.check_in(_user(civil), s(), present=False)),
        ("session.hand_raised", lambda: services.raise_hand(_user(voter), s())),
        ("session.hand_lowered", lambda: services.lower_hand(_user(voter), s())),
        ("session.floor", lambda: services.give_floor(_user(READER), s())),
        ("proposal.endorsed", lambda: endorsements.endorse(_user(citizen), p())),
        ("proposal.endorsement_withdrawn", lambda: endorsements.withdraw_endorsement(_user(citizen), p())),
        ("comment.posted", lambda: comments.post(_user(citizen), p(), "Comentario de prueba.")),
        ("consultation.commented", lambda: consultations.comment(
            _user(civil), db.session.get(Consultation, ids["open_consultation"]), "Un comentario de prueba.",
            paragraph=None)),
    ]


def main():
    from flask_migrate import upgrade
    from sqlalchemy import func, select

    from forum import create_app, pagecache
    from forum.commitments.models import Commitment
    from forum.consultations.models import Consultation
    from forum.core.clock import utcnow
    from forum.demo import seed as demo
    from forum.extensions import db
    from forum.proposals.models import Proposal
    from forum.sessions.models import ForumSession

    root = tempfile.mkdtemp(prefix="traza-busy-stale-")
    app = create_app({"SQLALCHEMY_DATABASE_URI": f"sqlite:///{os.path.join(root, 'demo.db')}", "SECRET_KEY": "x",
                      "INSTANCE_PATH": root, "TRAIL_CHECKPOINT_MINUTES": 0, "PAGE_CACHE_SECONDS": 3600,
                      "RATELIMIT_ENABLED": False})
    with app.app_context():
        upgrade(directory=app.extensions["migrate"].directory)
        demo()
        db.session.commit()
    writer = Writer(app.config["SQLALCHEMY_DATABASE_URI"], root)  # the session live, a motion open
    ids = {"motion": writer.motion}
    with app.app_context():
        forum = db.session.get(ForumSession, SESSION).forum_id
        walked = {"consultation": db.session.scalar(select(func.max(Consultation.id))),
                  "proposal": db.session.scalar(select(func.max(Proposal.id)).where(Proposal.forum_id == forum)),
                  "commitment": db.session.scalar(select(func.min(Commitment.id))), "session": SESSION}
        ids["acted_proposal"] = db.session.scalar(select(func.min(Proposal.id)).where(Proposal.forum_id == forum))
        now = utcnow()
        ids["open_consultation"] = db.session.scalar(select(Consultation.id).where(
            Consultation.forum_id == forum, Consultation.starts_at <= now, Consultation.ends_at > now))
    walk = pages(walked)
    visitor = app.test_client(use_cookies=False)  # as wrk: no cookie kept
    print(f"forum {forum}; walked: {walked}; acted on proposal {ids['acted_proposal']}, session {SESSION}, "
          f"consultation {ids['open_consultation']}")
    print("| busy act | stale of 21 | share | pages rebuilt |\n|---|---|---|---|")
    for label, act in _acts(ids, writer._user):
        pagecache.clear()
        for _label, path in walk:
            assert visitor.get(path).status_code == 200, path
        missed = [path for _label, path in walk if visitor.get(path).headers.get("X-Page-Cache") != "hit"]
        assert missed == [], missed
        with writer.app.app_context():  # the requests each push their own (a shared `g` would mix pages)
            act()
            db.session.commit()
        stale = [name for name, path in walk if visitor.get(path).headers.get("X-Page-Cache") != "hit"]
        print(f"| {label} | {len(stale)} | {len(stale) / len(walk):.0%} | {'; '.join(stale)} |", flush=True)


if __name__ == "__main__":
    main()
