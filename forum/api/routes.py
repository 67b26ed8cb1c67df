"""/api/v1: every public record the pages show, as JSON. The views only choose rows (with
the same queries and filters as the pages) and add URLs; what may be read is decided in
forum/opendata/records.py, the shape in schemas.py. Reads never depend on who asks."""
from dataclasses import asdict

from flask import Blueprint, jsonify, render_template, request, url_for
from flask_babel import lazy_gettext as _l
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from ..commitments.models import Commitment
from ..consultations.models import Consultation
from ..core.args import ID, query
from ..core.views import get_or_404
from ..dashboards import figures
from ..extensions import csrf, db
from ..forums.models import Forum
from ..forums.queries import list_forums
from ..opendata import records
from ..organisations.models import Organisation, OrgStatus
from ..proposals.models import Proposal
from ..proposals.queries import browse, ledger_figures
from ..sessions.models import ForumSession
from ..trail import log_queries
from ..trail.models import TrailCheckpoint, TrailEntry
from ..trail.queries import filtered
from . import absorbed as absorbed_api
from . import schemas, trail_items
from .errors import ApiError, respond
from .http import add_cors, trail_head_time
from .operations import operation
from .paging import page
from .spec import build as build_spec

bp = Blueprint("api", __name__, url_prefix="/api/v1")
csrf.exempt(bp)
bp.after_request(add_cors)
bp.register_error_handler(ApiError, respond)


def _listing(rows, key: str, endpoint: str, page_endpoint: str, cursor, **page_args) -> dict:
    items = [{**r, "url": url_for(endpoint, ident=r[key], _external=True),
              "html_url": url_for(page_endpoint, **{page_args.get("page_key", "ident"): r[key]}, _external=True)}
             for r in rows]
    return {"items": items, "next": next_link(cursor), "next_cursor": cursor}


def next_link(cursor: str | None) -> str | None:
    if cursor is None:
        return None
    return url_for(request.endpoint or "api.index",
                   **{**(request.view_args or {}), **request.args.to_dict(), "cursor": cursor}, _external=True)


def _one(record: dict, endpoint: str, page_endpoint: str, page_key: str) -> dict:
    return {**record, "url": url_for(endpoint, ident=record["id"], _external=True),
            "html_url": url_for(page_endpoint, **{page_key: record["id"]}, _external=True)}


def _forum_scope(query, model, args):
    if args.get("forum"):
        query = query.where(model.forum_id == args["forum"])
    if args.get("cycle"):
        query = query.where(model.forum_id.in_(select(Forum.id).where(Forum.cycle == args["cycle"])))
    return query


@bp.get("/")
def index():
    """Where everything is."""
    names = ("cycles", "forums", "organisations", "proposals", "consultations", "commitments", "sessions",
             "trail", "checkpoints")
    return add_cors(jsonify({**{n: url_for(f"api.{n}", _external=True) for n in names},
                             "openapi": url_for("api.openapi", _external=True),
                             "documentation": url_for("api.docs", _external=True)}))


# --- cycles and figures -------------------------------------------------------------------

@operation(bp, "/cycles", schemas.page_of(schemas.CycleSchema), tag="forums", summary="Action-plan cycles")
def cycles():
    """Every cycle that has a forum, newest first, with the number of forums."""
    rows = db.session.execute(select(Forum.cycle, func.count()).group_by(Forum.cycle).order_by(Forum.cycle.desc()))
    items = [{"id": cycle, "forums_count": n, "url": url_for("api.cycle_figures", cycle=cycle, _external=True),
              "figures_url": url_for("api.cycle_figures", cycle=cycle, _external=True)} for cycle, n in rows]
    return {"items": items, "next": None, "next_cursor": None}, trail_head_time()


@operation(bp, "/cycles/<cycle>/figures", schemas.CycleFiguresSchema, tag="figures", summary="A cycle's figures")
def cycle_figures(cycle):
    """The cycle's dashboard figures (IRM-style figures, IAP2 level with the figures used)."""
    forums = figures.cycle_forums(cycle)
    if not forums:
        raise ApiError(404, "not_found", "No forum belongs to this cycle.", field="cycle")
    glance = figures.for_forums(forums)
    return {"cycle": cycle, "forums": [{"id": f.id, "title": f.title} for f in forums], "glance": asdict(glance),
            "html_url": url_for("dashboards.cycle", cycle=cycle, _external=True)}, trail_head_time()


# --- forums and organisations -------------------------------------------------------------

@operation(bp, "/forums", schemas.page_of(schemas.ForumSchema), tag="forums", summary="Forums",
           args=schemas.ForumArgsSchema)
def forums(args):
    """Sectoral forums, filtered like the forums page."""
    rows, cursor = page(list_forums(sector=args["sector"], cycle=args["cycle"], status=args["status"]),
                         Forum.id, args)
    return _listing(records.forums(rows), "id", "api.forum", "forums.show", cursor, page_key="forum_id"), \
        trail_head_time()


@operation(bp, "/forums/<int:ident>", schemas.ForumDetailSchema, tag="forums",
           summary="A forum, its co-chairs and members")
def forum(ident):
    """Co-chairs and members are people in a public role: their names are published."""
    return _one(records.forum_detail(get_or_404(Forum, ident)), "api.forum", "forums.show", "forum_id"), \
        trail_head_time()


@operation(bp, "/forums/<int:ident>/figures", schemas.ForumFiguresSchema, tag="figures", summary="A forum's figures")
def forum_figures(ident):
    """The response ledger and the dashboard's figures, counted as the pages count them."""
    f = get_or_404(Forum, ident)
    return {"forum": {"id": f.id, "title": f.title}, "ledger": asdict(ledger_figures(f)),
            "glance": asdict(figures.for_forums([f])),
            "html_url": url_for("dashboards.forum", forum_id=f.id, _external=True)}, trail_head_time()


@operation(bp, "/organisations", schemas.page_of(schemas.OrganisationSchema), tag="organisations",
           summary="Verified organisations", args=schemas.OrganisationArgsSchema)
def organisations(args):
    """The organisations the platform verified (as the organisations page lists them)."""
    query = select(Organisation).where(Organisation.status == OrgStatus.VERIFIED)
    if args["kind"]:
        query = query.where(Organisation.kind == args["kind"])
    rows, cursor = page(query, Organisation.id, args)
    return _listing(records.organisations(rows), "id", "api.organisation", "organisations.show", cursor,
                    page_key="org_id"), trail_head_time()


@operation(bp, "/organisations/<int:ident>", schemas.OrganisationSchema, tag="organisations", summary="An organisation")
def organisation(ident):
    """Any organisation a record names, whatever its verification status."""
    return _one(records.organisations([get_or_404(Organisation, ident)])[0], "api.organisation",
                "organisations.show", "org_id"), trail_head_time()


# --- proposals ----------------------------------------------------------------------------

@operation(bp, "/proposals", schemas.page_of(schemas.ProposalSchema), tag="proposals", summary="Proposals",
           args=schemas.ProposalArgsSchema)
def proposals(args):
    """Inputs from civil society and citizens, with their status and fate, filtered like the
    proposals page (hidden texts are neither shown nor searched)."""
    query = browse(forum_id=args["forum"], status=args["status"], group=args["group"],
                   organisation_id=args["organisation"], value=args["value"], q=args["q"], cycle=args["cycle"],
                   stage=args["stage"])
    rows, cursor = page(query, Proposal.id, args)
    return _listing(records.proposals(rows), "id", "api.proposal", "proposals.show", cursor,
                    page_key="proposal_id"), trail_head_time()


@operation(bp, "/proposals/<int:ident>", schemas.ProposalDetailSchema, tag="proposals",
           summary="A proposal, its versions and reasoned responses")
def proposal(ident):
    """Every revision of the official response, with its mandatory reason."""
    p = db.session.scalar(select(Proposal).options(joinedload(Proposal.organisation), joinedload(Proposal.forum))
                          .where(Proposal.id == ident))
    if p is None:
        raise ApiError(404, "not_found", "No proposal has this number.")
    return _one(records.proposal_detail(p), "api.proposal", "proposals.show", "proposal_id"), trail_head_time()


# --- consultations (their phase moves with the clock: no Last-Modified) -------------------

@operation(bp, "/consultations", schemas.page_of(schemas.ConsultationSchema), tag="consultations",
           summary="Consultations",
           args=schemas.ForumScopedSchema)
def consultations(args):
    """Calls for comments on a draft, with their phase and the forum's promise."""
    query = _forum_scope(select(Consultation).options(joinedload(Consultation.forum)), Consultation, args)
    rows, cursor = page(query, Consultation.id, args)
    return _listing(records.consultations(rows), "id", "api.consultation", "consultations.show", cursor,
                    page_key="consultation_id")


@operation(bp, "/consultations/<int:ident>", schemas.ConsultationDetailSchema, tag="consultations",
           summary="A consultation: paragraphs, published comments and their responses")
def consultation(ident):
    """Comments appear once the consultation publishes them, as on its page."""
    return _one(records.consultation_detail(get_or_404(Consultation, ident)), "api.consultation",
                "consultations.show", "consultation_id")


# --- commitments --------------------------------------------------------------------------

@operation(bp, "/commitments", schemas.page_of(schemas.CommitmentSchema), tag="commitments", summary="Commitments",
           args=schemas.ForumScopedSchema)
def commitments(args):
    """Draft and adopted commitments with their newest version's title and the assessment in force."""
    query = _forum_scope(select(Commitment).options(joinedload(Commitment.forum)), Commitment, args)
    rows, cursor = page(query, Commitment.id, args)
    return _listing(records.commitments(rows), "id", "api.commitment", "commitments.show", cursor,
                    page_key="commitment_id"), trail_head_time()


@operation(bp, "/commitments/<int:ident>", schemas.CommitmentDetailSchema, tag="commitments",
           summary="A commitment: versions, milestones, sign-offs, influence links, progress, assessments")
def commitment(ident):
    """Which inputs shaped which version and how, who signed it off, and how it is going."""
    return _one(records.commitment_detail(get_or_404(Commitment, ident)), "api.commitment", "commitments.show",
                "commitment_id"), trail_head_time()


# --- sessions -----------------------------------------------------------------------------

@operation(bp, "/sessions", schemas.page_of(schemas.SessionSchema), tag="sessions",
           summary="Forum sessions (Popolo events)",
           args=schemas.ForumScopedSchema)
def sessions(args):
    """Meetings of the forums, as Popolo events."""
    query = _forum_scope(select(ForumSession).options(joinedload(ForumSession.forum)), ForumSession, args)
    rows, cursor = page(query, ForumSession.id, args)
    return _listing(records.sessions(rows), "id", "api.session", "sessions.show", cursor,
                    page_key="session_id"), trail_head_time()


@operation(bp, "/sessions/<int:ident>", schemas.SessionDetailSchema, tag="sessions",
           summary="A session: agenda, attendance, motions and vote events (Popolo), approved minutes")
def session(ident):
    """Counts and roll calls once a motion is closed; the minutes once both co-chairs approved them."""
    return _one(records.session_detail(get_or_404(ForumSession, ident)), "api.session", "sessions.show",
                "session_id"), trail_head_time()


# --- the trail ----------------------------------------------------------------------------

@operation(bp, "/trail", schemas.page_of(schemas.TrailEntrySchema), tag="trail", summary="Trail entries, oldest first",
           args=schemas.TrailArgsSchema)
@query(before=ID)  # read by its schema; declared too, as the page cache asks whether it is anchored
def trail(args):
    """Every recorded decision and state change with its chain hashes; check them with traza-verify.
    With `before`, the list is anchored: every page of it, and its next links, stay the same."""
    q = filtered(forum_id=args["forum"], action=args["action"], organisation_id=args["organisation"],
                 since=args["since"], until=args["until"])
    if args["before"] is not None:
        if args["before"] > log_queries.head_seq() + 1:
            raise ApiError(400, "no_such_entry", _l("The trail has no entry %(seq)s yet: anchor the list on a seq "
                                                    "it has, or leave “before” out.", seq=args["before"] - 1),
                           field="before")
        q = q.where(TrailEntry.seq < args["before"])
    rows, cursor = page(q, TrailEntry.seq, args)
    return {"items": trail_items.items(rows), "next": next_link(cursor), "next_cursor": cursor}, trail_head_time()


@operation(bp, "/trail/<int:ident>", schemas.TrailEntrySchema, tag="trail", summary="One trail entry")
def trail_entry(ident):
    """An entry exactly as hashed, with the names its ids stand for."""
    record = records.trail_entries([get_or_404(TrailEntry, ident)])[0]
    return {**record, "url": url_for("api.trail_entry", ident=ident, _external=True)}, trail_head_time()


@operation(bp, "/trail/checkpoints", schemas.page_of(schemas.CheckpointSchema), tag="trail",
           summary="Signed checkpoints with their witnesses' cosignatures", args=schemas.PagingSchema)
def checkpoints(args):
    """C2SP signed notes over the Merkle tree of the trail, oldest first."""
    rows, cursor = page(select(TrailCheckpoint), TrailCheckpoint.id, args)
    return {"items": records.checkpoints(rows), "next": next_link(cursor), "next_cursor": cursor}, trail_head_time()


# --- the description ----------------------------------------------------------------------

absorbed_api.register(bp)  # issue 28: /forums/<id>/absorbed, /commitments/<id>/absorbed


@bp.get("/openapi.json")
def openapi():
    return add_cors(jsonify(build_spec()))


@bp.get("/docs")
def docs():
    return render_template("api/docs.html", spec=build_spec())
from . import clusters as _clusters  # noqa: E402,F401  (issue 28: its operation joins this blueprint)
from . import plans as _plans  # noqa: E402,F401  (registers its operation on bp)
from . import requirements as _requirements  # noqa: E402,F401  (its operations join this blueprint)
from . import voice as _voice  # noqa: E402,F401  (its operations join this blueprint)
