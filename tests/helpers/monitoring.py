"""Builders for the tests of civil society's part in implementation (forum/monitoring)."""
from datetime import date, datetime

from forum.commitments import queries, services
from forum.commitments.services import progress, signoff
from forum.core.clock import frozen_at
from forum.extensions import db
from forum.monitoring import services as monitoring
from tests.helpers.commitments import commitment, milestones, template
from tests.helpers.proposals import chairs

START = datetime(2026, 3, 2, 9, 0)
LINK = ("https://datos.example.gob.pe/avance", date(2026, 3, 1))  # a link and the day it was checked


def adopted(make, n_milestones=1, forum=None):
    """An adopted commitment with `n_milestones`, adopted at START."""
    with frozen_at(START):
        c = commitment(make, forum)
        state, civil = chairs(c.forum)["state_chair"], chairs(c.forum)["civil_chair"]
        if n_milestones > 1:
            services.save_version(state, c, template(c.forum, change_note="Más hitos."),
                                  milestones(c.forum, n_milestones))
        v = queries.version(c)
        signoff.sign(state, v)
        signoff.sign(civil, v)
    db.session.commit()
    return c, queries.version(c, c.adopted)


def monitored(make, n_milestones=1, forum=None):
    """An adopted commitment with a co-monitor: a member of the civil-society co-chair's
    organisation. Returns (commitment, version, co-monitor, the State co-chair)."""
    c, v = adopted(make, n_milestones, forum)
    civil = chairs(c.forum)["civil_chair"]
    org = next(s.organisation for s in c.forum.active_seats if s.role == "civil_chair")
    person = make.user()
    make.join(person, org)
    with frozen_at(START):
        monitoring.appoint(civil, c, person, org)
    db.session.commit()
    return c, v, person, chairs(c.forum)["state_chair"]


def report(who, c, milestone, at, level="limited", note="Se publicó el avance del hito."):
    with frozen_at(at):
        u = progress.report(who, c, milestone, level, note, *LINK)
    db.session.commit()
    return u
