"""The archive's table of the OGP minimum requirements (issue 28): one row per forum and
requirement with the rule as written, the thresholds it used, its figures, the forum's verdict
and its cycle's, and the trail entries of its evidence — the same judgement as the
requirement pages and the API (dashboards/requirements.py), taken when the archive is built,
so a researcher can group verdicts by cycle in pandas and check each against the trail
shipped beside it."""
import json
from itertools import groupby

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ..core.clock import iso
from ..dashboards import requirements, thresholds
from ..extensions import db
from ..forums.models import Forum
from .tables import FORUM, C, Table, both


def _rows(ids):
    """Each cycle's forums judged together, so the cycle's verdict is the requirement page's."""
    t = thresholds.current()
    forums = db.session.scalars(select(Forum).where(Forum.id.in_(ids)).order_by(Forum.cycle, Forum.id))
    for cycle, group in groupby(forums, key=lambda f: f.cycle):
        report = requirements.evaluate(list(group), t)
        for forum_id, reqs in report.by_forum.items():
            for r in reqs:
                wording, wording_es = both(r.wording)
                rule, rule_es = both(r.rule)
                yield {"cycle": cycle, "forum_id": forum_id, "requirement": r.key, "standard": r.standard,
                       "wording": wording, "wording_es": wording_es, "rule": rule, "rule_es": rule_es,
                       "channel_days": t.channel_days, "reviews_per_year": t.reviews_per_year,
                       "figures": json.dumps(requirements.plain(r.figures), ensure_ascii=False, sort_keys=True),
                       "verdict": r.verdict, "cycle_verdict": report.verdicts[r.key],
                       "evidence_seqs": ";".join(str(e.seq) for e in r.evidence if e.seq is not None),
                       "judged_at": iso(report.now)}


REQUIREMENT_TABLES: tuple[Table, ...] = (
    Table("requirements", _l("OGP minimum requirements: each forum's verdict and its cycle's, from the record"), (
        C("cycle", "string", _l("Cycle of the action plan"), True), FORUM,
        C("requirement", "string", _l("Requirement code: forum, repository, timeline, channels, response or "
                                      "reviews"), True),
        C("standard", "string", _l("Number of the OGP Participation and Co-Creation Standard it belongs to")),
        C("wording", "string", _l("The requirement, in English")),
        C("wording_es", "string", _l("The requirement, in Spanish")),
        C("rule", "string", _l("The rule that judges it from the record, in English")),
        C("rule_es", "string", _l("The rule, in Spanish")),
        C("channel_days", "integer", _l("Threshold used: days a consultation must stay open (MINREQ_CHANNEL_DAYS)")),
        C("reviews_per_year", "integer", _l("Threshold used: implementation reviews a year "
                                            "(MINREQ_REVIEWS_PER_YEAR)")),
        C("figures", "string", _l("The figures the rule used, as a JSON object")),
        C("verdict", "string", _l("The forum's verdict: met, not_met or not_yet_due"), True),
        C("cycle_verdict", "string", _l("The cycle's verdict, not_met if any of its forums fails it"), True),
        C("evidence_seqs", "string", _l("Trail entry numbers of its evidence, separated by ;")),
        C("judged_at", "datetime", _l("When it was judged (the archive's build), in UTC")),
    ), _rows, primary_key=("forum_id", "requirement"), foreign_keys=(("forum_id", "forums", "id"),)),
)
