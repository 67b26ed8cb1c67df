"""A workshop's scanned sheet is a private document: the uploads area, below this one,
stores it with the purpose `SHEET` and asks the rule registered here (`init_app`, at app
start) — `policy.may_read_sheet`, with `policy.SHEET_PRIVATE` said wherever it is listed."""
from ..uploads import purposes
from . import policy

SHEET = "workshop_sheet"


def init_app(_app=None) -> None:
    purposes.register(SHEET, policy.may_read_sheet, policy.SHEET_PRIVATE)
