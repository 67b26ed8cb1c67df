"""The official instrument that adopted a cycle's plan, and each commitment's text as it
adopted it: typed, pasted or imported. What is recorded is what was published; a correction
is a new instrument or a new text, never an edit."""
import re
from dataclasses import dataclass
from datetime import date

from flask_babel import lazy_gettext as _l

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.text import clean
from ...extensions import db
from ...forums.models import Forum
from ...uploads.services import store
from .. import policy
from ..models import AdoptedText, Instrument, Kind


@dataclass(frozen=True)
class Official:
    kind: str
    number: str
    issuer: str
    published_on: date
    starts_on: date
    ends_on: date
    url: str


@dataclass(frozen=True)
class Text:
    title: str
    problem: str = ""
    status_quo: str = ""
    description: str = ""
    contribution: str = ""
    ogp_relevance: str = ""
    values: str = ""


def record(actor, cycle: str, o: Official, pdf=None) -> Instrument:
    """`pdf`: the uploaded file (a werkzeug FileStorage) of the instrument as published: stored
    by the uploads under its SHA-256 (at most 20 MB, its type read from its bytes), which
    goes on the trail with the instrument."""
    policy.may_record_instrument(actor, cycle).require()
    if o.kind not in set(Kind):
        raise DomainError(_l("Choose the kind of instrument."), "kind")
    number = clean(o.number, "number", max_len=80)
    issuer = clean(o.issuer, "issuer", max_len=200)
    if o.ends_on <= o.starts_on:
        raise DomainError(_l("The plan must end after it starts."), "ends_on")
    url = clean(o.url, "url", max_len=500)
    if not re.match(r"^https?://[^\s/]+\S*$", url):
        raise DomainError(_l("A web address starting with http:// or https://."), "url")
    sha = name = size = None
    if pdf is not None:
        doc = store(actor, pdf, field="pdf")
        if doc.media_type != "application/pdf":
            raise DomainError(_l("The official plan's document must be a PDF."), "pdf")
        sha, name, size = doc.sha256, doc.filename, doc.size
    i = Instrument(cycle=cycle, kind=o.kind, number=number, issuer=issuer, published_on=o.published_on,
                   starts_on=o.starts_on, ends_on=o.ends_on, url=url, pdf_sha256=sha, pdf_name=name, pdf_size=size,
                   recorded_by_id=actor.id, created_at=utcnow())
    db.session.add(i)
    trail.record("plan.instrument_recorded", i, actor=actor, payload={
        "cycle": cycle, "kind": o.kind, "number": number, "issuer": issuer,
        "published_on": o.published_on.isoformat(), "starts_on": o.starts_on.isoformat(),
        "ends_on": o.ends_on.isoformat(), "url": url, "pdf_sha256": sha, "pdf_size": size})
    return i


def add_text(actor, instrument: Instrument, forum: Forum | None, t: Text) -> AdoptedText:
    policy.may_add_text(actor, instrument, forum).require()
    assert forum is not None
    values = ",".join(v.strip() for v in t.values.split(",") if v.strip())
    row = AdoptedText(instrument_id=instrument.id, forum_id=forum.id, title=clean(t.title, "title", max_len=200),
                      problem=clean(t.problem, "problem", max_len=5000, required=False),
                      status_quo=clean(t.status_quo, "status_quo", max_len=5000, required=False),
                      description=clean(t.description, "description", max_len=10000, required=False),
                      contribution=clean(t.contribution, "contribution", max_len=5000, required=False),
                      ogp_relevance=clean(t.ogp_relevance, "ogp_relevance", max_len=5000, required=False),
                      values=clean(values, "values", max_len=100, required=False), author_id=actor.id,
                      created_at=utcnow())
    db.session.add(row)
    trail.record("plan.text_recorded", row, actor=actor, forum=forum,
                 payload={"instrument": instrument.id, "title": row.title})
    return row
