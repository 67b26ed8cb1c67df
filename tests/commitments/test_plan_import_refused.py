"""A refused plan import goes through `run` like any write: the co-chair sees the reason next
to the file field, on the form, not an error page, and nothing is written."""
import re

import pytest

from forum.extensions import db
from forum.forums.models import Forum, ForumStatus
from tests.commitments.test_plan_import import TEMPLATE_CSV, chair, commitments, confirm, upload  # noqa: F401  (fixtures)
from tests.conftest import trail_length
from tests.worlds import demo


@pytest.fixture
def seed():
    return demo


def file_error(page: str) -> str:
    """The reason shown under the file field (templates/_forms.html), or ''."""
    found = re.search(r'<p class="error" id="file-error">(.*?)</p>', page, re.S)
    return found.group(1) if found else ""


def test_a_confirmed_file_with_a_refused_row_says_so_next_to_the_file(chair):  # noqa: F811
    before, length = commitments(), trail_length()
    refused = TEMPLATE_CSV.replace(b"transparency;accountability", b"transparencia")
    r = confirm(chair, refused)
    page = r.get_data(as_text=True)
    assert r.status_code == 400
    assert "a file with any refused row creates nothing" in file_error(page), page[-3000:]
    assert "Choose at least one OGP value" in page  # the row that was refused, and why
    assert commitments() == before and trail_length() == length


def test_a_forum_closed_since_the_dry_run_refuses_the_import_on_the_form(chair):  # noqa: F811
    assert upload(chair, TEMPLATE_CSV).status_code == 200
    db.session.get(Forum, 1).status = ForumStatus.CLOSED
    db.session.commit()
    before, length = commitments(), trail_length()
    r = confirm(chair, TEMPLATE_CSV)
    page = r.get_data(as_text=True)
    assert r.status_code == 400
    assert "Commitments are drafted while the forum is open." in file_error(page), page[-3000:]
    assert commitments() == before and trail_length() == length
