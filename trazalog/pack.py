"""Checking an evidence pack of the OGP minimum requirements (a ZIP from
/cycles/<cycle>/requirements/evidence.zip), offline:

- every receipt proves its entry in the log (`verify_receipt`), all in the pack's own signed
  checkpoint (checkpoint.txt), so one checkpoint anchors the whole pack;
- every row of index.json names the entry its receipt holds, and index.csv lists the same rows;
- every document is the one the index hashed, and where the trail entry binds its text
  (published minutes by their SHA-256, a reasoned response by its words) it is that text.

OK when all of it holds, PENDING when nothing is wrong but no checkpoint covers an entry yet,
FAIL naming the first file that does not hold."""
import csv
import hashlib
import io
import json
import zipfile

from .messages import Said, Text
from .verify import FAIL, OK, PENDING, Result, verify_receipt

FORMAT = "traza-minreq-pack/v1"


def verify_pack(path: str, log_key: str) -> Result:
    try:
        with zipfile.ZipFile(path) as z:
            return _check(z, log_key)
    except Said as err:
        return Result(FAIL, err.text)
    except (OSError, zipfile.BadZipFile, KeyError, ValueError, TypeError) as err:
        return Result(FAIL, Text("malformed evidence pack: {reason}", reason=str(err)))


def _check(z: zipfile.ZipFile, log_key: str) -> Result:
    index = json.loads(z.read("index.json"))
    if index.get("format") != FORMAT:
        raise Said("malformed evidence pack: {reason}", reason=f"format is not {FORMAT}")
    checkpoint = z.read("checkpoint.txt").decode("utf-8") if index.get("checkpoint") else None
    rows = index["evidence"]
    listed = list(csv.DictReader(io.StringIO(z.read("index.csv").decode("utf-8"))))
    if [(r["seq"], r["document_sha256"]) for r in listed] != \
            [(str(r["seq"] or ""), r["document_sha256"] or "") for r in rows]:
        raise Said("index.csv does not list the same evidence as index.json")
    pending, checked = 0, {}
    for row in rows:
        entry = None
        if row.get("receipt"):
            if row["receipt"] not in checked:
                data = json.loads(z.read(row["receipt"]))
                result = verify_receipt(data, log_key)
                if result.status == FAIL:
                    raise Said("{file}: {reason}", file=row["receipt"], reason=result.text)
                if result.status == OK and data.get("checkpoint") != checkpoint:
                    raise Said("{file} is not proved in the pack's checkpoint", file=row["receipt"])
                pending += result.status == PENDING
                checked[row["receipt"]] = data["entry"]
            entry = checked[row["receipt"]]
            if entry.get("seq") != row["seq"]:
                raise Said("{file} holds entry {got}, not the entry {seq} the index names",
                           file=row["receipt"], got=entry.get("seq"), seq=row["seq"])
        if row.get("document"):
            text = z.read(row["document"])
            if hashlib.sha256(text).hexdigest() != row["document_sha256"]:
                raise Said("{file} is not the document the index hashed", file=row["document"])
            if row.get("bound_by") and entry is not None:
                _bound(row, text, entry)
    if pending:
        return Result(PENDING, Text("evidence pack of {cycle}: {n} receipts wait for the next checkpoint",
                                    cycle=index.get("cycle"), n=pending))
    return Result(OK, Text("evidence pack of {cycle}: {n} pieces of evidence, {r} receipts in the checkpoint",
                           cycle=index.get("cycle"), n=len(rows), r=len(checked)))


def _bound(row: dict, text: bytes, entry: dict) -> None:
    """The document is the text its trail entry commits to."""
    payload = entry.get("payload") or {}
    field = row["bound_by"]
    if field == "text_sha256":
        ok = hashlib.sha256(text).hexdigest() == payload.get("text_sha256")
    else:
        ok = text.decode("utf-8") == payload.get(field)
    if not ok:
        raise Said("{file} is not the text trail entry {seq} records", file=row["document"], seq=row["seq"])
