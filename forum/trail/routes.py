import base64
import gzip
import json
from datetime import date
from functools import cache

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    flash,
    jsonify,
    redirect,
    render_template,
    request,
    stream_with_context,
    url_for,
)
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import login_required
from markupsafe import Markup
from sqlalchemy import select

from trazalog import dist, zipapp

from ..core.args import ID, PAGE, TEXT, arg, query
from ..core.clock import utcnow
from ..core.errors import DomainError, NotFound
from ..core.forms import options
from ..core.lookup import get_optional, whole_number
from ..core.views import actor, commit, download_json, get_or_404, run
from ..extensions import csrf, db
from ..forums import policy as forums_policy
from ..forums.forms import WitnessForm
from ..forums.models import Forum
from ..forums.names import names_for, public_people
from ..forums.services import witnesses
from ..organisations.models import Organisation
from . import cache as trail_cache
from . import checkpoints, log_queries, log_rows, merkle, note, receipts, tiles, versions
from .chain import canonical_bytes
from .export import export_lines
from .models import TrailEntry, TrailWitness
from .queries import filtered
from .tree import answer

bp = Blueprint("trail", __name__, url_prefix="/trail")


@bp.after_request
def _readable_from_other_sites(resp):
    """Every public read of the log may be read by a page on another site — a verifier or a
    monitor running in someone's browser (C2SP clients fetch the checkpoint, tiles and
    bundles directly). `*` carries no credentials, so no one's session is exposed."""
    if request.method in ("GET", "HEAD"):
        resp.headers["Access-Control-Allow-Origin"] = "*"
    return resp


def _date(name) -> tuple[date | None, str | None]:
    raw = arg(name)
    if not raw:
        return None, None
    try:
        return date.fromisoformat(raw), None
    except ValueError:
        return None, raw


@bp.get("/")
@query(since=TEXT, until=TEXT, forum=ID, organisation=ID, action=TEXT, before=ID, after=ID, page=PAGE)
def index():
    """The log newest first, anchored on a seq (`before`: log_queries.py says why); a page
    number (the old links) or `after` (the link to newer entries) is sent to its anchor."""
    since, bad_since = _date("since")
    until, bad_until = _date("until")
    filters = {"forum": arg("forum"), "organisation": arg("organisation"), "action": arg("action") or None,
               "since": arg("since"), "until": arg("until")}
    q = filtered(forum_id=filters["forum"], action=filters["action"], organisation_id=filters["organisation"],
                 since=since, until=until)
    per_page = current_app.config["PAGE_SIZE"] * 2
    shown = {k: v for k, v in filters.items() if v}
    if arg("page") > 1 or arg("after") is not None:
        anchor = log_queries.anchor_of_page(q, arg("page"), per_page) if arg("page") > 1 else \
            log_queries.anchor_after(q, arg("after"), per_page)
        if anchor is None and arg("page") > 1:
            abort(404)
        return redirect(url_for("trail.index", **shown, **({"before": anchor} if anchor else {})))
    before = arg("before")
    if before is not None and before > log_queries.head_seq() + 1:
        raise NotFound(_("The trail has no entry %(seq)s yet: its newest entries are on the first page.",
                         seq=before - 1), "before")
    entries, older = log_queries.newest(q, before, per_page)
    site = versions.counters((versions.SITE,))
    return render_template(
        "trail/index.html", rows=log_rows.rows(entries, names_for, public_people, site),
        filters=_filters(filters, log_queries.actions(before), site),
        bad_dates=[d for d in (bad_since, bad_until) if d],
        newest=url_for("trail.index", **shown) if before else None,
        newer=url_for("trail.index", **shown, after=before - 1) if before and before > 1 else None,
        older=url_for("trail.index", **shown, before=older) if older else None)


def _filters(args: dict, kinds: list[str], site: str) -> Markup:
    """The filter form: its forums and organisations move with SITE, so it is kept under it
    (with the language, the kinds of entry offered and the filters asked), not rebuilt with
    every write's newest page."""
    def build() -> str:
        return render_template("trail/_filters.html", args=args, actions=kinds,
                               forums=db.session.scalars(select(Forum).order_by(Forum.title)).all(),
                               orgs=db.session.scalars(select(Organisation).order_by(Organisation.name)).all())
    key = ("trail filters", str(get_locale()), tuple(kinds), tuple(args.items()))
    return Markup(trail_cache.remembered(key, build, at=site))


@bp.get("/<int:seq>")
def entry(seq):
    e = get_or_404(TrailEntry, seq)
    return render_template("trail/entry.html", e=e, names=names_for([e]),
                           canonical=canonical_bytes(e).decode("utf-8"),
                           payload=json.loads(e.payload))


@bp.get("/<int:seq>/receipt.json")
def receipt(seq):
    return download_json(receipts.receipt(get_or_404(TrailEntry, seq)), f"traza-receipt-{seq}.json")


@bp.get("/verify")
def verify():
    latest = checkpoints.latest()
    return render_template("trail/verify.html", verdict=checkpoints.verify_recent(), checkpoint=latest,
                           key=checkpoints.log_verifier(), now=utcnow(), pyz_sha256=zipapp.digest(_pyz()),
                           wheel_name=_wheel()[0], wheel_sha256=zipapp.digest(_wheel()[1]),
                           cosignatures=checkpoints.cosignatures(latest) if latest else [])


@bp.get("/export.jsonl")
def export():
    """Streams in seq order, in batches, so a long trail never sits in memory."""
    return Response(stream_with_context(export_lines()), mimetype="application/x-ndjson",
                    headers={"Content-Disposition": "attachment; filename=traza-trail.jsonl"})


def _text(body: str, status: int = 200, max_age: int = 60) -> Response:
    return Response(body, status, mimetype="text/plain", headers={"Cache-Control": f"public, max-age={max_age}"})


def _error(reason: str, status: int = 400):
    return jsonify({"error": reason}), status


@bp.get("/checkpoint")
def checkpoint():
    """The latest signed checkpoint (C2SP tlog-checkpoint in a signed note)."""
    cp = checkpoints.latest()
    # Mutable: C2SP tlog-tiles asks that it not be cached beyond a few seconds.
    return _text(checkpoints.cosigned(cp), max_age=5) if cp else _error("no checkpoint yet", 404)


@bp.get("/checkpoints/<int:size>")
def checkpoint_at(size):
    cp = checkpoints.at_size(size)
    return _text(checkpoints.cosigned(cp)) if cp else _error(f"no checkpoint of size {size}", 404)


@bp.get("/tile/<level>/<path:index>")
def tile(level, index):
    """C2SP tlog-tiles: a Merkle tile; `.p/<W>` partial. The level is a decimal number with
    no leading zeroes: `/tile/00/000` names no tile (an immutable answer there would be
    cached for a year under a path no client should use)."""
    if not tiles.LEVEL.fullmatch(level):
        return _error("the level is a decimal number with no leading zeroes", 404)
    return _tile(lambda n, w: tiles.tile(int(level), n, w), index)


@bp.get("/tile/entries/<path:index>")
def entry_bundle(index):
    """An entry bundle, compressed for whoever accepts gzip (C2SP: bundles SHOULD be
    compressed at the HTTP layer; the Merkle tiles are hashes, which do not compress)."""
    resp = _tile(tiles.bundle, index)
    if isinstance(resp, Response) and resp.status_code == 200:
        resp.vary.add("Accept-Encoding")
        if request.accept_encodings["gzip"]:
            resp.set_data(gzip.compress(resp.get_data(), mtime=0))  # mtime 0: the same bytes every time
            resp.headers["Content-Encoding"] = "gzip"
    return resp


def _tile(make, index: str):
    path, _sep, width = index.partition(".p/")
    try:
        body = make(tiles.parse_index(path), tiles.parse_width(width if _sep else None))
    except tiles.TileError as err:
        return _error(str(err), err.status)
    return Response(body, mimetype="application/octet-stream",
                    headers={"Cache-Control": "public, max-age=31536000, immutable"})


@bp.get("/traza-verify.pyz")
def verifier_file():
    """The standalone verifier as one file (trazalog/zipapp.py): Python and `cryptography`
    are all it needs."""
    return Response(_pyz(), mimetype="application/zip",
                    headers={"Content-Disposition": "attachment; filename=traza-verify.pyz",
                             "Cache-Control": "public, max-age=3600"})


@cache
def _pyz() -> bytes:
    return zipapp.build()


@bp.get("/<name>.whl")
def log_wheel(name):
    """The log as a Python package, `traza-log` (trazalog/dist.py): `pip install` of this URL
    gives an auditor the traza-verify and traza-witness commands, with only `cryptography`."""
    file_name, data = _wheel()
    if f"{name}.whl" != file_name:
        abort(404)
    return Response(data, mimetype="application/zip",
                    headers={"Content-Disposition": f"attachment; filename={file_name}",
                             "Cache-Control": "public, max-age=3600"})


@cache
def _wheel() -> tuple[str, bytes]:
    return dist.wheel()


@bp.get("/key")
def key():
    """The log's public key as a C2SP note verifier key."""
    return _text(str(checkpoints.log_verifier()) + "\n")


def _sizes(*names):
    values = []
    for name in names:
        number = whole_number(arg(name), high=10**12 - 1)
        if number is None:
            return None, _error(f"{name}: give a whole number")
        values.append(number)
    return values, None


def _b64(h: bytes) -> str:
    return base64.b64encode(h).decode()


@bp.get("/proof/inclusion")
@query(index=TEXT, size=TEXT)
def inclusion():
    """?index=I&size=N: the audit path of entry I+1 (leaf index I) in the tree of size N."""
    (values, err) = _sizes("index", "size")
    if err:
        return err
    index, size = values
    if not 0 <= index < size <= checkpoints.size():
        return _error(f"index must be below size, and size at most {checkpoints.size()}")
    proof, leaf, root = answer(lambda node: (merkle.inclusion_proof(node, index, size), node(index, index + 1),
                                             merkle.root(node, size)))
    return jsonify({"index": index, "size": size, "leaf_hash": _b64(leaf),
                    "root": _b64(root), "proof": [_b64(p) for p in proof]})


@bp.get("/proof/consistency")
@query(old=TEXT, new=TEXT)
def consistency():
    """?old=M&new=N: proof that the tree of size N extends the tree of size M."""
    (values, err) = _sizes("old", "new")
    if err:
        return err
    old, new = values
    if not 0 < old <= new <= checkpoints.size():
        return _error(f"need 0 < old <= new <= {checkpoints.size()}")
    proof, old_root, new_root = answer(lambda node: (merkle.consistency_proof(node, old, new),
                                                     merkle.root(node, old), merkle.root(node, new)))
    return jsonify({"old": old, "new": new, "old_root": _b64(old_root), "new_root": _b64(new_root),
                    "proof": [_b64(p) for p in proof]})


@bp.post("/checkpoints/<int:size>/cosignatures")
@csrf.exempt  # authenticated by the witness's signature, not by a browser session
def cosignature(size):
    """A witness submits its cosignature line (text/plain) for the checkpoint of `size`."""
    _row, refused = commit(_cosignature, size, request.get_data(as_text=True))
    if refused is not None:
        return _error(str(refused.message))
    return jsonify({"accepted": True, "size": size}), 201


def _cosignature(size: int, line: str):
    """The checkpoint's reasons for refusing a line (a bad signature, an unknown witness) as
    the refusal `commit` rolls back on."""
    try:
        return checkpoints.accept_cosignature(size, line)
    except (note.NoteError, ValueError) as err:
        raise DomainError(str(err)) from None


@bp.get("/witnesses")
def witnesses_page(form=None, status=200):
    """The registered witnesses; the form for those who may register one."""
    user = actor()
    if forums_policy.may_register_witness(user):
        form = form or WitnessForm()
        form.organisation.choices = options((o.id, o.name) for o in witnesses.organisations_for(user))
    listed = db.session.execute(select(TrailWitness, Organisation).join(
        Organisation, Organisation.id == TrailWitness.organisation_id).order_by(TrailWitness.id)).all()
    return render_template("trail/witnesses.html", form=form, witnesses=listed,
                           log_key=checkpoints.log_verifier()), status


@bp.post("/witnesses")
@login_required
def register_witness():
    forums_policy.may_register_witness(actor()).require()
    form = WitnessForm()
    form.organisation.choices = options((o.id, o.name) for o in witnesses.organisations_for(actor()))
    if form.validate_on_submit() and run(form, witnesses.register, actor(), form.key.data,
                                         get_optional(Organisation, form.organisation.data)):
        flash(_("The witness is registered: its cosignatures are accepted from now on."), "success")
        return redirect(url_for("trail.witnesses_page"))
    return witnesses_page(form, 400)
