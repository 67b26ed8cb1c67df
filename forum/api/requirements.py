"""/api/v1/cycles/<cycle>/requirements and /api/v1/forums/<id>/requirements: the OGP
minimum requirements as the requirement pages show them (dashboards/requirements.py)."""
from flask import url_for
from marshmallow import Schema, fields, validate

from ..core.views import get_or_404
from ..dashboards import figures, requirements, thresholds
from ..forums.models import Forum
from . import schemas
from .errors import ApiError
from .http import trail_head_time
from .operations import operation
from .routes import bp

VERDICTS = validate.OneOf([requirements.MET, requirements.NOT_MET, requirements.NOT_YET_DUE])


class EvidenceSchema(Schema):
    kind = schemas.string()
    title = schemas.string()
    at = schemas.moment()
    seq = fields.Integer(required=True, allow_none=True, metadata={"description": "its trail entry"})
    html_url = schemas.string()
    receipt_url = fields.String(required=True, allow_none=True,
                                metadata={"description": "its receipt, proved in the latest checkpoint"})


class ForumRequirementSchema(Schema):
    forum = schemas.nested(schemas.ForumRefSchema)
    verdict = schemas.string(validate=VERDICTS)
    figures = schemas.req(fields.Dict(keys=fields.String(), values=fields.Raw()))
    evidence = schemas.list_of(fields.Nested(EvidenceSchema))


class RequirementSchema(Schema):
    key = schemas.string()
    standard = schemas.string()
    wording = schemas.string()
    rule = schemas.string()
    verdict = schemas.string(validate=VERDICTS)
    forums = schemas.list_of(fields.Nested(ForumRequirementSchema))


class RequirementsSchema(Schema):
    cycle = schemas.string()
    judged_at = schemas.moment()
    thresholds = schemas.req(fields.Dict(keys=fields.String(), values=fields.Integer()))
    requirements = schemas.list_of(fields.Nested(RequirementSchema))
    evidence_pack_url = schemas.string()
    html_url = schemas.string()


def _evidence(e: requirements.Evidence) -> dict:
    return {"kind": e.kind, "title": e.title, "at": requirements.plain(e.at), "seq": e.seq,
            "html_url": url_for(e.endpoint, _external=True, **e.params),
            "receipt_url": url_for("requirements.receipt", seq=e.seq, _external=True) if e.seq else None}


def _answer(cycle: str, forums: list[Forum], html_url: str) -> tuple[dict, object]:
    t = thresholds.current()
    report = requirements.evaluate(forums, t)
    out = []
    for i, key in enumerate(requirements.WORDING):
        first = report.by_forum[forums[0].id][i]
        out.append({"key": key, "standard": first.standard, "wording": str(first.wording), "rule": str(first.rule),
                    "verdict": report.verdicts[key],
                    "forums": [{"forum": {"id": r.forum.id, "title": r.forum.title}, "verdict": r.verdict,
                                "figures": requirements.plain(r.figures),
                                "evidence": [_evidence(e) for e in r.evidence]} for r in report.rows(key)]})
    return {"cycle": cycle, "judged_at": requirements.plain(report.now),
            "thresholds": {"channel_days": t.channel_days, "reviews_per_year": t.reviews_per_year},
            "requirements": out, "html_url": html_url,
            "evidence_pack_url": url_for("requirements.pack", cycle=cycle, _external=True)}, trail_head_time()


@operation(bp, "/cycles/<cycle>/requirements", RequirementsSchema, tag="figures",
           summary="A cycle's OGP minimum requirements, from the record")
def cycle_requirements(cycle):
    """Each minimum requirement of the OGP Participation and Co-Creation Standards (2022): its
    wording, the rule that judges it from the records, and per forum the figures, the verdict
    (met, not_met, not_yet_due) and the evidence with its trail entry and receipt."""
    forums = figures.cycle_forums(cycle)
    if not forums:
        raise ApiError(404, "not_found", "No forum belongs to this cycle: there are no requirements to judge.",
                       field="cycle")
    return _answer(cycle, forums, url_for("requirements.cycle", cycle=cycle, _external=True))


@operation(bp, "/forums/<int:ident>/requirements", RequirementsSchema, tag="figures",
           summary="A forum's OGP minimum requirements, from the record")
def forum_requirements(ident):
    """The same as the cycle's, for one forum."""
    f = get_or_404(Forum, ident)
    return _answer(f.cycle, [f], url_for("requirements.forum", forum_id=f.id, _external=True))
