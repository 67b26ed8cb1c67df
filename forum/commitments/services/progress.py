"""Implementation tracking: after adoption, the lead agency's members or the co-chairs
report each milestone's progress, with a note and evidence. Reports are never changed;
the latest per milestone is its level, and the commitment's completion follows from them."""
import re
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.text import clean
from ...extensions import db
from ...notifications.services import notify
from ...proposals.models import Proposal
from ...uploads import services as uploads
from .. import notices, policy
from ..models import Commitment, CommitmentVersion, How, Level, Milestone, ProgressUpdate
from ..queries import adopted_version, current, links

NOTE_MIN, NOTE_MAX, EVIDENCE_MAX = 10, 3000, 10


def report(actor, commitment: Commitment, milestone: Milestone, level: str, note: str,
           evidence: str = "", checked_on: date | None = None, document=None) -> ProgressUpdate:
    """`evidence` (links) needs `checked_on`, the date someone opened them; `document` is an
    uploaded file (stored by `uploads.store` once every other rule passed, so a refused
    report stores nothing). One or the other is required (issue 27): progress with nothing
    to check it against is only the State's word."""
    adopted = adopted_version(commitment)
    org = policy.reporter_org(actor, commitment, adopted)
    if org is None or adopted is None:
        raise policy.may_report_progress(actor, commitment, adopted).error()
    if milestone.version_id != adopted.id:
        raise DomainError(_l("Report on the milestones of the adopted version."), "milestone")
    if level not in set(Level):
        raise DomainError(_l("Choose a level of progress."), "level")
    note = clean(note, "note", max_len=NOTE_MAX, min_len=NOTE_MIN)
    urls = [u.strip() for u in (evidence or "").splitlines() if u.strip()]
    if len(urls) > EVIDENCE_MAX or any(not re.match(r"^https?://\S+$", u) or len(u) > 500 for u in urls):
        raise DomainError(_l("Evidence: up to %(n)d web addresses, one per line, starting with http:// or https://.",
                             n=EVIDENCE_MAX), "evidence")
    _require_evidence(urls, checked_on, document)
    sha256 = uploads.store(actor, document, commitment.forum, field="document").sha256 if document else None
    update = ProgressUpdate(commitment_id=commitment.id, milestone_id=milestone.id, level=level, note=note,
                            evidence="\n".join(urls), evidence_checked_on=checked_on if urls else None,
                            evidence_sha256=sha256, author_id=actor.id, organisation_id=org.id, created_at=utcnow())
    db.session.add(update)
    db.session.flush()
    trail.record("milestone.progress", commitment, actor=actor, actor_org=org, forum=commitment.forum,
                 payload={"milestone": milestone.position, "version": adopted.number, "level": level, "note": note,
                          "evidence": update.evidence, "checked_on": str(checked_on) if urls else None,
                          "document": sha256})
    _tell_followers(actor, commitment, milestone, level)
    return update


def _require_evidence(urls: list[str], checked_on: date | None, document) -> None:
    if not urls and not document:
        raise DomainError(_l("Give the evidence: upload a document, or give a link and the date you checked it."),
                          "evidence")
    if urls and checked_on is None:
        raise DomainError(_l("Give the date you checked the link."), "evidence_checked_on")
    if urls and checked_on is not None and checked_on > utcnow().date():
        raise DomainError(_l("The date the link was checked cannot be in the future."), "evidence_checked_on")


def _tell_followers(actor, commitment, milestone, level) -> None:
    """Whoever submitted a proposal that shaped the commitment hears how it is being kept."""
    ids = db.session.scalars(select(CommitmentVersion.id).where(CommitmentVersion.commitment_id == commitment.id))
    # An input "not taken up" is never told it shaped the commitment.
    shaped = {link.source_id for link in current(links(list(ids)))
              if link.source_type == "proposal" and link.how != How.NOT_TAKEN_UP}
    for p in db.session.scalars(select(Proposal).where(Proposal.id.in_(shaped))):
        notify([p.submitter_id], "progress", p, {"commitment": commitment.id, "milestone": milestone.position,
                                                 "level": level}, actor, describe=notices.describe)
