"""Submitting, editing and withdrawing proposals.

Every save is a new version; the trail entry carries a hash of the version's text, so the
public can prove later that what a forum answered is what was submitted.
"""
import hashlib
import re

from flask_babel import lazy_gettext as _l

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.text import clean
from ...extensions import db
from ...trail.chain import canonical_json
from .. import policy
from ..models import OgpValue, Proposal, ProposalValue, ProposalVersion, Status

TITLE_MAX = 200
TITLE_MIN = 5
TEXT_MIN, TEXT_MAX = 10, 10000
LINKS_MAX = 10


def submit(actor, forum, organisation, *, title, problem, proposal, expected_result, values,
           links="") -> Proposal:
    """Anyone acting for a verified organisation may submit to an open forum."""
    if organisation is None:
        raise DomainError(_l("You can submit only on behalf of a verified organisation you belong to."),
                          "organisation")
    policy.may_submit(actor, forum, organisation).require()
    text = _clean_text(title, problem, proposal, expected_result, values, links)
    now = utcnow()
    p = Proposal(forum_id=forum.id, submitter_id=actor.id, organisation_id=organisation.id,
                 group=organisation.kind, submitted_at=now, version=1, region=organisation.region, **text.fields)
    p.values = [ProposalValue(value=v) for v in text.values]
    db.session.add(p)
    db.session.flush()
    version = _save_version(p, actor, text)
    trail.record("proposal.submitted", p, actor=actor, actor_org=organisation, forum=forum,
                 payload={"version": 1, "content_sha256": version, "group": p.group})
    return p


def edit(actor, p: Proposal, *, title, problem, proposal, expected_result, values, links="") -> None:
    """The submitter may edit until the first response; each edit is a new version."""
    policy.may_edit(actor, p).require()
    text = _clean_text(title, problem, proposal, expected_result, values, links)
    for name, value in text.fields.items():
        setattr(p, name, value)
    p.values = [ProposalValue(value=v) for v in text.values]
    p.version += 1
    version = _save_version(p, actor, text)
    trail.record("proposal.edited", p, actor=actor, actor_org=p.organisation, forum=p.forum,
                 payload={"version": p.version, "content_sha256": version})


def withdraw(actor, p: Proposal) -> None:
    policy.may_withdraw(actor, p).require()
    p.status, p.withdrawn_at = Status.WITHDRAWN, utcnow()
    trail.record("proposal.withdrawn", p, actor=actor, actor_org=p.organisation, forum=p.forum)


class _Text:
    def __init__(self, fields: dict, values: list[str]):
        self.fields, self.values = fields, values


def _clean_text(title, problem, proposal, expected_result, values, links) -> _Text:
    values = sorted(set(values or []))
    if not values:
        raise DomainError(_l("Choose at least one OGP value."), "values")
    if not set(values) <= set(OgpValue):
        raise DomainError(_l("Choose among the OGP values listed."), "values")
    link_list = [line.strip() for line in (links or "").splitlines() if line.strip()]
    if len(link_list) > LINKS_MAX:
        raise DomainError(_l("At most %(n)d links.", n=LINKS_MAX), "links")
    for link in link_list:
        if len(link) > 500 or not re.match(r"^https?://[^\s/$.?#][^\s]*$", link):
            raise DomainError(_l("Each link must be a web address starting with http:// or https://."), "links")
    return _Text({
        "title": clean(title, "title", max_len=TITLE_MAX, min_len=TITLE_MIN),
        "problem": clean(problem, "problem", max_len=TEXT_MAX, min_len=TEXT_MIN),
        "proposal": clean(proposal, "proposal", max_len=TEXT_MAX, min_len=TEXT_MIN),
        "expected_result": clean(expected_result, "expected_result", max_len=TEXT_MAX, min_len=TEXT_MIN),
        "links": "\n".join(link_list),
    }, values)


def _save_version(p: Proposal, actor, text: _Text) -> str:
    """Store the version and return the SHA-256 of its canonical text for the trail."""
    content = {**text.fields, "values": text.values}
    db.session.add(ProposalVersion(proposal_id=p.id, number=p.version, author_id=actor.id,
                                   values=",".join(text.values), created_at=utcnow(), **text.fields))
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()
