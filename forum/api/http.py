"""The API's HTTP manners: conditional GETs (ETag over the body, Last-Modified from the
trail), open CORS for reads (the API never looks at who asks, so no credentials are
involved), JSON errors, and a cache lifetime short enough for a live record."""
import json
from datetime import UTC, datetime

from flask import Response, request
from sqlalchemy import select
from werkzeug.wrappers import Response as BaseResponse

from ..extensions import db
from ..trail.models import TrailEntry

CORS = {
    "Access-Control-Allow-Origin": "*",
    "Access-Control-Allow-Methods": "GET, HEAD, OPTIONS",
    "Access-Control-Allow-Headers": "If-None-Match, If-Modified-Since",
    "Access-Control-Expose-Headers": "ETag, Last-Modified, Link",
    "Access-Control-Max-Age": "86400",
}


def trail_head_time() -> datetime | None:
    """Every state change writes the trail in its transaction, so the newest entry's time is
    when anything recorded last changed."""
    at = db.session.scalar(select(TrailEntry.at).order_by(TrailEntry.seq.desc()).limit(1))
    return at.replace(tzinfo=UTC) if at is not None else None


def conditional(data, modified: datetime | None) -> BaseResponse:
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    resp = Response(body, mimetype="application/json")
    resp.add_etag()
    if modified is not None:
        resp.last_modified = modified
    resp.headers["Cache-Control"] = "public, max-age=0, must-revalidate"
    if isinstance(data, dict) and data.get("next"):
        resp.headers["Link"] = f'<{data["next"]}>; rel="next"'
    return resp.make_conditional(request)


def add_cors(resp: Response) -> Response:
    resp.headers.update(CORS)
    resp.headers["Vary"] = "Accept-Language"
    return resp
