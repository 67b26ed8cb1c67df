from flask import Blueprint, abort, render_template
from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..accounts.models import User
from ..commitments.labels import fate_labels
from ..commitments.queries import fates
from ..core.args import TEXT, arguments, query
from ..core.views import actor, get_or_404
from ..extensions import db
from ..forums.labels import influence_labels, role_labels
from ..forums.models import Forum, ForumStatus, Seat
from ..forums.names import names_for
from ..forums.queries import cycles, seat_counts
from ..organisations.labels import kind_labels
from ..organisations.models import MemberStatus, Organisation, OrgMembership, OrgStatus
from ..proposals import public as moderated
from ..proposals.labels import group_kind, status_labels
from ..proposals.models import Proposal
from ..proposals.queries import browse
from ..trail.versions import front_news
from .policy import may_see_person

bp = Blueprint("pages", __name__)


@bp.get("/")
def home():
    """The front door: what Traza is, what is happening now, and one next step per audience."""
    from ..core.clock import utcnow
    from ..proposals.labels import outcome_labels
    from ..sessions.labels import status_labels as session_status_labels
    from .front import happening

    now = utcnow()
    forums = list(db.session.scalars(select(Forum).where(Forum.status == ForumStatus.OPEN)
                                     .order_by(Forum.cycle.desc(), Forum.sector)))
    activity = front_news(limit=6)  # none of the acts that come many a minute: trail/versions.py
    latest = db.session.scalars(browse(sort="newest").where(moderated.shown(Proposal)).limit(5)).all()
    return render_template("pages/home.html", forums=forums, counts=seat_counts([f.id for f in forums]),
                           activity=activity, names=names_for(activity), influence=influence_labels(),
                           latest=latest, statuses=status_labels(), group_kind=group_kind,
                           fates=fates(latest), fate_words=fate_labels(), now=now, happening=happening(now),
                           outcomes=outcome_labels(), session_statuses=session_status_labels())


@bp.get("/search")
@query(q=TEXT, kind=TEXT, forum=TEXT, cycle=TEXT, group=TEXT, organisation=TEXT, status=TEXT)
def find():
    """One search over every public record (pages/search.py), filters kept in the URL."""
    from ..commitments.labels import commitment_status_labels
    from ..consultations.labels import phase_labels
    from ..core.clock import utcnow
    from ..organisations.labels import participant_labels
    from ..organisations.queries import verified
    from ..sessions.labels import status_labels as session_status_labels
    from . import search

    f = search.read(arguments())
    results = search.everything(f, utcnow())
    statuses = {"proposals": status_labels(), "consultations": phase_labels(),
                "commitments": commitment_status_labels(), "sessions": session_status_labels()}
    groups = {k: v for k, v in participant_labels().items() if k in search.GROUPS}
    return render_template("pages/search.html", f=f, results=results, kinds=search_kind_labels(),
                           forums=db.session.scalars(select(Forum).order_by(Forum.cycle.desc(), Forum.title)).all(),
                           cycles=cycles(), groups=groups, organisations=verified(), statuses=statuses,
                           org_kinds=kind_labels()), 400 if f.problems else 200


def search_kind_labels() -> dict:
    return {"proposals": _l("Proposals"), "comments": _l("Consultation comments"),
            "consultations": _l("Consultations"), "commitments": _l("Commitments"),
            "organisations": _l("Organisations"), "sessions": _l("Sessions")}


@bp.get("/people/<int:user_id>")
def person(user_id):
    """Public profile: only the name and what the person does publicly for organisations."""
    user = get_or_404(User, user_id)
    if not may_see_person(actor(), user):
        abort(404)  # only registered: not named anywhere, so not shown here either
    orgs = db.session.scalars(
        select(Organisation).join(OrgMembership)
        .where(OrgMembership.user_id == user.id, OrgMembership.status == MemberStatus.APPROVED,
               Organisation.status == OrgStatus.VERIFIED).order_by(Organisation.name)).all()
    seats = db.session.scalars(select(Seat).where(Seat.user_id == user.id, Seat.ended_at.is_(None))).all()
    return render_template("pages/person.html", person=user, orgs=orgs, seats=seats,
                           kinds=kind_labels(), roles=role_labels())
