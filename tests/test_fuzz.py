"""Hostile input everywhere, generated (issue 15): every route of the URL map gets numbers far
beyond any id, negative ones, text with NUL and control characters in its path, query and
form, as an anonymous visitor and as a co-chair; every live-session event gets payloads of
every shape. Whatever arrives, the answer is never a 500, a refusal (or any GET) changes
nothing on the record, and a socket event always acknowledges with ok or the reason."""
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import trail_length
from tests.proposals_helpers import chairs

FIELDS = ["title", "body", "reason", "email", "password", "starts_at", "ends_at", "organisation", "outcome",
          "option", "days", "page", "q", "status", "sort", "forum", "value", "group", "cycle", "limit", "cursor",
          "next", "text", "description", "lead_agency_id", "start_date", "end_date", "content", "filename"]
NASTY = st.one_of(
    st.text(max_size=40),
    st.sampled_from(["\x00", "9" * 30, "-1", "0", "2147483648", "9999-12-31", "9999-12-31T23:59", "1e309",
                     "NaN", "%00", "../../etc/passwd", "<script>", "' OR 1=1 --", "\r\nX: y", "ñandú 💥"]),
    st.integers(min_value=-(2**70), max_value=2**70).map(str))
FORM = st.dictionaries(st.sampled_from(FIELDS), NASTY, max_size=6)
SEGMENT = st.one_of(st.integers(min_value=-(2**64), max_value=2**64), st.text(min_size=1, max_size=12))
SETTINGS = settings(max_examples=6, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
SKIP = {"static", "opendata.archive"}  # files; the archive builds a zip (its 404s are tested elsewhere)


@pytest.fixture
def seed():
    def world(make):
        from tests.proposals_helpers import proposal
        p = proposal(make)
        return {"forum": p.forum_id}
    return world


def _rules(app, method):
    return [r for r in app.url_map.iter_rules() if method in r.methods and r.endpoint not in SKIP]


def _url(rule, values) -> str:
    url = rule.rule
    for name in rule.arguments:
        url = re.sub(rf"<(?:\w+:)?{name}>", str(values[name]).replace("/", "%2F").replace("?", "%3F") or "x", url)
    return url


def _check(client, method, rule, segments, form):
    values = {name: segments[i % len(segments)] for i, name in enumerate(sorted(rule.arguments))} \
        if rule.arguments else {}
    url = _url(rule, values)
    before = trail_length()
    if method == "GET":
        resp = client.raw.get(url, query_string=form)
    else:
        resp = client.post(url, form)
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
            _route_fuzzer(client, method, rule)()


def _route_fuzzer(client, method, rule):
    @SETTINGS
    @given(segments=st.lists(SEGMENT, min_size=1, max_size=3), form=FORM)
    def check(segments, form):
        _check(client, method, rule, segments, form)
    return check


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
                         st.fixed_dictionaries({"session": st.sampled_from([s.id, -1, 2**70, "1", None])},
                                               optional={k: NASTY for k in ("motion", "option", "text", "user",
                                                                            "present", "position", "revision",
                                                                            "rule", "choices")}))
    for event in EVENTS:
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
