"""The draft's paragraphs with the comments shown under them, as HTML: built once per version
of the consultation and reused by every reader, signed in or not.

At 10,000 proposals a co-chair waited 1.5–2.8 s for the consultation with 3,000 comments
(bench/signed_in.py): 600 comments rendered, each with its author, organisation, moment and
answer, on every view — and signed-in people are never served a remembered page. The list
shows nothing personal but the chair's hide forms and the answerer's buttons (both in the
key) and the CSRF token the hide forms carry (put in on each view). It is remembered under
the consultation's version and SITE (trail/versions.py: any comment, answer or conclusion
moves the first; a hidden comment, a renamed person or organisation the second), with the
clock's phase, the language, the time zone and the view's filters in the key. Before the
comments are published each reader sees a different set (their own), so then, and while a
refused hide form is shown again with its error, it is built for the one view. A list that
asks about its reader (forum/pageasks.py: a private sheet's link, `is_me`) is kept with its
questions and reused only by readers who answer them the same; one that reads its reader
otherwise is built for each.
"""
from flask import render_template
from flask_babel import get_locale, get_timezone
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from .. import pageasks
from ..trail import cache, versions
from . import queries, response_queries

TOKEN = "\x00csrf\x00"  # where the reader's own token goes


def rendered(c, viewer, now, *, limit: int, wanted, unanswered, published: bool, hiding, context: dict) -> Markup:
    """`context`: what the template shows besides the comments (phase, chair, answerable,
    the label tables): every value that differs between readers must be in it and hashable
    by its truth (chair, answerable) or its value (phase)."""
    def build() -> str:
        by_paragraph, more = queries.shown_comments(c, viewer, now, limit=limit, wanted=wanted,
                                                    unanswered=unanswered)
        return render_template(
            "consultations/_comments.html", c=c, by_paragraph=by_paragraph, more=more, hiding=hiding,
            counts=queries.counts_by_paragraph(c), unanswered=unanswered, csrf_token=lambda: TOKEN,
            history=response_queries.history([x.id for rows in by_paragraph.values() for x in rows]), **context)
    if not published or hiding is not None:
        html = build()
    else:
        at = versions.counters((f"consultation:{c.id}", versions.SITE))
        key = ("comment list", c.id, str(get_locale()), str(get_timezone()), context["phase"],
               bool(context["chair"]), bool(context["answerable"]), wanted, bool(unanswered), limit)
        built: list[str] = []

        def kept() -> tuple[str, tuple | None]:
            with pageasks.watched() as seen:
                built.append(build())
            return built[0], seen.asked
        html, asked = cache.remembered(key, kept, at=at)
        if not built and not pageasks.reused(asked):
            html = build()  # a private sheet's link, the reader's own comment: built for this reader
    return Markup(html.replace(TOKEN, generate_csrf()) if TOKEN in html else html)
