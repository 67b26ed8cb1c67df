"""Which versions each remembered page shows: the one table of what depends on what.

A page listed here is kept until one of its versions moves (forum/trail/versions.py says
which entry moves which); every other page — the front page, search, the trail, the cycle's
and organisations' figures across forums, anything added later — stays keyed on the whole
trail head, as before. Each listed page also depends on SITE, which the actions of unclear
reach bump. A page that lists less than it shows goes stale: tests/pages/test_page_versions.py
runs every action of the permission matrix and compares each remembered page with a fresh one.
"""
from collections.abc import Callable, Mapping

from .trail.versions import SITE


def _forum(args: Mapping) -> tuple[str, ...]:
    return (f"forum:{args['forum_id']}",)


def _of(kind: str, arg: str, *also: str) -> Callable[[Mapping], tuple[str, ...]]:
    """One thing's pages, and the kinds of what they show of others: a proposal's fate names
    the commitments it (or the one it merged into) shaped; a commitment shows its inputs'
    words and fates; a consultation, the commitment it is about."""
    return lambda args: (f"{kind}:{args[arg]}", *also)


def _all(kind: str) -> Callable[[Mapping], tuple[str, ...]]:
    return lambda args: (kind,)


def _site(args: Mapping) -> tuple[str, ...]:
    """Forums' and organisations' own records (with seat counts): only SITE moves them."""
    return ()


def _proposals(args: Mapping) -> tuple[str, ...] | None:
    # /forums/<id>/proposals is one forum's; /proposals/ lists every forum's and is searched
    return (f"forum:{args['forum_id']}",) if "forum_id" in args else None


# endpoint -> f(view args) -> the keys besides SITE, or None for the trail head
DEPENDS: dict[str, Callable[[Mapping], tuple[str, ...] | None]] = {
    "forums.show": _forum,
    "proposals.index": _proposals,
    "proposals.ledger": _forum,
    "commitments.index": _forum,
    "consultations.index": _forum,
    "sessions.index": _forum,
    "sessions.feed": _forum,
    "proposals.show": _of("proposal", "proposal_id", "commitments"),
    "proposals.version": _of("proposal", "proposal_id", "commitments"),
    "commitments.show": _of("commitment", "commitment_id", "proposals", "consultations"),
    "commitments.compare": _of("commitment", "commitment_id", "proposals", "consultations"),
    "commitments.export": _of("commitment", "commitment_id", "proposals", "consultations"),
    "consultations.show": _of("consultation", "consultation_id", "commitments"),
    "consultations.report_page": _of("consultation", "consultation_id", "commitments"),
    "consultations.report_csv": _of("consultation", "consultation_id", "commitments"),
    "consultations.report_json": _of("consultation", "consultation_id", "commitments"),
    "sessions.show": _of("session", "session_id"),
    "sessions.as_json": _of("session", "session_id"),
    "sessions.ics": _of("session", "session_id"),
    "sessions.minutes_page": _of("session", "session_id"),
    "sessions.decisions_fragment": _of("session", "session_id"),
    "api.proposals": _all("proposals"),
    "api.proposal": _of("proposal", "ident", "commitments"),
    "api.commitments": _all("commitments"),
    "api.commitment": _of("commitment", "ident", "proposals", "consultations"),
    "api.consultations": _all("consultations"),
    "api.consultation": _of("consultation", "ident", "commitments"),
    "api.sessions": _all("sessions"),
    "api.session": _of("session", "ident"),
    "api.forums": _site,
    "api.forum": _site,
    "api.organisations": _site,
}


def keys(endpoint: str, args: Mapping) -> tuple[str, ...] | None:
    """The versions a page shows, SITE included; None: it is keyed on the trail head. The
    query string is in the page's key already: a filtered list shows a part of the same."""
    depends = DEPENDS.get(endpoint)
    found = depends(args) if depends else None
    return None if found is None else (SITE, *found)
