"""The live session page composed from parts kept under the versions that move them (issue 29).

While a session is live, votes, check-ins and hands come several a second and each made the
whole page stale, in every process: its agenda, decisions with their roll calls, controls and
minutes' place rendered again, every part of the live state queried again, for an act that
moved one part. Now the page is its record (templates/sessions/_standing.html), the live
state as JSON (sessions/live_parts.py, each part kept under its own version), the
implementation-review mark and the trail list; a vote renders none of the record again,
builds the open motion's tally and the trail's new line, and reuses the rest.

The record is kept per version of the session's record and SITE (trail/versions.py: a live
act moves neither), the language and time zone, and what it shows of its reader — whether
they chair, sit in the forum, write the minutes, may take part (and why not): those answers
are asked by the page (so a page remembered for one reader is served only to readers who
answer the same, forum/pageasks.py) and name the copy, and whatever else the record asked
while built is kept with it and asked again of each reader (`pageasks.watched`/`reused`),
as consultations/comment_list.py does. The review mark's form carries the reader's CSRF
token: it is rendered for each build, never kept here.
"""
from typing import NamedTuple

from flask import render_template
from flask_babel import get_locale, get_timezone
from markupsafe import Markup

from .. import pageasks
from ..forums import notice_period
from ..forums import policy as forums_policy
from ..forums.queries import seats_known
from ..trail import cache
from . import live_parts, minutes_queries, policy
from .labels import client_strings, status_labels, subject_labels
from .models import ForumSession

CUT = "<!--review-->"  # where the page puts the review mark and the live state


class Standing(NamedTuple):
    """The record, in two pieces around the CUT."""

    top: Markup
    rest: Markup


def standing(s: ForumSession, at: dict[str, str], kept: dict[str, tuple]) -> Standing:
    """The page's record for this reader, rendered only when the session's record (or SITE)
    moved or no reader with these answers read it yet. `kept`: the live state's parts
    (live_parts.parts), whose decisions and members (not their presence) it shows."""
    reader = {"chair": pageasks.ask(policy.may_chair, s), "member": pageasks.ask(forums_policy.is_member, s.forum),
              "writer": pageasks.ask(policy.may_write_minutes, s),
              "taking_part": pageasks.ask(policy.may_take_part, s)}

    def render() -> str:
        if reader["chair"]:  # who may be named to write the minutes: each member's seat, read at once
            seats_known(s.forum_id, s.forum.active_seats)
        return render_template(
            "sessions/_standing.html", s=s, strings=client_strings(), statuses=status_labels(),
            subjects=subject_labels(), decisions=kept["decisions"][0], **reader,
            designatable=minutes_queries.designatable(s, kept["attendance"][0]["members"]) if reader["chair"] else [],
            short=notice_period.short_notice(s.forum, s.starts_at, s.created_at))
    built: list[str] = []

    def build() -> tuple[str, tuple | None]:
        with pageasks.watched() as seen:
            built.append(render())
        return built[0], seen.asked
    key = ("live page record", s.id, str(get_locale()), str(get_timezone()),
           *(bool(answer) for answer in reader.values()), str(reader["taking_part"].reason or ""))
    html, asked = cache.remembered(key, build, at=live_parts.record_at(s.id, at))
    if not built and not pageasks.reused(asked):
        html = render()  # the record asked its builder something this reader answers otherwise
    top, rest = html.split(CUT, 1)
    return Standing(Markup(top), Markup(rest))
