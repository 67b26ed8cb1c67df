"""The open-data front: the Data page, the bulk archives and the Atom feeds."""
from flask import Blueprint, Response, abort, render_template, request, send_file, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from ..core.views import get_or_404
from ..forums.models import Forum
from ..pagecache import keyed_also
from . import feeds, package

bp = Blueprint("opendata", __name__)


def _archives_built() -> tuple:
    """When each archive was built and its size, as the page shows them: building one (its first
    download, or one after the record moved on) is not on the trail, so it keys the page too."""
    return tuple((a.built_at, a.size) if a else None for a in map(package.stored, package.scopes()))


@bp.get("/data")
@keyed_also(_archives_built)
def data():
    archives = [(name, package.stored(name)) for name in package.scopes()]
    forums = _forums()
    return render_template("opendata/data.html", archives=archives, forums=forums, licence=package.licence(),
                           filename=package.filename)


def _forums():
    from sqlalchemy import select

    from ..extensions import db
    return list(db.session.scalars(select(Forum).order_by(Forum.cycle.desc(), Forum.title)))


@bp.get("/data/traza-<name>.zip")
def archive(name):
    if name != package.ALL and name not in package.scopes():
        abort(404)
    built = package.current(name)
    return send_file(built.path, mimetype="application/zip", as_attachment=True,
                     download_name=package.filename(name), max_age=0, etag=True, conditional=True)


@bp.get("/feeds/atom.xml")
def platform_feed():
    return _feed(_("Traza: decisions and records"), feeds.items(), url_for("pages.home", _external=True))


@bp.get("/forums/<int:forum_id>/feed.atom")
def forum_feed(forum_id):
    f = get_or_404(Forum, forum_id)
    return _feed(f.title, feeds.items(f.id), url_for("forums.show", forum_id=f.id, _external=True))


def _feed(title, entries, page_url):
    body = feeds.atom(title, request.base_url, page_url, entries, str(get_locale() or "es"))
    resp = Response(body, mimetype="application/atom+xml")
    resp.add_etag()
    return resp.make_conditional(request)


@bp.get("/cycles/<cycle>/requirements.atom")
def requirements_feed(cycle):
    """A cycle's minimum requirements, one entry per requirement and verdict (requirement_feed.py)."""
    from ..dashboards.figures import cycle_forums
    from . import requirement_feed
    forums = cycle_forums(cycle)
    if not forums:
        abort(404)
    return _feed(_("Minimum requirements, cycle %(cycle)s", cycle=cycle), requirement_feed.items(cycle, forums),
                 url_for("requirements.cycle", cycle=cycle, _external=True))
