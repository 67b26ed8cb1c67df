"""Each clock once (issue 26): a proposal's response, a consultation's answers and a notice
each follow one rule ("answered within D days": due at start + D days, late a whole second
after it), in Python and in SQL alike, and every page that shows one agrees with the others
at the instants around the deadline."""
import re
from datetime import datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select

from forum.commitments.models import ProgressUpdate
from forum.consultations import deadlines as consultation_deadlines
from forum.consultations.models import Consultation
from forum.core import deadlines
from forum.core.clock import frozen_at
from forum.extensions import db
from forum.forums import notice_period
from forum.forums.models import Forum
from forum.inbox.queries import for_user
from forum.proposals import deadlines as proposal_deadlines
from forum.proposals import services
from forum.proposals.models import Proposal
from forum.proposals.queries import ledger_figures
from forum.proposals.services import responses
from tests.helpers.proposals import REASON, TEXT, chairs

NOW = datetime(2026, 6, 1, 12, 0)
D = 30
US = 1_000_000  # microseconds in a second
# Offsets from the deadline, in microseconds: mostly within two seconds of it, where the
# rule's edges are, and some anywhere within a day.
NEAR = st.one_of(st.integers(-2 * US, 2 * US), st.integers(-86400 * US, 86400 * US),
                 st.sampled_from([-US, -1, 0, 1, US - 1, US, US + 1]))
PROPERTY = settings(max_examples=40, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


def _world(make):
    """One forum (its deadline D) and a submitter for all the examples of a test: each
    example adds its rows and rolls them back."""
    if not hasattr(make, "clock_world"):
        forum = make.forum(open_=True)
        assert forum.response_deadline_days == D
        make.clock_world = (forum, *make.member_of("civil_society"), make.admin())
    return make.clock_world


def _rows(forum, user, org, starts):
    rows = [Proposal(forum_id=forum.id, submitter_id=user.id, organisation_id=org.id, group=org.kind,
                     title=f"Propuesta {i}", problem="p", proposal="p", expected_result="e", submitted_at=at)
            for i, at in enumerate(starts)]
    db.session.add_all(rows)
    db.session.flush()
    return rows


@PROPERTY
@given(offsets=st.lists(NEAR, min_size=1, max_size=8), answered=st.lists(st.integers(-3, 3), max_size=4))
def test_a_proposal_is_overdue_in_sql_exactly_when_in_python(make, offsets, answered):
    """Waiting D days and `offset` microseconds: the ledger's SQL count and the page's answer
    agree; and an answer after D days ± a few seconds is late by both."""
    forum, user, org, _admin = _world(make)
    try:
        waiting = _rows(forum, user, org, [NOW - timedelta(days=D, microseconds=o) for o in offsets])
        done = _rows(forum, user, org, [NOW - timedelta(days=60)] * len(answered))
        for p, seconds in zip(done, answered, strict=True):
            p.status, p.response_seconds = "accepted", D * 86400 + seconds
            p.first_response_at = p.submitted_at + timedelta(seconds=p.response_seconds)
        db.session.flush()
        in_sql = set(db.session.scalars(select(Proposal.id).where(
            Proposal.forum_id == forum.id, proposal_deadlines.overdue_sql(forum, NOW))))
        assert in_sql == {p.id for p in waiting if proposal_deadlines.overdue(p, NOW)}
        assert in_sql == {p.id for p, o in zip(waiting, offsets, strict=True) if o >= US}  # a whole second past
        late_sql = set(db.session.scalars(select(Proposal.id).where(
            Proposal.forum_id == forum.id, proposal_deadlines.answered_late_sql(forum))))
        assert late_sql == {p.id for p in done if proposal_deadlines.days_late(p) is not None}
        assert late_sql == {p.id for p, s in zip(done, answered, strict=True) if s > 0}
        figures = ledger_figures(forum, NOW)
        assert (figures.overdue, figures.late) == (len(in_sql), len(late_sql))
        assert {p.id for p in waiting if p.id not in in_sql} == {
            p.id for p in waiting if not proposal_deadlines.clock(p).late(NOW)}
    finally:
        db.session.rollback()


@PROPERTY
@given(offsets=st.lists(NEAR, min_size=1, max_size=6))
def test_a_consultations_answers_fall_due_in_sql_exactly_when_in_python(make, offsets):
    """The consultation's clock on the generic rule: its SQL form (on the end of the period)
    and the report's answer agree, and the page cache's moment is the first late instant."""
    forum, _user, _org, admin = _world(make)
    try:
        made = [Consultation(forum_id=forum.id, title=f"Consulta {i}", introduction="",
                             starts_at=at - timedelta(days=20), ends_at=at, promise_level="consult",
                             promise="Les diremos.", document_sha256="0" * 64, created_by_id=admin.id,
                             created_at=at - timedelta(days=21))
                for i, at in enumerate(NOW - timedelta(days=D, microseconds=o) for o in offsets)]
        db.session.add_all(made)
        db.session.flush()
        in_sql = set(db.session.scalars(select(Consultation.id).where(
            Consultation.forum_id == forum.id, deadlines.late_sql(Consultation.ends_at, D, NOW))))
        clocks = {c.id: consultation_deadlines.clock(c) for c in made}
        assert in_sql == {i for i, k in clocks.items() if k.late(NOW)}
        assert in_sql == {c.id for c, o in zip(made, offsets, strict=True) if o >= US}
        assert all(k.late(k.late_from) and not k.late(k.late_from - timedelta(microseconds=1)) for k in clocks.values())
        assert {k.late_from for k in clocks.values()} <= set(consultation_deadlines.moments())
    finally:
        db.session.rollback()


@settings(max_examples=300, deadline=None, derandomize=True, database=None)
@given(days=st.integers(0, 60), offset=NEAR)
def test_a_notice_is_short_exactly_when_it_is_less_than_the_minimum(days, offset):
    """A notice of D days given at t reaches t + D days: a start any earlier, even by a
    microsecond, is short; at that instant or later it is not."""
    forum = Forum(session_notice_days=days)
    starts_at = NOW + timedelta(days=days, microseconds=offset)
    assert notice_period.short_notice(forum, starts_at, NOW) is (offset < 0)
    assert notice_period.short_period(forum, NOW, starts_at) is (offset < 0)
    assert notice_period.short_notice(forum, notice_period.full_notice_from(forum, NOW), NOW) is False


# The instants around a 30-day deadline, what every page says then: (overdue, days late).
AROUND = [(timedelta(days=D, seconds=-1), False, None), (timedelta(days=D), False, None),
          (timedelta(days=D, seconds=1), True, 1), (timedelta(days=D, hours=12), True, 1),
          (timedelta(days=D + 1, seconds=1), True, 2)]


def test_the_ledger_inbox_figures_and_proposal_page_agree_around_the_deadline(make, client, new_client):
    """One proposal, seen at D days − 1 s, D days, D days + 1 s and D days + 12 h by the ledger
    (its row and its figures), the API's figures, the proposal's page (anonymous: through the
    page cache, whose moments must include the deadline) and the co-chair's inbox; then
    answered at each of those instants, the ledger and the figures say the same of it."""
    forum = make.forum(open_=True)
    chair = chairs(forum)["state_chair"]
    user, org = make.member_of("civil_society")
    start = datetime(2026, 3, 1, 9, 0)
    with frozen_at(start):
        p = services.submit(user, forum, org, **TEXT)
    db.session.commit()
    signed_in = new_client()
    signed_in.login(chair.email)
    for after, overdue, late in AROUND:
        now = start + after
        with frozen_at(now):
            figures = ledger_figures(forum)
            api = client.get(f"/api/v1/forums/{forum.id}/figures").get_json()["ledger"]
            page = client.get(f"/proposals/{p.id}").get_data(as_text=True)
            ledger = client.get(f"/forums/{forum.id}/ledger").get_data(as_text=True)
            inbox = signed_in.get("/inbox").get_data(as_text=True)
            item = next(i for i in for_user(chair).to_do if i.args == {"proposal_id": p.id})
        said = {"figure": figures.overdue == 1, "api": api["overdue"] == 1,
                "page": "past the forum" in page, "ledger row": '<tr class="overdue">' in ledger,
                "ledger badge": ">overdue</span>" in ledger, "inbox": "Overdue by" in inbox,
                "inbox item": item.days_late(now) is not None}
        assert said == dict.fromkeys(said, overdue), (after, said)
        assert item.days_late(now) == late and (late is None) == (item.days_left(now) is not None)
        if late:
            assert re.search(rf"Overdue by {late} days?\b", inbox), after
    for after, _overdue, late in AROUND:
        with frozen_at(start):
            q = services.submit(user, forum, org, **{**TEXT, "title": f"Propuesta respondida {after}"})
        with frozen_at(start + after):
            responses.respond(chair, q, "accepted", REASON)
        db.session.commit()
        with frozen_at(start + after + timedelta(days=1)):
            ledger = client.get(f"/forums/{forum.id}/ledger").get_data(as_text=True)
        row = ledger.split(f"/proposals/{q.id}\"")[1].split("</tr>")[0]
        assert proposal_deadlines.days_late(q) == late, after
        assert ("answered 1 day late" in row) is (late == 1) and ("answered 2 days late" in row) is (late == 2)
    f = ledger_figures(forum, start + timedelta(days=90))
    assert (f.on_time, f.late) == (2, 3)


ROOT = Path(__file__).resolve().parents[2]
HOMES = {"forum/core/deadlines.py", "forum/proposals/deadlines.py", "forum/consultations/deadlines.py",
         "forum/forums/notice_period.py", "forum/plans/deadlines.py",
         "forum/monitoring/deadlines.py"}
# A deadline computed from a forum's setting, or "still waiting"
# spelled out (its statuses, or a template comparing the status word).
COMPUTES = re.compile(r"timedelta\([^)]*(response_deadline_days|session_notice_days)|"
                      r"(response_deadline_days|session_notice_days)\s*[*+-]|"
                      r"(?<![.\w])WAITING\b|Status\.AWAITING\s*,|Status\.NEEDS_INFO\s*\)")
TEMPLATE_COMPUTES = re.compile(r"status\s*[!=]=\s*['\"](awaiting|needs_info)|response_deadline_days\s*[*+-]"
                               r"|session_notice_days\s*[*+-]")


def test_no_other_module_computes_a_deadline_or_spells_still_waiting():
    found = [f"{path.relative_to(ROOT)}:{n}: {line.strip()}"
             for path in sorted((ROOT / "forum").rglob("*.py"))
             if str(path.relative_to(ROOT)) not in HOMES and "migrations" not in path.parts
             and path.name != "models.py"  # where the statuses are named
             for n, line in enumerate(path.read_text().splitlines(), 1) if COMPUTES.search(line)]
    found += [f"{path.relative_to(ROOT)}:{n}: {line.strip()}" for path in sorted((ROOT / "templates").rglob("*.html"))
              for n, line in enumerate(path.read_text().splitlines(), 1) if TEMPLATE_COMPUTES.search(line)]
    assert found == [], "ask the clock's home (docs/architecture.md, Clocks):\n" + "\n".join(found)


def test_each_clock_function_has_one_name_and_one_signature():
    """Three `short_notice` functions once shared a name and not a signature."""
    defined = [f"{path.relative_to(ROOT)}" for path in sorted((ROOT / "forum").rglob("*.py"))
               if re.search(r"^def short_notice\(", path.read_text(), re.M)]
    assert defined == ["forum/forums/notice_period.py"]


@PROPERTY
@given(offsets=st.lists(NEAR, min_size=1, max_size=6), answered=st.lists(st.integers(-3, 3), max_size=4))
def test_a_progress_update_lapses_and_a_contest_falls_due_in_sql_exactly_when_in_python(make, offsets, answered):
    """The co-monitor's window (issue 27) on the same rule: an update reported W days and
    `offset` microseconds ago has lapsed in SQL exactly when in Python (a whole second past);
    a contest answered after its days ± a few seconds is late by both."""
    from forum.monitoring import deadlines as monitoring
    from forum.monitoring import queries as monitoring_queries
    from forum.monitoring.models import ContestAnswer, UpdateVerdict
    from tests.helpers.monitoring import monitored
    if not hasattr(make, "monitor_world"):
        make.monitor_world = monitored(make)
    c, v, person, _state = make.monitor_world
    org_id = next(s.organisation_id for s in c.forum.active_seats if s.role == "civil_chair")
    days, answer_days = monitoring.window_days(), monitoring.answer_days()
    try:
        def update(at):
            return ProgressUpdate(commitment_id=c.id, milestone_id=v.milestones[0].id, level="limited", note="n",
                                  evidence="", author_id=person.id, organisation_id=org_id, created_at=at)
        updates = [update(NOW - timedelta(days=days, microseconds=o)) for o in offsets]
        judged = [update(NOW - timedelta(days=90)) for _s in answered]
        db.session.add_all(updates + judged)
        db.session.flush()
        verdicts = [UpdateVerdict(update_id=u.id, commitment_id=c.id, verdict="contested", reason="r",
                                  user_id=person.id, organisation_id=u.organisation_id, created_at=u.created_at)
                    for u in judged]
        db.session.add_all(verdicts)
        db.session.flush()
        db.session.add_all([ContestAnswer(verdict_id=vd.id, reason="r", response_seconds=answer_days * 86400 + s,
                                          user_id=person.id, organisation_id=vd.organisation_id)
                            for vd, s in zip(verdicts, answered, strict=True)])
        db.session.flush()
        in_sql = set(db.session.scalars(select(ProgressUpdate.id).where(
            ProgressUpdate.commitment_id == c.id, monitoring.lapsed_sql(NOW))))
        assert in_sql == {u.id for u in updates if monitoring.lapsed(u, None, NOW)}
        assert in_sql == {u.id for u, o in zip(updates, offsets, strict=True) if o >= US}
        states = monitoring_queries.states(updates, NOW)
        assert {i for i, s in states.items() if s.status == monitoring_queries.LAPSED} == in_sql
        late_sql = set(db.session.scalars(select(ContestAnswer.verdict_id).where(monitoring.answered_late_sql())))
        answers = db.session.scalars(select(ContestAnswer).where(ContestAnswer.verdict_id.in_(
            [vd.id for vd in verdicts]))).all()
        assert late_sql == {a.verdict_id for a in answers if monitoring.answer_days_late(a) is not None}
        assert late_sql == {vd.id for vd, s in zip(verdicts, answered, strict=True) if s > 0}
        figures = monitoring_queries.figures([c.forum_id], NOW)
        assert (figures.lapsed, figures.answered_late) == (len(in_sql), len(late_sql))
    finally:
        db.session.rollback()
