"""A co-chair's link form on a commitment's page, as a gap filled for each reader (pagecache.gap).

Its select offers every eligible input of the forum (4,400 options at 10,000 proposals), and
any comment on an accepted proposal is one at once: kept in the page's copy, the form made
the page move with its forum's comments facet, so each comment anywhere in the forum rebuilt
every visitor's copy of every commitment page, though only the two co-chairs ever see the
form. As a gap (the template's `page_gap`), the copy keeps the rest (keyed on the commitment
and the kinds it shows), and the form is filled in each request, for the reader being served
only (their own predicate is asked), from the form as nobody has filled it — written once
per list of choices (input_choice_queries.current: a list grows only when a comment that is
an input is posted), cut at its CSRF token, which is the reader's.
"""
from flask import render_template, request
from flask_babel import get_locale
from flask_wtf.csrf import generate_csrf
from markupsafe import Markup

from ..core.views import actor
from ..extensions import db
from ..trail import cache
from . import input_choice_queries, policy, queries
from .forms import LinkForm
from .models import Commitment


def fill(form: LinkForm | None = None) -> Markup:
    """The form for this request's reader if they may record influence on the commitment of
    the request (a POST refused shows its form again, with its errors): nothing otherwise."""
    commitment = db.session.get(Commitment, int((request.view_args or {})["commitment_id"]))
    if commitment is None or not policy.may_revise(actor(), commitment):
        return Markup()
    if form is not None:
        return Markup(_render(commitment, form))
    token = generate_csrf()  # this reader's, put in where the remembered form had the builder's
    choices = input_choice_queries.current(commitment)
    return Markup(token.join(cache.remembered(("link form", commitment.id, str(get_locale())),
                                              lambda: _blank(commitment, token, choices.grouped),
                                              at=f"choices {choices.made}")))


def _blank(commitment: Commitment, token: str, choices: dict) -> tuple[str, ...]:
    """The form as nobody has filled it (whatever the request posted), cut where its token is."""
    return tuple(_render(commitment, LinkForm(formdata=None, prefix="link"), choices).split(token))


def _render(commitment: Commitment, form: LinkForm, choices: dict | None = None) -> str:
    form.source.choices = queries.input_choices(commitment) if choices is None else choices
    return render_template("commitments/_link_form.html", form=form, c=commitment)

