"""Atom feeds (RFC 4287) of what the public follows: new proposals, official responses,
consultations opened, closed and concluded, sessions scheduled, minutes published,
commitments drafted, revised and adopted, and signed checkpoints. They are read off the
trail, which records every one of these in its transaction, so a feed cannot announce what
did not happen; a consultation's close, which happens by the clock, is read off its end."""
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import datetime

from flask import current_app, url_for
from flask_babel import gettext as _
from sqlalchemy import select

from ..commitments.models import Commitment
from ..commitments.queries import titles as commitment_titles
from ..consultations.models import Consultation
from ..core.clock import utcnow
from ..extensions import db
from ..proposals import public as moderated
from ..proposals.models import Proposal
from ..sessions.models import ForumSession
from ..trail.labels import action_label, subject_url
from ..trail.models import TrailEntry
from .records import rfc3339

ATOM = "http://www.w3.org/2005/Atom"
ACTIONS = ("proposal.submitted", "proposal.responded", "proposal.response_revised", "proposal.merged",
           "consultation.opened", "consultation.concluded", "session.scheduled", "session.minutes_published",
           "commitment.drafted", "commitment.version_saved", "commitment.adopted", "trail.checkpoint")
SIZE = 50


@dataclass(frozen=True)
class Item:
    id: str
    title: str
    link: str
    updated: datetime
    summary: str


def items(forum_id: int | None = None, now: datetime | None = None) -> list[Item]:
    """The newest SIZE events, newest first, in a fixed number of queries."""
    now = now or utcnow()
    query = select(TrailEntry).where(TrailEntry.action.in_(ACTIONS)).order_by(TrailEntry.seq.desc()).limit(SIZE)
    if forum_id is not None:
        query = query.where(TrailEntry.forum_id == forum_id)
    entries = list(db.session.scalars(query))
    names = _subject_titles(entries)
    out = [Item(id=url_for("trail.entry", seq=e.seq, _external=True),
                title=f"{action_label(e.action).capitalize()}: {names.get((e.subject_type, e.subject_id), '')}"
                .rstrip(": "),
                link=_absolute(subject_url(e)) or url_for("trail.entry", seq=e.seq, _external=True),
                updated=e.at, summary=_("Trail entry %(n)s.", n=e.seq)) for e in entries]
    closed = select(Consultation).where(Consultation.ends_at <= now).order_by(Consultation.ends_at.desc()).limit(SIZE)
    if forum_id is not None:
        closed = closed.where(Consultation.forum_id == forum_id)
    for c in db.session.scalars(closed):
        out.append(Item(id=url_for("consultations.show", consultation_id=c.id, _external=True) + "#closed",
                        title=f"{_('Consultation closed')}: {c.title}",
                        link=url_for("consultations.show", consultation_id=c.id, _external=True), updated=c.ends_at,
                        summary=_("The comment period ended; the forum now owes a reasoned response to each comment.")))
    return sorted(out, key=lambda i: i.updated, reverse=True)[:SIZE]


def _absolute(path: str | None) -> str | None:
    return url_for("pages.home", _external=True).rstrip("/") + path if path else None


def _subject_titles(entries) -> dict[tuple[str, str], str]:
    """One query per kind of subject; a hidden proposal is named as such."""
    wanted: dict[str, set[int]] = {}
    for e in entries:
        if e.subject_id.isdigit():
            wanted.setdefault(e.subject_type, set()).add(int(e.subject_id))
    out: dict[tuple[str, str], str] = {}
    if ids := wanted.get("proposal"):
        for p in db.session.scalars(select(Proposal).where(Proposal.id.in_(ids))):
            out[("proposal", str(p.id))] = moderated.title(p)
    for kind, model in (("consultation", Consultation), ("session", ForumSession)):
        if ids := wanted.get(kind):
            for ident, title in db.session.execute(select(model.id, model.title).where(model.id.in_(ids))):
                out[(kind, str(ident))] = title
    if ids := wanted.get("commitment"):
        rows = db.session.scalars(select(Commitment).where(Commitment.id.in_(ids)))
        out.update({("commitment", str(k)): v for k, v in commitment_titles(list(rows)).items()})
    if ids := wanted.get("checkpoint") or wanted.get("trail"):
        out.update({(t, str(i)): _("tree size %(n)s", n=i) for t in ("checkpoint", "trail") for i in ids})
    return out


def atom(title: str, self_url: str, page_url: str, entries: list[Item], language: str) -> bytes:
    """The feed document; ElementTree escapes every text, so no title can break the XML."""
    ET.register_namespace("", ATOM)
    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": language})

    def sub(parent, tag, text=None, **attrs):
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = text
        return el

    sub(feed, "id", self_url)
    sub(feed, "title", title)
    sub(feed, "updated", rfc3339(entries[0].updated if entries else utcnow()))
    sub(sub(feed, "author"), "name", "Traza")
    sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    sub(feed, "link", rel="alternate", type="text/html", href=page_url)
    licence = current_app.config["CONTENT_LICENSE"]
    sub(feed, "rights", _("Content under %(licence)s unless stated otherwise.", licence=licence["title"]))
    for item in entries:
        entry = sub(feed, "entry")
        sub(entry, "id", item.id)
        sub(entry, "title", item.title)
        sub(entry, "updated", rfc3339(item.updated))
        sub(entry, "link", rel="alternate", type="text/html", href=item.link)
        sub(entry, "summary", item.summary)
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(feed, encoding="utf-8")
