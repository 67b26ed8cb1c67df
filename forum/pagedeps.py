"""Which versions each remembered page shows: the one table of what depends on what.

A page listed here is kept until one of its versions moves (forum/trail/versions.py says
which entry moves which). Each also depends on SITE, which the actions of unclear reach bump.
A page keyed on the whole trail head — rebuilt at every write anywhere — says why with
`_head(reason)`: it shows the newest entries or the log's size (the trail's lists, proofs and
checkpoints, the feeds, the archive), or no visitor is ever kept a copy of it (a form or a
page for signed-in people: an anonymous reader is sent to sign in, and that is never stored).
Every GET endpoint is listed (tests/pages/test_page_dependencies.py walks the app's), so a
new page must say what it shows. A page that lists less than it shows goes stale:
tests/pages/test_page_versions_matrix.py runs every action of the permission matrix and
compares each remembered page with a fresh one.

Busy acts (votes, check-ins, hands, endorsements, comments on proposals) move only a facet of
their forum, its cycle and their kind (trail/versions.py FACETS), besides their subject's
own page: a page showing one declares it — the proposal lists and the API list show each
proposal's endorsements and sort by them (ENDORSEMENTS); the minimum requirements count
every entry of a forum (all of them). No other page shows them: the forum page lists the
forum's news without them (versions.front_news), the figures count none of them, and a
session's quorum, tallies, hands and floor are on the session's own pages — and there each act
moves only its part (`session:<id>:tally`, `:attendance`, `:queue`), never the session's record,
so its calendar and its decisions stay remembered at a vote (`_session`).
tests/pages/test_busy_versions.py holds each busy act to that.
"""
from collections.abc import Callable, Mapping

from .core.args import BadArgument, arg
from .trail import versions
from .trail.versions import ENDORSEMENTS, FACETS, FRONT, NAMED, SITE, cycle_key, facet_key


def _forum(args: Mapping) -> tuple[str, ...]:
    return (f"forum:{args['forum_id']}",)


def _forum_ident(args: Mapping) -> tuple[str, ...]:
    return (f"forum:{args['ident']}",)


def _of(kind: str, arg: str, *also: str) -> Callable[[Mapping], tuple[str, ...]]:
    """One thing's pages, and the kinds of what they show of others: a proposal's fate names
    the commitments it (or the one it merged into) shaped; a commitment shows its inputs'
    words and fates; a consultation, the commitment it is about."""
    return lambda args: (f"{kind}:{args[arg]}", *also)


def _session(arg: str, parts: tuple[str, ...] | None = None) -> Callable[[Mapping], tuple[str, ...]]:
    """A session's page: its record, and the live parts it shows (versions.LIVE_PARTS: the
    tally, the attendance, the queue) — all of them unless named; () for none (its calendar,
    its decisions: no live act moves them)."""
    return lambda args: versions.session_keys(args[arg], versions.SESSION_PARTS if parts is None else parts)


def _all(kind: str) -> Callable[[Mapping], tuple[str, ...]]:
    return lambda args: (kind,)


def _site(args: Mapping) -> tuple[str, ...]:
    """Forums' and organisations' own records (with seat counts): only SITE moves them."""
    return ()


def _cycle(args: Mapping) -> tuple[str, ...]:
    """A cycle's pages show its forums' records: any entry of one of them moves it."""
    return (cycle_key(args["cycle"]),)


EVERY_FACET = tuple(sorted(set(FACETS.values())))


def _counted(of: Callable[[Mapping], tuple[str, ...]]) -> Callable[[Mapping], tuple[str, ...]]:
    """The minimum requirements count every entry of a forum per half-year ("the repository
    updated"), busy acts too: a forum's (or a cycle's) version and every facet of it."""
    def keys(args: Mapping) -> tuple[str, ...]:
        own = of(args)
        return (*own, *(facet_key(k, facet) for k in own for facet in EVERY_FACET))
    return keys


def _head(reason: str) -> Callable[[Mapping], None]:
    """Keyed on the trail head, for the reason given (the test asks that there be one)."""
    def head(args: Mapping) -> None:
        return None
    head.reason = reason  # type: ignore[attr-defined]
    return head


KINDS = ("proposals", "commitments", "consultations", "sessions")
# search's kinds -> the versions of what it finds there (organisations: only SITE moves them)
SEARCHED = {"proposals": ("proposals",), "comments": ("proposals", "consultations"),
            "consultations": ("consultations",), "commitments": ("commitments",),
            "sessions": ("sessions",), "organisations": ()}


def _search(args: Mapping) -> tuple[str, ...]:
    """Search shows the kinds it searches: one kind asked for, or all of them."""
    kind = arg("kind")
    return SEARCHED[kind] if kind in SEARCHED else KINDS


FORM = _head("a form or page for signed-in people: a visitor is sent to sign in, never stored")
LOG = _head("shows the log as it grows: its newest entries, its size, proofs against the latest checkpoint")


def _proposals(args: Mapping) -> tuple[str, ...]:
    """/forums/<id>/proposals is one forum's; /proposals/ lists (and searches) every forum's.
    Each shows a proposal's endorsement count and sorts by it: their ENDORSEMENTS too."""
    key = f"forum:{args['forum_id']}" if "forum_id" in args else "proposals"
    return key, facet_key(key, ENDORSEMENTS)


NEWEST = _head("the log's newest entries: a page of it anchored on a seq (`before`) never changes")


def _named(args: Mapping) -> tuple[str, ...]:
    """Trail entries that exist and never change, with their people's names: those move with
    SITE, and with NAMED (the first public act of someone who only registered names them)."""
    return (NAMED,)


def _log_page(args: Mapping) -> tuple[str, ...] | None:
    """A page of the log anchored on a seq shows entries that all exist and never change
    (`_named`); the newest page moves with the head, and a page number or `after` is sent on
    to its anchor (trail/log_queries.py)."""
    return NEWEST(args) if arg("before") is None or arg("after") is not None or arg("page") > 1 else _named(args)


def _log_api(args: Mapping) -> tuple[str, ...] | None:
    """The API's list of entries below an anchor (`before`), from any cursor, never changes
    but for its names (`_named`). A `before` that is no seq is refused by the view, with the
    API's own error."""
    try:
        anchored = arg("before") is not None
    except BadArgument:
        anchored = False
    return _named(args) if anchored else NEWEST(args)


# endpoint -> f(view args) -> the keys besides SITE, or None (only `_head`'s) for the trail head
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
    "sessions.show": _session("session_id"),
    "sessions.as_json": _session("session_id"),
    "sessions.ics": _session("session_id", ()),
    "sessions.minutes_page": _session("session_id", ("attendance",)),  # no queue, no open tally
    "sessions.decisions_fragment": _session("session_id", ()),
    "api.proposals": _proposals,  # with each proposal's endorsement count
    "api.proposal": _of("proposal", "ident", "commitments"),
    "api.commitments": _all("commitments"),
    "api.commitment": _of("commitment", "ident", "proposals", "consultations"),
    "api.consultations": _all("consultations"),
    "api.consultation": _of("consultation", "ident", "commitments"),
    "api.sessions": _all("sessions"),
    "api.session": _session("ident"),
    "api.forums": _site,
    "api.forum": _site,
    "api.organisations": _site,
    # figures and pages of one forum, of one cycle (any entry of its forums moves them)
    "dashboards.forum": _forum,
    "dashboards.cycle": _cycle,
    "dashboards.current_plan": _site,  # a redirect to the newest cycle: forums are SITE
    "plans.cycle": _cycle,
    "plans.for_forum": _forum,
    "plans.instrument": _site,
    "monitoring.cycle_list": _cycle,
    "monitoring.forum_list": _forum,
    "requirements.cycle": _counted(_cycle),
    "requirements.forum": _counted(_forum),
    "requirements.pack": _counted(_cycle),
    "clusters.index": _cycle,
    "clusters.show": _all("commitments"),
    "absorbed.forum_page": _forum,
    "absorbed.commitment_page": _of("commitment", "commitment_id", "proposals"),
    "absorbed.show_claim": lambda args: ("commitments", "proposals"),
    "absorbed.suggestion": lambda args: ("commitments", "proposals"),
    "voice.workshop": _all("proposals"),
    "api.cycles": lambda args: KINDS,
    "api.cycle_figures": _cycle,
    "api.cycle_requirements": _counted(_cycle),
    "api.cycle_voice": _cycle,
    "api.agreed_adopted": _cycle,
    "api.adopted_text": _site,  # a plan's entries are of no one subject kind: they move SITE
    "api.cycle_clusters": _cycle,
    "opendata.requirements_feed": _counted(_cycle),
    "api.forum_figures": _forum_ident,
    "api.forum_requirements": _counted(_forum_ident),
    "api.forum_voice": _forum_ident,
    "api.forum_absorbed": _forum_ident,
    "api.commitment_absorbed": _of("commitment", "ident", "proposals"),
    "opendata.forum_feed": _forum,
    # across forums: what they list
    "pages.home": lambda args: (FRONT, NAMED),  # the newest news, with their people's names (_named)
    "pages.find": _search,
    "forums.index": lambda args: KINDS,
    "organisations.index": _site,
    "organisations.show": lambda args: KINDS,
    "api.organisation": lambda args: KINDS,
    "documents.download": _site,  # a document is named by its bytes' hash: it never changes
    "documents.metadata": _site,
    "api.docs": _site,
    "api.index": _site,
    "api.openapi": _site,
    "accounts.login": _site,
    "accounts.register": _site,
    "accounts.forgot": _site,
    # the log: an entry never changes (only its actors' names, with SITE); lists and proofs grow
    "trail.entry": _named,
    "trail.key": _site,
    "trail.checkpoint_at": _site,
    "trail.verifier_file": _site,
    "trail.log_wheel": _site,  # the package built from this checkout's own files
    "api.trail_entry": _named,
    "trail.index": _log_page,
    "trail.receipt": LOG,
    "trail.verify": LOG,
    "trail.export": LOG,
    "trail.checkpoint": LOG,
    "trail.tile": LOG,
    "trail.entry_bundle": LOG,
    "trail.inclusion": LOG,
    "trail.consistency": LOG,
    "trail.witnesses_page": LOG,
    "api.trail": _log_api,
    "api.checkpoints": LOG,
    "requirements.receipt": LOG,
    "opendata.platform_feed": LOG,
    "opendata.data": _head("the archive's page names the trail's size and the files' hashes"),
    "opendata.archive": _head("the archive holds the whole trail"),
    "pages.person": _head("a person's acts across the whole record"),
    **{endpoint: FORM for endpoint in (
        "absorbed.claim", "accounts.confirm", "accounts.profile", "accounts.reauth", "admin.accounts",
        "admin.index", "admin.reviewers", "commitments.edit", "commitments.new", "commitments.supersede",
        "consultations.answer", "consultations.new", "forums.new", "inbox.email", "inbox.index",
        "monitoring.answer", "monitoring.appoint", "monitoring.contest", "notifications.index",
        "organisations.new", "plan_import.upload", "plans.import_texts", "proposals.edit", "proposals.new",
        "sessions.new", "voice.new_workshop", "voice.record_comment")},
}


def keys(endpoint: str, args: Mapping) -> tuple[str, ...] | None:
    """The versions a page shows, SITE included; None: it is keyed on the trail head. The
    query string is in the page's key already: a filtered list shows a part of the same."""
    depends = DEPENDS.get(endpoint)
    found = depends(args) if depends else None
    return None if found is None else (SITE, *found)
