"""A process whose database is replaced under it (a backup restored, `flask reset-demo`, the
next test's copy of one template) must not serve a page it remembered from the other one:
the page versions count changes, and two databases reach the same counts by other
histories. Each bump draws a stamp (forum/trail/versions.py), and remembered pages are
keyed on the stamps too."""
import pytest

from forum.extensions import db
from forum.forums.models import Forum
from tests.helpers.proposals import proposal


def one_forum(make):
    return {"forum": make.forum(open_=True).id}


@pytest.fixture
def seed():
    return one_forum


def test_a_replaced_database_with_equal_counters_never_shows_the_others_page(
        seeded, app, make, new_client, snapshots, database_kind):
    visitor, url = new_client(), f"/forums/{seeded['forum']}/proposals"
    proposal(make, db.session.get(Forum, seeded["forum"]), title="Registro de vertimientos")
    assert "Registro de vertimientos" in visitor.get(url).get_data(as_text=True)  # remembered now

    snapshots.checkout(database_kind, one_forum)  # the same world restored under the running process
    proposal(make, db.session.get(Forum, seeded["forum"]), title="Mapa de concesiones mineras")
    shown = visitor.get(url).get_data(as_text=True)
    assert "Mapa de concesiones mineras" in shown and "Registro de vertimientos" not in shown
