"""Importing a published action plan as draft commitments, in the OGP commitment template's
fields (docs/plan-template.csv and .json). The file is read and every commitment checked by
the same rules as the drafting form (services.create), in a transaction that a dry run rolls
back; an import with any refused row creates nothing. The trail records the import with
the file's SHA-256, and the same file imported again into the same forum creates nothing."""
import csv
import hashlib
import io
import json
from dataclasses import dataclass, field, replace
from datetime import date

from flask_babel import lazy_gettext as _l
from sqlalchemy import select

from ... import trail
from ...core.clock import utcnow
from ...core.errors import DomainError
from ...core.lookup import whole_number
from ...core.text import clean
from ...extensions import db
from ...forums.policy import acting_chair
from ...organisations.models import Organisation
from ...organisations.services import name_key
from .. import policy, services
from ..models import Commitment, PlanImport

COMMITMENT_COLUMNS = ("ref", "title", "problem", "status_quo", "description", "contribution", "ogp_relevance",
                      "values", "lead_agency", "supporting", "start_date", "end_date")
MILESTONE_COLUMNS = ("milestone", "milestone_responsible", "milestone_start", "milestone_end")
COLUMNS = COMMITMENT_COLUMNS + MILESTONE_COLUMNS
# Optional: what makes a milestone verifiable (verifiability.py). Plans written before the
# check have none; their milestones are imported and the check flags them before sign-off.
VERIFIABLE = {"milestone_indicator": "indicator", "milestone_baseline": "baseline_value",
              "milestone_baseline_date": "baseline_date", "milestone_baseline_source": "baseline_source",
              "milestone_target": "target", "milestone_unit": "unit", "milestone_verification": "verification"}
MAX_COMMITMENTS = 200


@dataclass
class Row:
    """One commitment of the file, as read, and what the checks said of it."""

    ref: str
    line: str  # where it is in the file: "rows 2–4" or "commitment 1"
    template: dict
    milestones: list[services.MilestoneInput]
    error: str | None = None
    field: str | None = None
    duplicate_of: int | None = None


@dataclass
class Plan:
    sha256: str
    filename: str
    rows: list[Row] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)  # about the whole file
    notes: list[str] = field(default_factory=list)  # e.g. read as Latin-1
    already: PlanImport | None = None
    created: list[int] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems and not any(r.error for r in self.rows) and self.already is None

    @property
    def new_rows(self) -> list[Row]:
        return [r for r in self.rows if r.duplicate_of is None]


class FileProblem(Exception):
    pass


def read(data: bytes, filename: str) -> Plan:
    """Parse the file into rows; a problem with the file as a whole ends the reading."""
    plan = Plan(hashlib.sha256(data).hexdigest(), filename[:200])
    try:
        text = _decode(data, plan)
        if filename.lower().endswith(".json") or text.lstrip().startswith(("{", "[")):
            plan.rows = _from_json(text)
        else:
            plan.rows = _from_csv(text)
        if not plan.rows:
            raise FileProblem(_l("The file holds no commitment."))
        if len(plan.rows) > MAX_COMMITMENTS:
            raise FileProblem(_l("At most %(n)d commitments per file.", n=MAX_COMMITMENTS))
        refs = [r.ref for r in plan.rows]
        for r in plan.rows:
            if refs.count(r.ref) > 1 and r.error is None:
                r.error, r.field = str(_l("The reference “%(ref)s” appears more than once.", ref=r.ref)), "ref"
    except FileProblem as err:
        plan.problems.append(str(err.args[0]))
    return plan


def _decode(data: bytes, plan: Plan) -> str:
    """UTF-8 (with or without the BOM a spreadsheet adds); otherwise the Windows-1252 /
    Latin-1 a Spanish spreadsheet saves, said in a note so accents are checked."""
    if not data.strip():
        raise FileProblem(_l("The file is empty."))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        plan.notes.append(str(_l("The file is not UTF-8; it was read as Latin-1 (Windows-1252), as spreadsheets "
                                 "in Spanish save it. Check the accents in the preview.")))
        return data.decode("cp1252", errors="replace")


def _from_csv(text: str) -> list[Row]:
    """One line per milestone; the commitment's fields on its first line (later lines of the
    same ref may repeat them or leave them blank). Comma, semicolon or tab separated."""
    try:
        dialect = csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;\t")
    except csv.Error:
        raise FileProblem(_l("The first line must hold the column names, separated by commas or semicolons.")) from None
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    header = [h.strip().lower() for h in reader.fieldnames or []]
    missing = [c for c in COLUMNS if c not in header]
    unknown = [h for h in header if h not in COLUMNS and h not in VERIFIABLE]
    if missing or unknown:
        raise FileProblem(_l("Columns missing: %(missing)s. Columns not in the template: %(unknown)s. "
                             "Start from the template file.", missing=", ".join(missing) or "—",
                             unknown=", ".join(unknown) or "—"))
    reader.fieldnames = header
    grouped: dict[str, list[tuple[int, dict]]] = {}
    for number, raw in enumerate(reader, start=2):
        values = {k: (v or "").strip() for k, v in raw.items() if k is not None}
        if not any(values.values()):
            continue
        grouped.setdefault(values["ref"], []).append((number, values))
    rows = []
    for ref, lines in grouped.items():
        first_line, first = lines[0]
        where = str(_l("line %(n)s", n=first_line)) if len(lines) == 1 else \
            str(_l("lines %(a)s–%(b)s", a=first_line, b=lines[-1][0]))
        row = _row(ref, where, first, [dict(milestone=v["milestone"], responsible=v["milestone_responsible"],
                                             start_date=v["milestone_start"], end_date=v["milestone_end"],
                                             **{f: v.get(c, "") for c, f in VERIFIABLE.items()})
                                        for _n, v in lines])
        for n, v in lines[1:]:
            differs = [c for c in COMMITMENT_COLUMNS[1:] if v[c] and v[c] != first[c]]
            if differs and row.error is None:
                row.error = str(_l("Line %(n)s gives another %(field)s for the same reference.", n=n,
                                   field=differs[0]))
                row.field = differs[0]
        rows.append(row)
    return rows


def _from_json(text: str) -> list[Row]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        raise FileProblem(_l("The JSON cannot be read (line %(line)s, column %(col)s).", line=err.lineno,
                             col=err.colno)) from None
    items = data.get("commitments") if isinstance(data, dict) else data
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise FileProblem(_l("The JSON must be {\"commitments\": [ ... ]}, one object per commitment."))
    rows = []
    for n, item in enumerate(items, start=1):
        flat = {c: _text(item.get(c)) for c in COMMITMENT_COLUMNS}
        milestones = item.get("milestones") if isinstance(item.get("milestones"), list) else []
        rows.append(_row(flat["ref"] or str(n), str(_l("commitment %(n)s", n=n)), flat,
                         [dict(milestone=_text(m.get("description")), responsible=_text(m.get("responsible")),
                               start_date=_text(m.get("start_date")), end_date=_text(m.get("end_date")),
                               **{f: _text(m.get(f)) for f in VERIFIABLE.values()})
                          for m in milestones if isinstance(m, dict)]))
    return rows


def _text(value) -> str:
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return "" if value is None else str(value).strip()


def _row(ref: str, where: str, v: dict, milestones: list[dict]) -> Row:
    """Turn names and dates into what services.create takes; a bad one becomes the row's error."""
    row = Row(ref=ref, line=where, template={}, milestones=[])
    try:
        clean(ref, "ref", max_len=40)
        row.template = {
            "title": v["title"], **{f: v[f] for f in services.TEXT_FIELDS},
            "values": [x.strip().lower() for x in v["values"].replace(",", ";").split(";") if x.strip()],
            "lead_agency_id": _organisation(v["lead_agency"], "lead_agency"),
            "supporting": [_organisation(x, "supporting") for x in v["supporting"].split(";") if x.strip()],
            "start_date": _date(v["start_date"], "start_date"), "end_date": _date(v["end_date"], "end_date"),
        }
        row.milestones = [services.MilestoneInput(
            m["milestone"], _organisation(m["responsible"], "milestones"), _date(m["start_date"], "milestones"),
            _date(m["end_date"], "milestones"),
            baseline_date=_date(m["baseline_date"], "milestones") if m["baseline_date"] else None,
            **{f: m[f] or None for f in services.VERIFIABILITY_FIELDS})
            for m in milestones if any(m.values())]
    except DomainError as err:
        row.error, row.field = str(err.message), err.field
    return row


def _organisation(name: str, field_name: str) -> int:
    """A verified organisation, by its number or its name (case and accents as registered)."""
    text = name.strip()
    ident = whole_number(text, high=10**9 - 1)
    org = db.session.get(Organisation, ident) if ident is not None else \
        db.session.scalar(select(Organisation).where(Organisation.name_key == name_key(text))) if text else None
    if org is None:
        raise DomainError(_l("No organisation is registered as “%(name)s”.", name=text or "—"), field_name)
    return org.id


def _date(text: str, field_name: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise DomainError(_l("“%(value)s” is not a date: write it as 2024-03-31.", value=text or "—"),
                          field_name) from None


def run(actor, forum, plan: Plan, *, dry_run: bool) -> Plan:
    """Check (and unless dry, create) every commitment by the drafting rules, in one
    transaction: the caller commits only an import that is ok; a dry run is rolled back.
    A refusal (the forum closed since the dry run) belongs next to the file."""
    replace(policy.may_draft(actor, forum), field="file").require()
    plan.already = db.session.scalar(select(PlanImport).where(PlanImport.forum_id == forum.id,
                                                              PlanImport.sha256 == plan.sha256))
    if plan.problems or plan.already is not None:
        return plan
    titles = {t.casefold(): cid for cid, t in _titles(forum).items()}
    for row in plan.rows:
        if row.error:
            continue
        existing = titles.get(str(row.template.get("title", "")).strip().casefold())
        if existing:
            row.duplicate_of = existing
            continue
        try:  # create() checks the whole template before it writes anything
            c = services.create(actor, forum, row.template, row.milestones)
        except DomainError as err:
            row.error, row.field = str(err.message), err.field
            continue
        plan.created.append(c.id)
        titles[str(row.template["title"]).strip().casefold()] = c.id
    if dry_run or not plan.ok:
        db.session.rollback()
        plan.created = [] if not dry_run else plan.created
        return plan
    chair = acting_chair(actor, forum)
    record = PlanImport(forum_id=forum.id, sha256=plan.sha256, filename=plan.filename, created_by_id=actor.id,
                        created_at=utcnow(), commitments=len(plan.created))
    db.session.add(record)
    db.session.flush()
    trail.record("plan.imported", record, actor=actor, actor_org=chair.organisation, forum=forum,
                 payload={"sha256": plan.sha256, "filename": plan.filename, "commitments": plan.created,
                          "skipped": [r.ref for r in plan.rows if r.duplicate_of]})
    return plan


def import_plan(actor, forum, plan: Plan) -> Plan:
    """The confirmed import, as a service for `core.views.run`: every commitment is created,
    or the whole file is refused with its reason next to the file field and nothing is
    written (the dry run's table still says which row and why)."""
    run(actor, forum, plan, dry_run=False)
    if not plan.ok:
        raise DomainError(plan.problems[0] if plan.problems else NOTHING_IMPORTED_AGAIN if plan.already is not None
                          else NOTHING_IMPORTED, "file")
    return plan


NOTHING_IMPORTED = _l("Nothing was imported: a file with any refused row creates nothing. Correct the rows "
                      "marked refused and send the file again.")
NOTHING_IMPORTED_AGAIN = _l("Nothing was imported: this file was already imported into this forum.")


def _titles(forum) -> dict[int, str]:
    from ..queries import titles
    return titles(list(db.session.scalars(select(Commitment).where(Commitment.forum_id == forum.id))))
