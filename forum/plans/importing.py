"""The official plan's commitments imported from a file in the OGP template (the plan import's
CSV or JSON, read by commitments.importer): a dry run shows each row beside the agreed
commitment it would most likely match, and nothing is saved until the co-chair confirms; a
file with any refused row saves nothing."""
from dataclasses import dataclass
from types import SimpleNamespace

from ..commitments.services.importer import Plan, Row
from ..forums.models import Forum
from . import agreed_queries, compare, policy
from .models import Instrument
from .services import official


@dataclass(frozen=True)
class Line:
    row: Row
    agreed: object  # the agreed item it would most likely match, or None
    score: float


def preview(instrument: Instrument, forum: Forum, plan: Plan) -> list[Line]:
    """Each row of the file with its suggested agreed commitment (compare.suggest)."""
    latest = agreed_queries.latest_agreed(forum)
    items = latest.items if latest is not None else []
    texts = [SimpleNamespace(id=n, title=r.template.get("title", ""), description=r.template.get("description", ""),
                             problem=r.template.get("problem", "")) for n, r in enumerate(plan.rows)]
    found = compare.suggest([(i.id, i.version) for i in items], texts)
    by_row = {n: (next(i for i in items if i.id == item_id), score) for item_id, (n, score) in found.items()}
    return [Line(r, *by_row.get(n, (None, 0.0))) for n, r in enumerate(plan.rows)]


def run(actor, instrument: Instrument, forum: Forum, plan: Plan) -> list:
    """Record each row as an adopted text; the caller commits only a plan that is ok."""
    policy.may_add_text(actor, instrument, forum).require()
    return [official.add_text(actor, instrument, forum, official.Text(
        r.template["title"], r.template["problem"], r.template["status_quo"], r.template["description"],
        r.template["contribution"], r.template["ogp_relevance"], ",".join(r.template["values"])))
        for r in plan.rows if plan.ok]
