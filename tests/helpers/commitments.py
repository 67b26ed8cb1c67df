"""Builders shared by the commitment tests."""
from datetime import date

from forum.commitments import services
from forum.commitments.services import MilestoneInput
from forum.extensions import db
from tests.helpers.proposals import chairs

TEMPLATE = dict(title="Compras públicas abiertas", problem="Los contratos no se publican a tiempo.",
                status_quo="El SEACE publica fichas incompletas.",
                description="Publicar cada contrato en datos abiertos.",
                contribution="La ciudadanía podrá vigilar las compras.",
                ogp_relevance="Transparencia y rendición de cuentas.",
                values=["transparency"], start_date=date(2020, 1, 1), end_date=date(2021, 12, 31))


def template(forum, **overrides):
    lead = next(s.organisation for s in forum.active_seats if s.role == "state_chair")
    return {**TEMPLATE, "lead_agency_id": lead.id, **overrides}


VERIFIABLE = dict(indicator="Contratos publicados en datos abiertos", baseline_value="0 %",
                  baseline_date=date(2019, 12, 1), baseline_source="Informe del SEACE 2019", target="100 %",
                  unit="Dirección de Compras", verification="Portal de datos abiertos del OSCE")


def milestones(forum, n=1, **fields):
    """Milestones that pass the verifiability check (override any field to fail it)."""
    lead = next(s.organisation for s in forum.active_seats if s.role == "state_chair")
    return [MilestoneInput(**{"description": f"Publicar el hito número {i + 1} del compromiso",
                              "responsible_id": lead.id, "start_date": date(2020, 2, 1),
                              "end_date": date(2020, 12, 31), **VERIFIABLE, **fields}) for i in range(n)]


def commitment(make, forum=None):
    forum = forum or make.forum(open_=True)
    c = services.create(chairs(forum)["state_chair"], forum, template(forum), milestones(forum))
    db.session.commit()
    return c
