"""The archive's tables of contributions absorbed without credit (issue 28): the detector's
suggestions and the organisations' claims, each with its decision and public reason — the
rows the API and the pages show (commitments/absorbed_queries.py)."""
from flask_babel import lazy_gettext as _l

from ..commitments.absorbed_queries import absorbed, as_json
from .tables import FORUM, ID, C, Table


def _rows(kind: str):
    def rows(ids):
        for forum_id in ids:
            for row in as_json(absorbed(forum_id, labelled=False))[kind]:
                yield {**row, "forum_id": forum_id}
    return rows


STATE = C("state", "string", _l("pending, linked (for a claim: confirmed) or dismissed (for a claim: rejected)"),
          True)
REASON = C("reason", "string", _l("The public reason of a dismissal or a rejection"))
LINK = C("link", "integer", _l("The influence link it became, if linked"))
COMMON = (ID, FORUM, C("commitment", "integer", _l("Commitment"), True),
          C("version", "integer", _l("Version"), True))

TABLES: tuple[Table, ...] = (
    Table("absorbed_suggestions", _l("Contributions absorbed without credit: the detector's suggestions"), (
        *COMMON, C("source_type", "string", _l("proposal, comment or consultation_comment")),
        C("source_id", "integer", _l("Number of the input")),
        C("shared", "integer", _l("Word sequences of the input found in the version")),
        C("total", "integer", _l("Word sequences of the input")),
        C("share", "number", _l("shared / total")),
        C("passage", "string", _l("The version's words that repeat the input")), STATE, REASON, LINK,
    ), _rows("suggestions"), foreign_keys=(("commitment", "commitments", "id"),)),
    Table("absorbed_claims", _l("Contributions absorbed without credit: organisations' claims"), (
        *COMMON, C("proposal", "integer", _l("The organisation's proposal the passage came from")),
        C("organisation", "string", _l("The claiming organisation")),
        C("passage", "string", _l("The passage claimed, as the version says it")), STATE, REASON, LINK,
    ), _rows("claims"), foreign_keys=(("commitment", "commitments", "id"), ("proposal", "proposals", "id"))),
)
