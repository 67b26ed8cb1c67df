"""What each kind of inbox item is called, on the page and in the digest."""
from flask_babel import lazy_gettext as _l

KINDS = {
    "verify_org": _l("Organisation awaiting verification"),
    "join_request": _l("Asks to join your organisation"),
    "answer_proposal": _l("Proposal awaiting the forum's reasoned response"),
    "answer_comment": _l("Consultation comments awaiting a reasoned response"),
    "sign_version": _l("Commitment version awaiting your side's signature"),
    "approve_minutes": _l("Minutes awaiting your side's approval"),
    "answer_discrepancy": _l("A discrepancy with the official plan awaiting the State's reasoned answer"),
    "absorbed_suggestions": _l("Possible contributions absorbed without credit: link or dismiss"),
    "decide_claim": _l("An organisation's claim to a passage, awaiting your side"),
    "answer_contest": _l("Progress update contested by civil society, awaiting the State's answer"),
    "seat_request": _l("An organisation asks for a seat in your forum"),
}
