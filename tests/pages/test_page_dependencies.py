"""Every page says what it shows (forum/pagedeps.py): a page left out used to be keyed on the
whole trail head silently, so one vote anywhere made it stale with every other — the front
page, the cycle's figures, the new areas' pages. Now a GET endpoint the page cache may keep
must be listed, and one keyed on the head must say why."""
from forum import pagedeps
from forum.extensions import db
from forum.sessions.services import motions
from forum.trail import versions
from tests.helpers.live import live, motion, seated_forum
from tests.helpers.proposals import proposal


def test_every_page_a_visitor_may_be_kept_says_what_it_shows(app):
    undeclared = []
    for rule in app.url_map.iter_rules():
        view = app.view_functions[rule.endpoint]
        if "GET" in rule.methods and rule.endpoint != "static" and not getattr(view, "page_cache_skip", False) \
                and rule.endpoint not in pagedeps.DEPENDS:
            undeclared.append(rule.rule)
    assert undeclared == [], "say what these pages show in forum/pagedeps.py"
    head = {e: f.reason for e, f in pagedeps.DEPENDS.items() if hasattr(f, "reason")}
    assert all(head.values())
    # what the issue named as rebuilt at every write anywhere is keyed on what it shows now
    for endpoint in ("pages.home", "pages.find", "dashboards.cycle", "dashboards.forum", "organisations.show",
                     "plans.cycle", "monitoring.cycle_list", "requirements.cycle", "voice.workshop",
                     "absorbed.forum_page", "proposals.index", "trail.entry"):
        assert endpoint not in head, endpoint


def test_a_vote_moves_only_the_live_facet_of_its_forum_and_cycle(make):
    """The versions a busy act moves (forum/trail/versions.py): the live facet of its forum
    and of its cycle — not their versions, which their other pages are keyed on — and never
    the front page's, which lists none of them; another cycle's stay. A proposal submitted
    moves the front page, its forum and its cycle."""
    forum, members = seated_forum(make)
    other = make.forum(open_=True)
    other.cycle = "2031-2033"
    s = live(forum, present=members.values())
    m = motion(s, forum)
    live_ = versions.LIVE
    keys = (versions.FRONT, f"forum:{forum.id}:{live_}", versions.cycle_key(forum.cycle, live_),
            versions.cycle_key(other.cycle, live_), f"forum:{forum.id}", versions.cycle_key(forum.cycle))
    before = versions.read(keys)[1]
    motions.vote(members["civil_society"], s, m.id, "yes")
    db.session.commit()
    after = versions.read(keys)[1]
    assert [after.get(k, 0) - before.get(k, 0) for k in keys] == [0, 1, 1, 0, 0, 0]
    proposal(make, forum, title="Registro de vertimientos")
    db.session.commit()
    assert [versions.read(keys)[1].get(k, 0) - after.get(k, 0) for k in keys] == [1, 0, 0, 0, 1, 1]
