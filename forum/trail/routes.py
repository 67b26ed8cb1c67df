import json
from datetime import date

from flask import Blueprint, Response, current_app, render_template, request, stream_with_context
from sqlalchemy import select

from ..core.views import get_or_404
from ..extensions import db
from ..forums.models import Forum
from ..organisations.models import Organisation
from ..pages.names import names_for
from .chain import canonical_bytes
from .export import to_json
from .models import TrailEntry
from .queries import actions, filtered, verify_database

bp = Blueprint("trail", __name__, url_prefix="/trail")


def _date(name) -> tuple[date | None, str | None]:
    raw = request.args.get(name) or ""
    if not raw:
        return None, None
    try:
        return date.fromisoformat(raw), None
    except ValueError:
        return None, raw


@bp.get("/")
def index():
    since, bad_since = _date("since")
    until, bad_until = _date("until")
    forum_id = request.args.get("forum", type=int)
    org_id = request.args.get("organisation", type=int)
    action = request.args.get("action") or None
    q = filtered(forum_id=forum_id, action=action, organisation_id=org_id, since=since, until=until)
    page = db.paginate(q, per_page=current_app.config["PAGE_SIZE"] * 2, error_out=False)
    return render_template(
        "trail/index.html", page=page, names=names_for(page.items), actions=actions(),
        forums=db.session.scalars(select(Forum).order_by(Forum.title)).all(),
        orgs=db.session.scalars(select(Organisation).order_by(Organisation.name)).all(),
        args={"forum": forum_id, "organisation": org_id, "action": action,
              "since": request.args.get("since", ""), "until": request.args.get("until", "")},
        bad_dates=[d for d in (bad_since, bad_until) if d])


@bp.get("/<int:seq>")
def entry(seq):
    e = get_or_404(TrailEntry, seq)
    return render_template("trail/entry.html", e=e, names=names_for([e]),
                           canonical=canonical_bytes(e).decode("utf-8"),
                           payload=json.loads(e.payload))


@bp.get("/verify")
def verify():
    return render_template("trail/verify.html", verdict=verify_database())


@bp.get("/export.jsonl")
def export():
    """Streams in seq order, in batches, so a long trail never sits in memory."""
    def lines():
        q = select(TrailEntry).order_by(TrailEntry.seq).execution_options(yield_per=1000)
        for e in db.session.scalars(q):
            yield json.dumps(to_json(e), ensure_ascii=False, sort_keys=True) + "\n"
    return Response(stream_with_context(lines()), mimetype="application/x-ndjson",
                    headers={"Content-Disposition": "attachment; filename=traza-trail.jsonl"})
