"""The demo's minimum requirement not met: a Health forum of the same cycle whose published
calendar leaves seven months between its first session and the next, so the cycle's
requirements page shows "a forum that meets at least every six months" as not met, with the
two announcements as evidence. Its people and organisations are its own, so nothing the
other forums count changes."""
from datetime import timedelta

from ..accounts import services as accounts
from ..core import clock
from ..dashboards.requirements import add_months
from ..forums import services as forums
from ..forums.models import SeatRole
from ..organisations import services as orgs
from ..organisations.models import OrgKind
from ..sessions import services as sessions

PASSWORD = "traza-demo-2019"


def seed_meeting_gap(people, start) -> None:
    admin = people["admin"]
    with clock.frozen_at(start + timedelta(days=119, hours=23, minutes=30)):
        sides = {}
        for role, email, name, org_name, kind in (
                (SeatRole.STATE_CHAIR, "gabriela.soto@minsa.demo", "Gabriela Soto", "Ministerio de Salud",
                 OrgKind.GOVERNMENT),
                (SeatRole.CIVIL_CHAIR, "hugo.condori@forosalud.demo", "Hugo Condori", "Foro Salud Ciudadana",
                 OrgKind.CIVIL_SOCIETY)):
            person = accounts.register(email, name, PASSWORD)
            accounts.confirm_email(accounts.tokens.make_confirm_token(person))
            org = orgs.register_organisation(person, org_name, kind, None, "")
            orgs.verify_organisation(admin, org)
            sides[role] = (person, org)
        forum = forums.create_forum(
            admin, sector="Salud", cycle="2019-2021", title="Foro Multiactor de Salud",
            description="Compromisos de transparencia en compras y servicios de salud.",
            terms_of_reference="Reuniones semestrales; actas públicas.", influence_target="consult")
        for role, (person, org) in sides.items():
            forums.appoint_chair(admin, forum, role, person, org)
        chair = sides[SeatRole.STATE_CHAIR][0]
        forums.change_status(chair, forum, "open", "Ambas copresidencias designadas.")
        first = (clock.utcnow() + timedelta(days=15)).replace(hour=15, minute=0, second=0, microsecond=0)
        for at, title in ((first, "Sesión de instalación"), (add_months(first, 7), "Segunda sesión ordinaria")):
            sessions.schedule(chair, forum, title=title, starts_at=at, ends_at=at + timedelta(hours=2),
                              place="Ministerio de Salud, Lima", agenda=[sessions.ItemInput("Plan de trabajo")])
