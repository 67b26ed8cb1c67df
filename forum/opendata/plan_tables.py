"""The archive's tables of the agreed and adopted plans (issue 27): the agreed plan with each
version's hash, the official instruments and their texts, and the discrepancies with the
State's answers and civil society's dissents."""
from flask_babel import lazy_gettext as _l

from .plans import cycle_records
from .tables import AT, FORUM, ID, C, Table


def _each(ids, key):
    for record in cycle_records(ids):
        for row in record[key]:
            yield record, row


def _agreed(ids):
    for _r, row in _each(ids, "agreed"):
        yield {"forum_id": row["forum"], **{k: v for k, v in row.items() if k != "forum"}}


def _instruments(ids):
    seen = set()
    for r, row in _each(ids, "instruments"):
        if row["id"] not in seen:
            seen.add(row["id"])
            yield {"cycle": r["cycle"], **row}


def _adopted(ids):
    for _r, row in _each(ids, "adopted"):
        yield {"forum_id": row["forum"], "instrument_id": row["instrument"],
               **{k: v for k, v in row.items() if k not in ("forum", "instrument")}}


def _discrepancies(ids):
    for _r, d in _each(ids, "discrepancies"):
        yield {"id": d["id"], "forum_id": d["forum"], "kind": d["kind"], "commitment_id": d["commitment"],
               "adopted_id": d["adopted"], "instrument_id": d["instrument"], "fields": ";".join(d["fields"]),
               "days": d["days"], "opened_at": d["opened_at"], "due_at": d["due_at"], "state": d["state"],
               "answer": d["answer"], "answered_at": d["answered_at"], "days_late": d["days_late"]}


def _dissents(ids):
    for _r, d in _each(ids, "discrepancies"):
        for x in d["dissents"]:
            yield {"discrepancy_id": d["id"], "organisation_id": x["organisation"]["id"],
                   "organisation_name": x["organisation"]["name"], "reason": x["reason"], "at": x["at"]}


PLAN_TABLES: tuple[Table, ...] = (
    Table("agreed_commitments", _l("The plan as agreed by both co-chairs"), (
        FORUM, C("agreed_item", "integer", _l("Number of the commitment in the agreed plan"), True),
        C("agreed_at", "datetime", _l("When the second co-chair signed, UTC")),
        C("plan_sha256", "string", _l("SHA-256 over the agreed plan's versions")),
        C("commitment", "integer", _l("Commitment")), C("version", "integer", _l("Version agreed")),
        C("title", "string", _l("Title")), C("sha256", "string", _l("SHA-256 of the version's text, as on the trail")),
    ), _agreed, primary_key=("agreed_item",), foreign_keys=(("forum_id", "forums", "id"),)),
    Table("plan_instruments", _l("Official instruments adopting the plan"), (
        ID, C("cycle", "string", _l("Action-plan cycle"), True),
        C("kind", "string", _l("rm (Resolución Ministerial), ds (Decreto Supremo) or other")),
        C("number", "string", _l("Number")), C("issuer", "string", _l("Issuing body")),
        C("published_on", "date", _l("Date of publication")), C("starts_on", "date", _l("Official start")),
        C("ends_on", "date", _l("Official end")), C("url", "string", _l("Web address of the publication")),
        C("pdf_sha256", "string", _l("SHA-256 of the document")),
        C("retroactive", "boolean", _l("Starts before its publication")),
    ), _instruments),
    Table("adopted_commitments", _l("Commitments as the official plan adopted them"), (
        ID, FORUM, C("instrument_id", "integer", _l("Instrument"), True), C("title", "string", _l("Title")),
        C("problem", "string", _l("Problem")), C("status_quo", "string", _l("Status quo")),
        C("description", "string", _l("Description")), C("contribution", "string", _l("Contribution")),
        C("ogp_relevance", "string", _l("Relevance to OGP values")), C("values", "string", _l("OGP values")),
    ), _adopted, foreign_keys=(("forum_id", "forums", "id"), ("instrument_id", "plan_instruments", "id"))),
    Table("discrepancies", _l("Discrepancies between the agreed and the adopted plan"), (
        ID, FORUM, C("kind", "string", _l("omitted, altered, added, late or retroactive")),
        C("commitment_id", "integer", _l("Agreed commitment")), C("adopted_id", "integer", _l("Adopted commitment")),
        C("instrument_id", "integer", _l("Instrument")), C("fields", "string", _l("Fields altered, separated by ;")),
        C("days", "integer", _l("Days (late: from agreement to publication)")),
        C("opened_at", "datetime", _l("Opened, UTC")), C("due_at", "datetime", _l("Answer due, UTC")),
        C("state", "string", _l("on_time, late, waiting or overdue")),
        C("answer", "string", _l("The State's reasoned answer")), C("answered_at", "datetime", _l("Answered, UTC")),
        C("days_late", "integer", _l("Days late, when answered late")),
    ), _discrepancies, foreign_keys=(("forum_id", "forums", "id"),)),
    Table("dissents", _l("Civil society's dissents"), (
        C("discrepancy_id", "integer", _l("Discrepancy"), True),
        C("organisation_id", "integer", _l("Organisation that dissents"), True),
        C("organisation_name", "string", _l("Name of that organisation")),
        C("reason", "string", _l("Its reasons")), AT,
    ), _dissents, primary_key=("discrepancy_id", "organisation_id"),
        foreign_keys=(("discrepancy_id", "discrepancies", "id"),)),
)
