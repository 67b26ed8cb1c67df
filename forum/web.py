"""Wiring shared by every page: blueprints, login, error pages, security headers, footer data."""
import time

from flask import abort, current_app, g, jsonify, make_response, render_template, request
from flask_babel import lazy_gettext as _l
from flask_babel import lazy_ngettext
from flask_wtf.csrf import CSRFError
from markupsafe import Markup
from werkzeug.routing import IntegerConverter

from . import pageasks, pagenav
from .core import security_log
from .core.errors import DomainError
from .core.lookup import MAX_ID
from .extensions import db, login_manager

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
       "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors 'none'")


def init_app(app) -> None:
    from .accounts.language_routes import bp as i18n
    from .accounts.routes import bp as accounts
    from .admin.routes import bp as admin
    from .api.routes import bp as api
    from .commitments.absorbed_routes import bp as absorbed
    from .commitments.assessment_routes import bp as assessments
    from .commitments.cluster_routes import bp as clusters
    from .commitments.import_routes import bp as plan_import
    from .commitments.routes import bp as commitments
    from .consultations.routes import bp as consultations
    from .dashboards.requirement_routes import bp as requirements
    from .dashboards.routes import bp as dashboards
    from .forums.routes import bp as forums
    from .inbox.routes import bp as inbox
    from .notifications.routes import bp as notifications
    from .opendata.routes import bp as opendata
    from .organisations.routes import bp as organisations
    from .pages.routes import bp as pages
    from .plans.routes import bp as plans
    from .proposals.routes import bp as proposals
    from .sessions.routes import bp as sessions
    from .trail.routes import bp as trail
    from .uploads.routes import bp as documents
    from .voice.routes import bp as voice

    app.url_map.converters["int"] = IdConverter  # before the rules are made
    for bp in (pages, accounts, organisations, forums, proposals, commitments, assessments, consultations, sessions,
               dashboards, notifications, trail, admin, api, opendata, plan_import, inbox,
               documents, requirements, i18n, clusters, plans, absorbed, voice):
        app.register_blueprint(bp)
    from .monitoring.routes import bp as monitoring
    app.register_blueprint(monitoring)
    app.before_request(_refuse_nul)
    from .accounts.fresh import require_for_sensitive_acts
    app.before_request(require_for_sensitive_acts)

    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Please log in to continue.")
    login_manager.login_message_category = "info"
    login_manager.session_protection = "strong"
    login_manager.user_loader(_load_user)

    for code in (400, 403, 404, 405, 413):
        app.register_error_handler(code, _http_error)
    app.register_error_handler(429, _too_many)
    app.register_error_handler(CSRFError, _csrf_error)
    app.register_error_handler(DomainError, _domain_error)
    app.after_request(_security_headers)
    app.context_processor(_footer)

    from .core.markdown import render
    app.jinja_env.globals.update(can=_policies(), why_not=_why_not, personal_nav=pagenav.personal_nav,
                                  signed_in=pageasks.signed_in, is_me=pageasks.is_me)
    from .trail.labels import action_label, problem_label, subject_url
    app.jinja_env.filters["markdown"] = render
    app.jinja_env.globals.update(action_label=action_label, problem_label=problem_label,
                                  subject_url=subject_url)
    from .trail.entry_html import entry as trail_entry
    app.jinja_env.globals["trail_entry"] = trail_entry
    # What a reader may see, asked of each area's public view: no template reads
    # `hidden_reason` or `minutes_published_at` itself (tests/pages/test_public_views.py).
    from .proposals import public as moderated
    from .sessions import public as sessions_public
    app.jinja_env.globals.update(withheld=moderated.withheld, shown_title=moderated.title,
                                  minutes_published=sessions_public.published_at)


class _Asker:
    """`can.<area>.may_x(obj)` in a template asks that area's policy about the signed-in
    person: the template shows a control, or the refusal's reason, and decides nothing."""

    def __init__(self, module):
        self._module = module

    def __getattr__(self, name):
        if not name.startswith("may_"):
            raise AttributeError(name)
        fn = getattr(self._module, name)
        return lambda *args: pageasks.ask(fn, *args)  # recorded with the page being built


def _why_not(decision):
    """Where a control is missing, the policy's reason and next step, or nothing."""
    if decision is None or decision or not decision.reason:
        return ""
    return Markup('<p class="why-not muted" role="note">{}</p>').format(decision.reason)


def _policies():
    from types import SimpleNamespace

    from .commitments import absorbed_policy
    from .commitments import policy as commitments
    from .consultations import policy as consultations
    from .forums import policy as forums
    from .organisations import policy as organisations
    from .plans import policy as plans
    from .proposals import policy as proposals
    from .sessions import policy as sessions
    return SimpleNamespace(**{m.__name__.split(".")[-2]: _Asker(m) for m in (
        commitments, consultations, forums, organisations, proposals, sessions, plans)},
        absorbed=_Asker(absorbed_policy))


def _load_user(user_id: str):
    """The cookie carries id.auth_version: a changed password ends the other sessions."""
    from .accounts.models import User

    ident, _, version = user_id.partition(".")
    if not ident.isdigit() or not version.isdigit():
        return None
    user = db.session.get(User, int(ident))
    if user is None or user.auth_version != int(version) or user.suspended_at is not None:
        return None
    return user


def _wants_json() -> bool:
    return request.path.startswith("/api/") or request.accept_mimetypes.best == "application/json"


class IdConverter(IntegerConverter):
    """`<int:...>` in URLs: a number too big to be an id is a 404, not a database error."""

    def __init__(self, url_map, *args, **kwargs):
        kwargs.setdefault("max", MAX_ID)
        super().__init__(url_map, *args, **kwargs)


def _refuse_nul(_=None):
    """No text anywhere may carry a NUL character: PostgreSQL cannot store it, and no person
    types one. One check for every form field and query argument, with the reason (each
    view reads its own arguments through core.args)."""
    for values in (request.args, request.form):
        for key, value in values.items(multi=True):
            if "\x00" in key or "\x00" in value:
                abort(400, description=_l("The text sent contains a NUL character (0x00), which cannot be stored. "
                                          "Remove it and try again."))


def _http_error(err):
    if err.code == 403:
        security_log.event("refused", status=403, reason=err.description if err.description != type(err).description
                           else "")
    if _wants_json() or request.mimetype == "text/plain":  # API clients and the witness command
        return jsonify(error=err.name, message=str(err.description), field=None), err.code
    own = err.description if err.description != type(err).description else None  # ours, not werkzeug's
    if err.code == 413:  # a file sent to a view that takes one: the page names the file limit
        from .uploads.limits import too_large_page
        own = too_large_page(request.endpoint) or own
    return render_template("error.html", code=err.code, error=err, message=own), err.code


def _too_many(err):
    """A rate limit: when to try again, in words and in Retry-After (added by the limiter)."""
    from .ratelimits import limiter
    current = limiter.current_limit
    seconds = max(1, int(current.reset_at - time.time())) if current else 60
    minutes = max(1, round(seconds / 60))
    message = lazy_ngettext(
        "Too many attempts in a short time. Wait %(num)d minute and try again; nothing you sent was saved.",
        "Too many attempts in a short time. Wait %(num)d minutes and try again; nothing you sent was saved.",
        minutes) if seconds >= 60 else lazy_ngettext(
        "Too many attempts in a short time. Wait %(num)d second and try again; nothing you sent was saved.",
        "Too many attempts in a short time. Wait %(num)d seconds and try again; nothing you sent was saved.",
        seconds)
    if g.get("sessions_ended"):  # ratelimits._end_sessions: the guessing stops with the session
        message = _l("Too many wrong passwords in a short time. For your safety this account was logged out on "
                     "every device: log in again, or reset your password if you forgot it. Nothing you sent was "
                     "saved.")
    security_log.event("rate_limited", limit=current.limit if current else "", retry_after=seconds)
    if _wants_json():
        resp = jsonify(error="rate_limited", message=str(message), field=None, retry_after=seconds)
    else:
        resp = make_response(render_template("error.html", code=429, message=message))
    resp.status_code = 429
    resp.headers["Retry-After"] = str(seconds)
    return resp


def _csrf_error(err):
    """An expired or foreign form: nothing is saved, but what the person typed comes back
    on the page to copy (an hour's comment must not vanish with a stale token)."""
    security_log.event("csrf_refused")
    message = _l("The form expired or was not sent from this site. Go back, reload the page and try again.")
    if _wants_json():
        return jsonify(error="csrf", message=str(message)), 400
    from .core.forms import typed_text
    return render_template("error.html", code=400, message=message, typed=typed_text(request.form, _area())), 400


def _area() -> str:
    """The package of the view a request was for ("forum.proposals."), or "forum."."""
    view = current_app.view_functions.get(request.endpoint or "")
    return view.__module__.rsplit(".", 1)[0] + "." if view else "forum."


def _domain_error(err: DomainError):
    """A rule refusal that a view did not catch to show next to a field."""
    db.session.rollback()
    security_log.event("refused", status=err.status, reason=err.message, field=err.field)
    if _wants_json():
        return jsonify(error=type(err).__name__, message=str(err.message), field=err.field), err.status
    return render_template("error.html", code=err.status, message=err.message), err.status


def _security_headers(resp):
    resp.headers.setdefault("Content-Security-Policy", CSP)
    resp.headers.setdefault("X-Content-Type-Options", "nosniff")
    resp.headers.setdefault("Referrer-Policy", "same-origin")
    resp.headers.setdefault("X-Frame-Options", "DENY")
    return resp


def _footer() -> dict:
    from .trail.cache import head_entry

    # read already by the page cache; or once per request, not once per template a page renders
    # (the live page renders its record, its parts and its trail rows apart)
    if "trail_head" in g:
        head = g.trail_head
    elif "footer_head" in g:
        head = g.footer_head
    else:
        head = g.footer_head = head_entry()
    # The reader's counts and name are the header's, built per reader (forum/pagenav.py);
    # `current_user` is the tracked one (forum/pageasks.py): read outside it, a page is not shared.
    return {"content_license": current_app.config["CONTENT_LICENSE"], "trail_head": head,
            **pageasks.template_globals()}
