"""The log's rows as HTML, each rendered once and joined (issue 29; kept by trail/fragments.py).

The newest page of /trail/ changes at every write, in each process: rendering its fifty rows
with their names each time was most of its cost. A kept row is the row as any reader sees it
in that language and time zone; the one part that differs between readers — the receipt link
beside the reader's own entry — is a gap (RECEIPT) filled on each view, asking `is_me` as
the whole list did, so the page is shared with signed-in readers as before. The names come
from `names_for` (forums/names.py), handed in: the trail sits below the areas that name.
"""
from collections.abc import Callable, Sequence

from flask import render_template
from flask_babel import get_locale, get_timezone
from markupsafe import Markup

from ..pageasks import is_me
from . import fragments

SEP = "\x00row\x00"
RECEIPT = "\x00receipt\x00"


def unnamed(e, names: dict) -> frozenset:
    """The people the entry's row mentions without naming them: someone who only registered
    is named from their first public act, which need not move SITE (trail/fragments.py)."""
    people = {e.actor_user_id, names["about"].get(e.seq), int(e.subject_id) if e.subject_type == "user" else None}
    return frozenset(p for p in people if p is not None and p not in names["user"])


def rows(entries: Sequence, names_for: Callable[[list], dict], public: Callable[[set], set], site: str,
         hide_forum: bool = False) -> Markup:
    """The `<li>` of each entry, in order, from kept rows where there are; `public`: which of
    some people's ids may be named now (forums/names.public_people); `site`: SITE's version;
    `hide_forum`: the rows do not name the forum (a list on a page of one forum's: a session's)."""
    if not entries:
        return Markup("")
    view = ("html", site, str(get_locale()), str(get_timezone()), hide_forum)

    def build(missing: list) -> list[tuple[str, frozenset, int]]:
        names = names_for(missing)
        html = render_template("trail/_rows.html", activity=missing, names=names, sep=SEP, receipt_gap=RECEIPT,
                               hide_forum=hide_forum)
        return [(row, unnamed(e, names), len(row)) for e, row in zip(missing, html.split(SEP)[:-1], strict=True)]
    kept = fragments.reused(entries, view, build, public)
    mine: dict[int, bool] = {}  # each actor asked about once (a live session's members act many times)
    return Markup("".join(_receipt(e, row, mine) for e, row in zip(entries, kept, strict=True)))


def _receipt(e, row: str, mine: dict[int, bool]) -> str:
    actor = e.actor_user_id
    if actor is not None and actor not in mine:
        mine[actor] = is_me(actor)
    return row.replace(RECEIPT, render_template("trail/_receipt.html", e=e) if actor is not None and mine[actor]
                       else "")
