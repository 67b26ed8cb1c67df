from datetime import timedelta

from flask import Blueprint, Response, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import to_user_timezone, to_utc
from flask_login import login_required
from sqlalchemy import select

from .. import pageasks
from ..core.clock import utcnow
from ..core.views import actor, get_or_404, run
from ..extensions import db
from ..forums import notice_period
from ..forums.models import Forum
from ..forums.names import names_for, public_people
from ..organisations.labels import participant_labels
from ..pagecache import keyed_also
from ..trail import log_rows, versions
from ..trail.queries import filtered
from . import ical, live_page, live_parts, minutes_queries, policy, queries, services, state
from .forms import ReviewMarkForm, ScheduleForm
from .labels import client_strings, status_labels
from .models import ForumSession
from .services import review

bp = Blueprint("sessions", __name__)


@bp.get("/forums/<int:forum_id>/sessions")
def index(forum_id):
    forum = get_or_404(Forum, forum_id)
    upcoming, past = queries.upcoming_and_past(forum)
    return render_template("sessions/index.html", forum=forum, upcoming=upcoming, past=past,
                           statuses=status_labels())


@bp.route("/forums/<int:forum_id>/sessions/new", methods=["GET", "POST"])
@login_required
def new(forum_id):
    forum = get_or_404(Forum, forum_id)
    policy.may_schedule(actor(), forum).require()
    form = ScheduleForm()
    if request.method == "GET":
        # 10:00 on the day after the full notice allows
        start = to_user_timezone(notice_period.full_notice_from(forum, utcnow())).replace(
            hour=10, minute=0, second=0, microsecond=0) + timedelta(days=1)
        form.starts_at.data = start.replace(tzinfo=None)
        form.ends_at.data = (start + timedelta(hours=2)).replace(tzinfo=None)
        for _i in range(4):
            form.agenda.append_entry()
    if form.validate_on_submit():
        items = [services.ItemInput(r.form.title.data or "", r.form.subject_type.data or None, r.form.subject_id.data)
                 for r in form.agenda]
        s = run(form, review.schedule, actor(), forum, implementation_review=form.implementation_review.data,
                title=form.title.data, starts_at=to_utc(form.starts_at.data),
                ends_at=to_utc(form.ends_at.data), place=form.place.data, online_url=form.online_url.data,
                agenda=items, notice_reason=form.notice_reason.data)
        if s:
            flash(_("The session is scheduled and public with its agenda."), "success")
            return redirect(url_for("sessions.show", session_id=s.id))
    return render_template("sessions/new.html", form=form, forum=forum), 400 if form.errors else 200


def _minutes_revision(session_id) -> int | None:
    """The one thing a session page shows that is not on the trail: the minutes draft's
    revision (and the approvals of the text it has). Never the draft itself: no page carries
    it; the windows of those who may write it are sent it over the socket (`show` below)."""
    return db.session.scalar(select(ForumSession.minutes_revision).where(ForumSession.id == session_id))


@bp.get("/sessions/<int:session_id>")
@keyed_also(_minutes_revision)
def show(session_id):
    # Composed from parts kept under the versions that move them (sessions/live_page.py): a
    # vote renders the open motion's tally and its own trail row (trail/log_rows.py), not the
    # session's record nor the rows before it.
    at = live_parts.read(session_id)  # before the rows: no part is older than its versions
    s = get_or_404(ForumSession, session_id)
    activity = list(db.session.scalars(filtered(subject=("session", s.id)).limit(100)))
    kept = live_parts.parts(s, at)
    # What the page shows of its reader is asked through pageasks (forum/pageasks.py), never
    # read from actor(): one build serves every reader who answers the same. The minutes draft
    # is not in the page (it would enter a copy kept in memory): the windows of those who may
    # write it are sent it when they join the room (sessions/sockets.py `join`).
    return render_template("sessions/show.html", s=s, standing=live_page.standing(s, at, kept),
                           live_state=live_parts.as_json(kept, may=pageasks.ask(policy.may, s)),
                           rows=log_rows.rows(activity, names_for, public_people, at[versions.SITE], hide_forum=True),
                           review_form=ReviewMarkForm(implementation_review=s.implementation_review),
                           may_mark_review=pageasks.ask(policy.may_mark_review, s))


@bp.post("/sessions/<int:session_id>/implementation-review")
@login_required
def mark_review(session_id):
    s = get_or_404(ForumSession, session_id)
    policy.may_mark_review(actor(), s).require()
    form = ReviewMarkForm()
    if form.validate_on_submit() and run(form, review.mark, actor(), s, form.implementation_review.data):
        flash(_("Marked as an implementation review.") if s.implementation_review
              else _("No longer marked as an implementation review."), "success")
    for message in form.form_errors:
        flash(message, "error")
    return redirect(url_for("sessions.show", session_id=s.id))


@bp.get("/sessions/<int:session_id>.json")
@keyed_also(_minutes_revision)  # the draft is withheld, but its revision number is shown
def as_json(session_id):
    """Open data: what the live page shows, including closed roll calls; never a ballot
    of an open motion, and the minutes' text only once both co-chairs published it."""
    at = live_parts.read(session_id)
    return jsonify(live_parts.data(live_parts.parts(get_or_404(ForumSession, session_id), at)))


@bp.get("/sessions/<int:session_id>/minutes")
def minutes_page(session_id):
    s = get_or_404(ForumSession, session_id)
    return render_template("sessions/minutes.html", s=s, snapshot=state.snapshot(s),
                           approvals=minutes_queries.approvals(s), groups=participant_labels(),
                           statuses=status_labels(),
                           strings=client_strings(),
                           short=notice_period.short_notice(s.forum, s.starts_at, s.created_at))


@bp.get("/sessions/<int:session_id>/decisions")
def decisions_fragment(session_id):
    """The decisions record as an HTML fragment: live.js swaps it in when a vote closes,
    so the page and the minutes share one renderer."""
    s = get_or_404(ForumSession, session_id)
    return render_template("sessions/_decisions.html", decisions=state.decisions(s), strings=client_strings(),
                           open_roll=False)


@bp.get("/sessions/<int:session_id>.ics")
def ics(session_id):
    s = get_or_404(ForumSession, session_id)
    return _calendar([s], s.title, f"session-{s.id}.ics")


@bp.get("/forums/<int:forum_id>/sessions.ics")
def feed(forum_id):
    forum = get_or_404(Forum, forum_id)
    rows = db.session.scalars(select(ForumSession).where(ForumSession.forum_id == forum.id)
                              .order_by(ForumSession.starts_at)).all()
    return _calendar(rows, forum.title, f"forum-{forum.id}.ics", attachment=False)


def _calendar(rows, name, filename, attachment=True):
    disposition = "attachment" if attachment else "inline"
    return Response(ical.calendar(rows, utcnow(), name), mimetype="text/calendar",
                    headers={"Content-Disposition": f'{disposition}; filename="{filename}"'})


