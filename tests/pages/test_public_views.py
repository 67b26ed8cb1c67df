"""Each area's public view, once (issue 26, item 1): what a reader may see of a hidden or
unpublished thing is decided in one module per area (`proposals/public.py` for anything the
co-chairs hide, `consultations/public.py` for comments sealed until the close,
`sessions/public.py` for minutes), as a SQL condition and a Python predicate that agree on
every record; every other reader — the API, the archive, the feeds, search, the front page,
the inbox, the templates — asks them and never reads the columns itself."""
import ast
import re
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from forum.consultations import public as consultations_public
from forum.consultations.models import Consultation, ConsultationComment
from forum.extensions import db
from forum.proposals import public as moderated
from forum.proposals.models import Comment, Proposal
from forum.sessions import public as sessions_public
from forum.sessions.models import ForumSession
from tests.helpers.proposals import chairs

ROOT = Path(__file__).resolve().parents[2]
GUARDED = {"hidden_reason", "hidden_at", "minutes_published_at"}
# The public views themselves, the one writer of each column, and the tables.
HOMES = {"forum/proposals/public.py", "forum/proposals/services/moderation.py",
         "forum/sessions/public.py", "forum/sessions/services/minutes.py"}
REASON = "Contiene datos personales de terceros; se oculta a pedido del afectado."


def test_no_reader_reads_what_hides_or_seals_a_thing():
    offenders = []
    for path in sorted((ROOT / "forum").rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in HOMES or rel.endswith("/models.py") or "/migrations/" in rel:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Attribute) and node.attr in GUARDED:
                offenders.append(f"{rel}:{node.lineno} .{node.attr}")
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "getattr"
                  and len(node.args) > 1 and isinstance(node.args[1], ast.Constant)
                  and node.args[1].value in GUARDED):
                offenders.append(f"{rel}:{node.lineno} getattr {node.args[1].value}")
    assert offenders == [], "ask the area's public.py instead: " + ", ".join(offenders)


def test_no_template_decides_what_is_hidden_or_published():
    pattern = re.compile(r"\b(" + "|".join(sorted(GUARDED)) + r")\b")
    found = [f"{t.relative_to(ROOT)}:{n}" for t in sorted((ROOT / "templates").rglob("*.html"))
             for n, line in enumerate(t.read_text(encoding="utf-8").splitlines(), 1) if pattern.search(line)]
    assert found == [], "use withheld(), shown_title() or minutes_published(): " + ", ".join(found)


@pytest.fixture
def seed():
    def demo_with_hidden_things(make):
        from forum.consultations import services as consultation_services
        from forum.demo import seed as load
        from forum.proposals.services import moderation
        load()
        merged = db.session.scalars(select(Proposal).where(Proposal.merged_into_id.is_not(None))).first()
        target = db.session.get(Proposal, merged.merged_into_id)
        moderation.hide_proposal(chairs(target.forum)["civil_chair"], target, REASON)
        comment = db.session.scalars(select(Comment).order_by(Comment.id)).first()
        moderation.hide_comment(chairs(db.session.get(Proposal, comment.proposal_id).forum)["state_chair"],
                                comment, REASON)
        x = db.session.scalars(select(ConsultationComment).order_by(ConsultationComment.id)).first()
        c = db.session.get(Consultation, x.consultation_id)
        consultation_services.hide_comment(chairs(c.forum)["civil_chair"], x, REASON)
        db.session.commit()
        return {"merged": merged.id, "target": target.id, "title": target.title}
    return demo_with_hidden_things


def _agree(model, condition, predicate):
    rows = list(db.session.scalars(select(model)))
    by_sql = set(db.session.scalars(select(model.id).where(condition)))
    by_python = {r.id for r in rows if predicate(r)}
    assert by_sql == by_python
    return by_sql, {r.id for r in rows} - by_sql


def test_the_sql_and_the_python_of_each_view_agree_on_every_record_of_the_demo(seeded):
    for model in (Proposal, Comment, ConsultationComment):
        shown, hidden = _agree(model, moderated.shown(model), moderated.is_shown)
        assert shown and hidden, model  # both sides occur, so the comparison says something
    shown, unpublished = _agree(ForumSession, sessions_public.published_sql(), sessions_public.published)
    assert shown and unpublished
    # A sealed consultation's comments, a second either side of its close and at its end.
    consultations = list(db.session.scalars(select(Consultation)))
    moments = {t for c in consultations for t in (c.ends_at - timedelta(seconds=1), c.ends_at,
                                                   c.ends_at + timedelta(seconds=1), c.starts_at)}
    by_id = {c.id: c for c in consultations}
    outcomes = set()
    for now in sorted(moments):
        rows = list(db.session.scalars(select(ConsultationComment)))
        by_sql = set(db.session.scalars(select(ConsultationComment.id).join(
            Consultation, Consultation.id == ConsultationComment.consultation_id)
            .where(consultations_public.comment_shown_sql(now))))
        by_python = {x.id for x in rows if consultations_public.comment_shown(by_id[x.consultation_id], x, now)}
        assert by_sql == by_python, now
        outcomes.add(len(by_sql))
    assert len(outcomes) > 1, "the moments chosen change what is shown"


def test_a_hidden_proposal_is_not_named_where_another_was_merged_into_it(client, seeded):
    """Hiding takes back the words everywhere: the page of a proposal merged into a hidden one
    used to print the hidden one's title in "Merged into"."""
    page = client.get(f"/proposals/{seeded['merged']}").get_data(as_text=True)
    assert f"#{seeded['target']}" in page and "Hidden by the co-chairs" in page
    assert seeded["title"] not in page
    target = client.get(f"/proposals/{seeded['target']}").get_data(as_text=True)
    assert REASON in target and seeded["title"] not in target


def test_every_reader_names_a_hidden_proposal_the_same_way(client, seeded):
    """The API and the archive carry the one redacted shape: no words, the public reason."""
    record = client.get(f"/api/v1/proposals/{seeded['target']}").get_json()
    assert record["hidden"] is True and record["hidden_reason"] == REASON
    assert record["title"] is None and record["problem"] is None and record["versions"] == []


@pytest.mark.parametrize("database_kind", ["sqlite"], indirect=True)  # the templates are the subject
def test_a_hidden_proposal_s_words_appear_on_no_page_an_outsider_reaches(client, seeded):
    """Every page, API record, feed, trail page and archive reachable by links from the front
    page, the hidden proposal's page and the page of one merged into it: its title is nowhere.
    (Found this way: "Merged into #1 <title>" on the merged proposal's page.)"""
    from tests.permissions.test_sealed import everything, found
    pages = everything(client, ["/", f"/proposals/{seeded['merged']}", f"/proposals/{seeded['target']}",
                                "/api/v1/proposals?limit=100", "/feeds/atom.xml", "/data/traza-all.zip"], limit=4000)
    assert len(pages) > 400, "the crawl reached the site"
    leaks = [url for url, _n in found(pages, [seeded["title"]])]
    assert leaks == []
