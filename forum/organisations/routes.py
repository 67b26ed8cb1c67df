from flask import Blueprint, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select
from sqlalchemy.orm import joinedload

from ..accounts.forms import EmptyForm
from ..core.args import TEXT, arg, query
from ..core.views import actor, get_or_404, run
from ..extensions import db
from ..forums.models import Seat
from . import policy, queries, services
from .forms import OrganisationForm
from .labels import kind_labels
from .models import MemberStatus, Organisation, OrgMembership

bp = Blueprint("organisations", __name__, url_prefix="/organisations")


@bp.get("/")
@query(q=TEXT)
def index():
    q = arg("q").strip()[:100]
    return render_template("organisations/index.html", orgs=queries.verified(q), kinds=kind_labels(), q=q)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new():
    form = OrganisationForm()
    if form.validate_on_submit():
        org = run(form, services.register_organisation, actor(), form.name.data, form.kind.data,
                  form.website.data, form.description.data)
        if org:
            flash(_("Registered. A platform administrator will verify it before you can act for it."),
                  "success")
            return redirect(url_for("organisations.show", org_id=org.id))
    return render_template("organisations/new.html", form=form), 400 if form.errors else 200


@bp.get("/<int:org_id>")
def show(org_id):
    org = get_or_404(Organisation, org_id)
    members = db.session.scalars(select(OrgMembership).options(joinedload(OrgMembership.user))
                                 .where(OrgMembership.organisation_id == org.id)
                                 .order_by(OrgMembership.created_at))
    members = list(members)
    seats = db.session.scalars(select(Seat).options(joinedload(Seat.forum), joinedload(Seat.user))
                               .where(Seat.organisation_id == org.id, Seat.ended_at.is_(None)))
    user = actor()
    mine = next((m for m in members if user is not None and m.user_id == user.id), None)
    manager = policy.may_manage(user, org)
    return render_template(
        "organisations/show.html", org=org, kinds=kind_labels(), mine=mine, manager=manager,
        approved=[m for m in members if m.status == MemberStatus.APPROVED and org.is_verified],
        pending=[m for m in members if m.status == MemberStatus.PENDING] if manager else [],
        seats=list(seats), form=EmptyForm())


@bp.post("/<int:org_id>/join")
@login_required
def join(org_id):
    org = get_or_404(Organisation, org_id)
    if EmptyForm().validate_on_submit() and run(None, services.request_membership, actor(), org):
        flash(_("Your request was sent to the organisation's admins."), "success")
    return redirect(url_for("organisations.show", org_id=org.id))


@bp.post("/<int:org_id>/members/<int:membership_id>/<any(approve, reject):decision>")
@login_required
def decide(org_id, membership_id, decision):
    membership = get_or_404(OrgMembership, membership_id)
    if membership.organisation_id != org_id:
        return render_template("error.html", code=404), 404
    if EmptyForm().validate_on_submit() and run(None, services.decide_membership, actor(),
                                                membership, decision == "approve"):
        flash(_("Decision recorded."), "success")
    return redirect(url_for("organisations.show", org_id=org_id))
