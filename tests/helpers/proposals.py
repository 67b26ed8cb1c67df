"""Builders shared by the proposal tests."""
from forum.extensions import db
from forum.proposals import services

TEXT = dict(title="Datos abiertos de compras públicas", problem="Las compras no se publican a tiempo.",
            proposal="Publicar cada contrato en formato abierto el mismo día.",
            expected_result="Vigilancia ciudadana de las compras públicas.", values=["transparency"])
REASON = "Se acepta porque la información ya existe y solo falta publicarla en formato abierto."


def chairs(forum):
    return {s.role: s.user for s in forum.active_seats if s.is_chair}


def proposal(make, forum=None, kind="civil_society", **overrides):
    forum = forum or make.forum(open_=True)
    user, org = make.member_of(kind)
    p = services.submit(user, forum, org, **{**TEXT, **overrides})
    db.session.commit()
    return p


def answered(make, forum=None, kind="civil_society", outcome="accepted", **overrides):
    """A proposal with its reasoned response: only such an input can shape a commitment."""
    from forum.proposals.services import responses
    p = proposal(make, forum, kind, **overrides)
    responses.respond(chairs(p.forum)["state_chair"], p, outcome, REASON)
    db.session.commit()
    return p
