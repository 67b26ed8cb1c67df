"""Quorum and vote counting: pure functions over plain data, so they are tested on
hand-computed cases and read the same in the page, the socket events and the trail.

Quorum rules (a forum's `quorum_rule`):
- ``majority_both`` (default): more than half of the members present, with at least one
  member of the State and one of civil society among them — co-governance needs both.
- ``majority``: more than half of the members present.

Voting rules (a motion's `rule`):
- ``simple``: an option carries with more than half of the votes cast. Abstentions are
  not votes cast. On yes/no/abstain, "yes" carries with yes > no; a tie does not carry.
- ``double``: the same option needs more than half of the votes cast by State members
  *and* more than half of those cast by civil-society members. A group that casts no vote
  gives no majority, so nothing carries.
"""
from collections import Counter

STATE, CIVIL = "government", "civil_society"
ABSTAIN = "abstain"
QUORUM_RULES = ("majority_both", "majority")


def quorum(members: list[str], present: list[str], rule: str = "majority_both") -> dict:
    """`members` and `present` are the stakeholder groups of each member and of each member
    present. Returns whether quorum is met and why."""
    needed = len(members) // 2 + 1
    groups = Counter(present)
    met = len(present) >= needed and len(members) > 0
    if rule == "majority_both":
        met = met and groups[STATE] > 0 and groups[CIVIL] > 0
    return {"met": met, "members": len(members), "present": len(present), "needed": needed,
            "state_present": groups[STATE], "civil_present": groups[CIVIL], "rule": rule}


def _winner(counts: Counter) -> str | None:
    """The option with more than half of the votes cast (abstentions excluded), if any."""
    cast = {k: n for k, n in counts.items() if k != ABSTAIN}
    total = sum(cast.values())
    for option, n in cast.items():
        if total and n * 2 > total:
            return option
    return None


def count(options: list[str], ballots: list[tuple[str, str]], rule: str) -> dict:
    """`ballots` are (group, option). Returns the tally overall and per group, and the
    outcome: the winning option, or None when nothing carries."""
    overall = Counter({o: 0 for o in options})
    by_group: dict[str, Counter] = {}
    for group, option in ballots:
        overall[option] += 1
        by_group.setdefault(group, Counter({o: 0 for o in options}))[option] += 1
    if rule == "double":
        state = _winner(by_group.get(STATE, Counter()))
        civil = _winner(by_group.get(CIVIL, Counter()))
        outcome = state if state is not None and state == civil else None
    else:
        outcome = _winner(overall)
    yes_no = set(options) == {"yes", "no", ABSTAIN}
    return {"tally": dict(overall), "by_group": {g: dict(c) for g, c in sorted(by_group.items())},
            "cast": sum(n for o, n in overall.items() if o != ABSTAIN), "ballots": len(ballots),
            "outcome": outcome, "carried": (outcome == "yes") if yes_no else outcome is not None,
            "rule": rule}
