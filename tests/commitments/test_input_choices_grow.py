"""The link form's choices grow by the comments posted since, without being built again
(forum/commitments/input_choice_queries.py): at five writes a second a comment in the forum
came every few seconds, and each rebuilt all 4,400 of them. What a co-chair is offered is
what a whole build offers, after every kind of change to the forum's inputs."""
import pytest

from forum.commitments import input_choice_queries, inputs
from forum.commitments.queries import input_choices
from forum.extensions import db
from forum.proposals.services import comments
from forum.trail import cache
from tests.helpers.commitments import commitment
from tests.helpers.proposals import answered, proposal


def _whole(app, c) -> dict:
    """The choices built afresh, nothing remembered."""
    cache.clear()
    input_choice_queries.clear()
    with app.test_request_context("/"):
        return _values(input_choices(c))


def _values(grouped) -> dict:
    return {group: [(o.value, o.label) for o in choices] for group, choices in grouped.items()}


@pytest.fixture
def counted(monkeypatch):
    """How many times every input of the forum is read (a whole build)."""
    calls = []
    whole = inputs.candidates
    monkeypatch.setattr(inputs, "candidates", lambda forum_id: calls.append(forum_id) or whole(forum_id))
    return calls


def test_a_comment_on_an_accepted_proposal_is_added_without_building_the_others_again(app, make, counted):
    c = commitment(make)
    accepted = answered(make, c.forum, title="Publicar contratos de obras a tiempo")
    waiting = proposal(make, c.forum, title="Agenda de reuniones abierta")
    citizen = make.user()
    cache.clear()
    input_choice_queries.clear()
    with app.test_request_context("/"):
        first = _values(input_choices(c))
    assert len(counted) == 1
    said = comments.post(citizen, accepted, "Que incluya las adendas de cada contrato.")
    comments.post(citizen, waiting, "Esta aún no tiene respuesta.")  # not an input: its proposal is not accepted
    db.session.commit()
    with app.test_request_context("/"):
        grown = _values(input_choices(c))
        again = _values(input_choices(c))
    assert len(counted) == 1, "the whole list was built again for a comment"
    assert f"comment:{said.id}" in [value for value, _label in grown.get("Comment", [])]
    assert grown != first and grown == again == _whole(app, c)


def test_what_is_not_a_new_comment_builds_the_choices_whole(app, make, counted):
    """A proposal accepted moves the forum's version: the choices are built again, and offer it."""
    c = commitment(make)
    citizen = make.user()
    cache.clear()
    input_choice_queries.clear()
    with app.test_request_context("/"):
        input_choices(c)
    later = answered(make, c.forum, title="Datos abiertos de compras")
    comments.post(citizen, later, "Y las adendas.")
    db.session.commit()
    with app.test_request_context("/"):
        grown = _values(input_choices(c))
    assert len(counted) == 2
    assert f"proposal:{later.id}" in [value for value, _label in grown["Proposal"]]
    assert grown == _whole(app, c)


def test_a_comment_that_is_no_input_leaves_the_list_and_its_form_as_they_were(app, make, counted):
    """The co-chair's form (link_gap) is written once per list: a comment on a proposal still
    waiting for its answer adds nothing, so nothing is built or written again."""
    c = commitment(make)
    waiting = proposal(make, c.forum, title="Agenda de reuniones abierta")
    citizen = make.user()
    cache.clear()
    input_choice_queries.clear()
    with app.test_request_context("/"):
        first = input_choice_queries.current(c)
    comments.post(citizen, waiting, "Esta aún no tiene respuesta.")
    db.session.commit()
    with app.test_request_context("/"):
        after = input_choice_queries.current(c)
    assert after.made == first.made and after.grouped is first.grouped and len(counted) == 1
