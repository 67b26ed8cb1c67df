"""Hostile input everywhere, generated (issue 15): every route of the URL map gets numbers far
beyond any id, negative ones, text with NUL and control characters in its path, query and
form, as an anonymous visitor and as a co-chair; every live-session event gets payloads of
every shape. Whatever arrives, the answer is never a 500, a refusal (or any GET) changes
nothing on the record, no exception reaches the log, and a socket event always acknowledges
with ok or the reason.

The query arguments are not a list kept here: each view declares the ones it reads
(core.args.query; the API its argument schema), and every declared argument of every view
gets every edge value (issue 25) on pages that exist, besides the generated mixtures."""
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import trail_length
from tests.proposals_helpers import chairs

# Form fields (the query arguments come from the views' declarations, see `_query_args`).
FIELDS = ["title", "body", "reason", "email", "password", "starts_at", "ends_at", "organisation", "outcome",
          "option", "days", "page", "q", "status", "sort", "forum", "value", "group", "cycle", "limit", "cursor",
          "next", "text", "description", "lead_agency_id", "start_date", "end_date", "content", "filename"]
EDGES = ["", "9223372036854775808", "2147483648", "-1", "abc", "²", "ñandú 💥", "x" * 3000]
NASTY = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["\x00", "9" * 30, "0", "1e309", "١٢", "9999-12-31", "NaN", "%00", "../../etc/passwd",
                     "<script>", "' OR 1=1 --", "\r\nX: y", *EDGES[:-1]]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str))
FORM = st.dictionaries(st.sampled_from(FIELDS), NASTY, max_size=6)
SEGMENT = st.one_of(st.integers(min_value=-(2**64), max_value=2**64), st.text(min_size=1, max_size=12))
SETTINGS = settings(max_examples=6, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SKIP = {"static", "opendata.archive"}  # files; the archive builds a zip (its 404s are tested elsewhere)


@pytest.fixture
def seed():
    def world(make):
        from tests.commitment_helpers import commitment
        from tests.consultation_helpers import running
        from tests.proposals_helpers import proposal
        p = proposal(make)
        running(p.forum)
        commitment(make, p.forum)
        return {"forum": p.forum_id}
    return world


@pytest.fixture(autouse=True)
def _no_exception_logged(caplog):
    """A refusal is an answer, never an exception in the log."""
    yield
    logged = [f"{r.name}: {r.getMessage()}" for r in caplog.records if r.exc_info]
    assert logged == [], logged


def _rules(app, method):
    return [r for r in app.url_map.iter_rules() if method in r.methods and r.endpoint not in SKIP]


def _query_args(app, endpoint) -> list[str]:
    """The query arguments a view reads, from its own declaration."""
    from forum.api.operations import OPERATIONS
    from forum.core.args import declared
    names = list(declared(app.view_functions[endpoint]))
    for op in OPERATIONS:
        if op.endpoint == endpoint and op.args is not None:
            names += [f.data_key or name for name, f in op.args().fields.items()]
    return names


def _url(rule, values) -> str:
    url = rule.rule
    for name in rule.arguments:
        url = re.sub(rf"<(?:\w+:)?{name}>", str(values[name]).replace("/", "%2F").replace("?", "%3F") or "x", url)
    return url


def _check(client, method, rule, segments, form, query=None):
    values = {name: segments[i % len(segments)] for i, name in enumerate(sorted(rule.arguments))} \
        if rule.arguments else {}
    url = _url(rule, values)
    before = trail_length()
    if method == "GET":
        resp = client.raw.get(url, query_string=query)
    else:
        resp = client.post(url, form, query_string=query)
    resp.get_data()  # a streamed answer runs to its end (and fails there if it fails)
    resp.close()
    assert resp.status_code < 500, f"{method} {url} {form!r} -> {resp.status_code}"
    if resp.status_code >= 400 or method == "GET":
        assert trail_length() == before, f"{method} {url} {form!r} was refused ({resp.status_code}) yet changed state"


@pytest.mark.parametrize("who", ["anonymous", "co-chair"])
def test_no_route_answers_500_to_hostile_input(client, seeded, who, app):
    from forum.extensions import db
    from forum.forums.models import Forum
    if who == "co-chair":
        client.login(chairs(db.session.get(Forum, seeded["forum"]))["state_chair"].email)
    app.config["API_RATE_LIMIT"] = "100000 per minute"
    for method in ("GET", "POST"):
        for rule in _rules(app, method):
            if method == "POST" and rule.endpoint == "accounts.logout":
                continue  # would end the co-chair's session for the routes after it
            _route_fuzzer(client, method, rule, _query_args(app, rule.endpoint))()


def _route_fuzzer(client, method, rule, names):
    @SETTINGS
    @given(segments=st.lists(SEGMENT, min_size=1, max_size=3), form=FORM,
           query=st.fixed_dictionaries({}, optional=dict.fromkeys(names, NASTY)))
    def check(segments, form, query):
        _check(client, method, rule, segments, form, query)
    return check


def test_every_declared_query_argument_answers_every_edge_value(client, seeded, app):
    """On pages that exist (every id 1 names a row of the seed), each argument of each page,
    alone, with a huge, negative, non-numeric, empty or non-ASCII value: an answer, never a 500.
    (A POST that re-renders a page, and a co-chair's view, get the generated mixtures above.)"""
    app.config["API_RATE_LIMIT"] = "100000 per minute"
    seen = 0
    for rule in _rules(app, "GET"):
        for name in _query_args(app, rule.endpoint):
            for value in EDGES:
                _check(client, "GET", rule, ["1"], {}, {name: value})
                seen += 1
    assert seen > 200  # the declarations were found


def test_every_live_event_answers_whatever_the_payload(app, seeded, make, client):
    from forum.extensions import db
    from forum.forums.models import Forum
    from forum.sessions.sockets import EVENTS
    from tests.live_helpers import Live, live
    forum = db.session.get(Forum, seeded["forum"])
    s = live(forum)
    client.login(chairs(forum)["state_chair"].email)
    sio = Live(app, client)
    payloads = st.one_of(st.none(), st.integers(), st.text(max_size=20), st.lists(st.integers(), max_size=3),
                         st.fixed_dictionaries({"session": st.sampled_from([s.id, -1, 2**70, 10**30, "1", None])},
                                               optional={k: NASTY for k in ("motion", "option", "text", "user",
                                                                            "present", "position", "revision",
                                                                            "rule", "choices")}))
    for event in [*EVENTS, "join", "leave"]:
        _event_fuzzer(sio, event, payloads)()
    sio.disconnect()


def _event_fuzzer(sio, event, payloads):
    @SETTINGS
    @given(payload=payloads)
    def check(payload):
        from forum.ratelimits import limiter
        limiter.reset()  # the fuzzing is a burst by design; the limit has its own test
        before = trail_length()
        ack = sio.emit(event, payload)
        assert isinstance(ack, dict) and "ok" in ack, (event, payload, ack)
        if not ack["ok"]:
            assert ack["message"], (event, payload)
            assert trail_length() == before, (event, payload, "refused yet recorded")
    return check
