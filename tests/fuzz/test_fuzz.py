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
from tests.helpers.proposals import chairs

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
        from tests.helpers.commitments import commitment
        from tests.helpers.consultations import running
        from tests.helpers.proposals import proposal
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
    """On pages that exist (every id 1 names a row of the seed, a cycle its name), each argument of each page,
    alone, with a huge, negative, non-numeric, empty or non-ASCII value: an answer, never a 500.
    (A POST that re-renders a page, and a co-chair's view, get the generated mixtures above.)"""
    from forum.extensions import db
    from forum.forums.models import Forum
    app.config["API_RATE_LIMIT"] = "100000 per minute"
    cycle = db.session.get(Forum, seeded["forum"]).cycle  # a cycle's pages exist under its name, not "1"
    seen = 0
    for rule in _rules(app, "GET"):
        for name in _query_args(app, rule.endpoint):
            for value in EDGES:
                _check(client, "GET", rule, [cycle] if rule.arguments == {"cycle"} else ["1"], {}, {name: value})
                seen += 1
    assert seen > 200  # the declarations were found


def test_every_live_event_answers_whatever_the_payload(app, seeded, make, client):
    from forum.extensions import db
    from forum.forums.models import Forum
    from forum.sessions.sockets import EVENTS
    from tests.helpers.live import Live, live
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


# Fields whose options come from the database yet hold words, not ids.
TEXT_CHOICES = {("ReviewerForm", "cycle"): "a cycle is named, e.g. 2019-2021",
                ("PlanImportForm", "content"): "the uploaded file, sent back as text",
                ("PlanImportForm", "filename"): "the uploaded file's name"}
TOO_BIG = ["99999999999999999999", "9223372036854775808", "2147483648", "-1", "²"]


def _leaves(form):
    from wtforms.fields import FieldList, FormField
    for field in form:
        if isinstance(field, FormField):
            yield from _leaves(field.form)
        elif isinstance(field, FieldList):
            for entry in field:
                yield from (_leaves(entry.form) if isinstance(entry, FormField) else [entry])
        else:
            yield field


def _holds_number(form, field) -> bool:
    """A typed number, a choice coerced to int, or an option or hidden value the view fills
    from rows at request time (an id), unless TEXT_CHOICES says it holds words."""
    from wtforms import DecimalField, FloatField, HiddenField, IntegerField
    from wtforms.fields.choices import SelectFieldBase
    if (type(form).__name__, field.short_name) in TEXT_CHOICES or field.short_name == "csrf_token":
        return False
    numeric = (IntegerField, DecimalField, FloatField)
    typed = isinstance(field, numeric) or getattr(field, "coerce", None) in {int, float}
    from_rows = isinstance(field, SelectFieldBase) and not getattr(field, "choices", None)
    return typed or from_rows or isinstance(field, HiddenField)


def _range_checks(field) -> list:
    from forum.core.forms import WholeNumber
    return [v for v in field.validators if isinstance(v, WholeNumber)]


def _every_form_class():
    import importlib
    import pkgutil

    from flask_wtf import FlaskForm

    import forum
    for module in pkgutil.walk_packages(forum.__path__, "forum."):
        if ".migrations" not in module.name:
            importlib.import_module(module.name)

    def below(cls):
        for sub in cls.__subclasses__():
            yield sub
            yield from below(sub)
    return [cls for cls in below(FlaskForm) if cls.__module__.startswith("forum.")]


def test_every_number_in_every_form_is_range_checked_by_the_shared_validator():
    """One reading of a form number (issue 25): every FlaskForm in forum/, every field that
    holds a number goes through core.forms.WholeNumber, bounded by the ids' MAX_ID."""
    from forum import create_app
    from forum.core.lookup import MAX_ID
    app = create_app({"TESTING": True, "SQLALCHEMY_DATABASE_URI": "sqlite://", "WTF_CSRF_ENABLED": False})
    classes, numbers, missing = _every_form_class(), [], []
    with app.test_request_context():
        for cls in classes:
            form = cls()
            for field in _leaves(form):
                if _holds_number(form, field):
                    numbers.append(f"{cls.__name__}.{field.name}")
                    checks = _range_checks(field)
                    if not checks or any(c.high > MAX_ID for c in checks):
                        missing.append(f"{cls.__module__}.{cls.__name__}.{field.name}")
    assert len(classes) > 30 and len(numbers) >= 15, (classes, numbers)  # the walk found the forms
    assert missing == [], f"numbers without core.forms.WholeNumber: {missing}"


def test_every_number_field_of_every_form_refuses_a_number_no_row_can_hold(client, seeded, app, monkeypatch):
    """Generated from the code: each POST route is sent once, as a co-chair and (where that
    is refused) as the platform admin, to learn which forms it checks (the forms record
    themselves); then every number field of those forms gets each of TOO_BIG. The answer is
    a refusal (never a 500, never a redirect), nothing is written, and the checked field
    carries the reason."""
    from flask_wtf import FlaskForm

    from forum.accounts.models import User
    from forum.extensions import db
    from forum.forums.models import Forum
    people = [chairs(db.session.get(Forum, seeded["forum"]))["state_chair"].email,
              db.session.scalars(db.select(User.email).where(User.is_admin)).first()]
    checked: list = []
    validate = FlaskForm.validate

    def recording(self, *a, **kw):
        checked.append(self)
        return validate(self, *a, **kw)
    monkeypatch.setattr(FlaskForm, "validate", recording)
    posted = 0
    refused = [r for r in _rules(app, "POST") if r.endpoint != "accounts.logout"]
    for email in people:
        client.login(email)
        rules, refused = refused, []
        for rule in rules:
            url = _url(rule, dict.fromkeys(rule.arguments, "1"))
            checked.clear()
            first = client.post(url, {})
            first.close()
            if first.status_code == 403:
                refused.append(rule)
            posted += _post_too_big_numbers(client, url, {(type(f).__name__, x.name): x for f in checked
                                                          for x in _leaves(f) if _range_checks(x)}, checked)
    assert posted >= 100, posted


def _post_too_big_numbers(client, url, fields, checked) -> int:
    posted = 0
    for (form_name, name), field in fields.items():
        composite = any(c.part is not None for c in _range_checks(field))
        for value in TOO_BIG:
            checked.clear()
            before = trail_length()
            resp = client.post(url, {name: f"{value}:{value}" if composite else value})
            resp.close()
            posted += 1
            where = f"POST {url} {form_name}.{name}={value}"
            assert resp.status_code < 500 and resp.status_code != 302, f"{where} -> {resp.status_code}"
            assert trail_length() == before, f"{where} was refused yet changed state"
            seen = [x for f in checked if type(f).__name__ == form_name for x in _leaves(f) if x.name == name]
            assert seen and all(x.errors for x in seen), f"{where}: no reason beside the field"
    return posted
