"""Quorum and both voting rules on cases counted by hand, ties included."""
import pytest

from forum.sessions.vote_counting import count, quorum

G, C, A, P = "government", "civil_society", "academia", "private"
YNA = ["yes", "no", "abstain"]


@pytest.mark.parametrize("members, present, rule, met", [
    ([G, C, A, P, G], [G, C, A], "majority_both", True),       # 3 of 5, both sides
    ([G, C, A, P, G], [G, C], "majority_both", False),         # 2 of 5: no majority
    ([G, C, A, P], [G, C], "majority_both", False),            # 2 of 4 is half, not more
    ([G, C, A, P], [G, A, P], "majority_both", False),         # majority, but no civil society
    ([G, C, A, P], [G, A, P], "majority", True),               # the plain rule does not ask
    ([G, C, C, C, A], [C, C, C], "majority_both", False),      # no State
    ([], [], "majority_both", False),
])
def test_quorum(members, present, rule, met):
    q = quorum(members, present, rule)
    assert q["met"] is met
    assert q["needed"] == len(members) // 2 + 1


@pytest.mark.parametrize("ballots, outcome, carried", [
    ([(G, "yes"), (C, "yes"), (A, "no")], "yes", True),
    ([(G, "yes"), (C, "no")], None, False),                                 # tie does not carry
    ([(G, "yes"), (C, "no"), (A, "abstain"), (P, "abstain")], None, False),  # abstentions are not cast
    ([(G, "yes"), (C, "abstain"), (A, "abstain")], "yes", True),             # 1 of 1 cast
    ([(G, "no"), (C, "no"), (A, "yes")], "no", False),
    ([], None, False),
])
def test_simple_majority_yes_no(ballots, outcome, carried):
    r = count(YNA, ballots, "simple")
    assert (r["outcome"], r["carried"]) == (outcome, carried)
    assert r["ballots"] == len(ballots)


@pytest.mark.parametrize("ballots, outcome", [
    # State 2-1 yes, civil society 2-0 yes: both majorities.
    ([(G, "yes"), (G, "yes"), (G, "no"), (C, "yes"), (C, "yes")], "yes"),
    # Overall 4 yes to 3 no, but civil society 1-2: no double majority.
    ([(G, "yes"), (G, "yes"), (G, "yes"), (C, "yes"), (C, "no"), (C, "no"), (A, "no")], None),
    # State tied 1-1: no majority there.
    ([(G, "yes"), (G, "no"), (C, "yes")], None),
    # Civil society cast nothing (only abstained): no majority in that group.
    ([(G, "yes"), (C, "abstain")], None),
    # Academia and private do not count in a double majority, whatever they vote.
    ([(G, "yes"), (C, "yes"), (A, "no"), (P, "no"), (A, "no")], "yes"),
    # Both groups say no: "no" has the double majority, the motion does not carry.
    ([(G, "no"), (C, "no")], "no"),
])
def test_double_majority(ballots, outcome):
    r = count(YNA, ballots, "double")
    assert r["outcome"] == outcome
    assert r["carried"] is (outcome == "yes")


def test_choices_need_more_than_half_and_groups_are_tallied():
    options = ["Lima", "Cusco", "Iquitos"]
    r = count(options, [(G, "Lima"), (C, "Cusco"), (A, "Lima"), (C, "Iquitos")], "simple")
    assert r["outcome"] is None and r["carried"] is False          # 2 of 4 is not more than half
    assert r["tally"] == {"Lima": 2, "Cusco": 1, "Iquitos": 1}
    assert r["by_group"] == {A: {"Lima": 1, "Cusco": 0, "Iquitos": 0}, C: {"Lima": 0, "Cusco": 1, "Iquitos": 1},
                             G: {"Lima": 1, "Cusco": 0, "Iquitos": 0}}
    r = count(options, [(G, "Lima"), (C, "Lima"), (A, "Cusco")], "simple")
    assert r["outcome"] == "Lima" and r["carried"] is True
    r = count(options, [(G, "Lima"), (C, "Cusco")], "double")
    assert r["outcome"] is None
