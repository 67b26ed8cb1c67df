"""Recording a workshop held away from the platform, and the inputs gathered at it.

Each input becomes a proposal — with its channel, its region and a `recorded_inputs` row
naming who recorded it, the local witness and the scan of the sheet — rather than a row in
a parallel table: the reasoned-response duty, the clock, the ledger, influence links, fates,
feeds and notifications all read proposals, so they apply to it unchanged. The trail
entry is the ordinary `proposal.submitted`, with the channel and the workshop in its payload.
"""
import hashlib
from datetime import date

from flask_babel import lazy_gettext as _l

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.text import clean
from ...extensions import db
from ...proposals.models import Proposal, ProposalVersion
from ...trail.chain import canonical_json
from ...uploads import services as uploads
from .. import policy
from ..models import RECORDED, RecordedInput, Workshop, WorkshopOrganisation
from ..sheets import SHEET
from . import require_region

PLACE_MIN, PLACE_MAX = 3, 200
TITLE_MIN, TITLE_MAX = 5, 200
TEXT_MIN, TEXT_MAX = 10, 10000
WITNESS_MIN, WITNESS_MAX = 3, 160
ATTENDANCE_MAX = 100000


def record_workshop(actor, forum, *, place, held_on, region, attendance, organisations) -> Workshop:
    """Where and when it was held, how many came, and which organisations were present."""
    policy.may_record_workshop(actor, forum).require()
    place = clean(place, "place", max_len=PLACE_MAX, min_len=PLACE_MIN)
    if not isinstance(held_on, date):
        raise DomainError(_l("Give the date the workshop was held."), "held_on")
    if held_on > utcnow().date():
        raise DomainError(_l("A workshop is recorded once it has been held."), "held_on")
    region = require_region(region)
    if not isinstance(attendance, int) or isinstance(attendance, bool) or not 1 <= attendance <= ATTENDANCE_MAX:
        raise DomainError(_l("Give how many people attended (at least 1)."), "attendance")
    orgs = {o.id: o for o in organisations or []}
    if not orgs:
        raise DomainError(_l("Choose the organisations present."), "organisations")
    if any(not o.is_verified for o in orgs.values()):
        raise DomainError(_l("Choose among the verified organisations listed."), "organisations")
    w = Workshop(forum_id=forum.id, place=place, held_on=held_on, region=region, attendance=attendance,
                 recorded_by_id=actor.id, created_at=utcnow())
    w.organisations = [WorkshopOrganisation(organisation_id=i) for i in sorted(orgs)]
    db.session.add(w)
    trail.record("forum.workshop_recorded", w, actor=actor, forum=forum, payload={
        "place": place, "held_on": held_on.isoformat(), "region": region, "attendance": attendance,
        "organisations": sorted(orgs)})
    return w


def record_input(actor, workshop: Workshop, organisation, *, title, text, witness, channel, sheet,
                 region=None) -> Proposal:
    """One input of the workshop, in the name of an organisation present, as a proposal.
    `sheet`: the uploaded scan or photo (a werkzeug FileStorage), stored through the uploads
    area once everything else is judged, so a refused input leaves no document behind; a
    private document (voice/sheets.py): it shows the attendees' names and signatures."""
    forum = workshop.forum
    policy.may_record_workshop(actor, forum).require()
    if organisation is None or organisation.id not in {o.organisation_id for o in workshop.organisations}:
        raise DomainError(_l("Choose one of the organisations present at the workshop."), "organisation")
    if channel not in RECORDED:
        raise DomainError(_l("Choose how the input was given."), "channel")
    text = clean(text, "text", max_len=TEXT_MAX, min_len=TEXT_MIN)
    title = clean(title, "title", max_len=TITLE_MAX, min_len=TITLE_MIN, required=False) or _title_of(text)
    witness = clean(witness, "witness", max_len=WITNESS_MAX, min_len=WITNESS_MIN)
    region = require_region(region) if region else workshop.region
    if not sheet:
        raise DomainError(_l("Attach the scan or photo of the sheet."), "sheet")
    sheet = uploads.store(actor, sheet, forum, field="sheet", purpose=SHEET)  # private: names, signatures
    now = utcnow()
    fields = {"title": title, "problem": "", "proposal": text, "expected_result": "", "links": ""}
    p = Proposal(forum_id=forum.id, submitter_id=actor.id, organisation_id=organisation.id, group=organisation.kind,
                 submitted_at=now, version=1, region=region, channel=channel, **fields)
    db.session.add(p)
    db.session.flush()
    db.session.add(ProposalVersion(proposal_id=p.id, number=1, author_id=actor.id, values="", created_at=now,
                                   **fields))
    db.session.add(RecordedInput(proposal_id=p.id, workshop_id=workshop.id, recorded_by_id=actor.id,
                                 witness=witness, sheet_sha256=sheet.sha256))
    content = hashlib.sha256(canonical_json({**fields, "values": []}).encode("utf-8")).hexdigest()
    trail.record("proposal.submitted", p, actor=actor, actor_org=organisation, forum=forum, payload={
        "version": 1, "content_sha256": content, "group": p.group, "channel": channel, "region": region,
        "workshop": workshop.id, "witness": witness, "sheet_sha256": sheet.sha256})
    return p


def _title_of(text: str) -> str:
    """The first words of the input, when the facilitator gave no title."""
    first = text.split("\n", 1)[0]
    return first if len(first) <= 80 else first[:79].rsplit(" ", 1)[0] + "…"
