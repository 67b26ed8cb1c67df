"""The evidence pack of a cycle's OGP minimum requirements: one ZIP an auditor can keep and
check offline with the verifier (`traza-verify pack PACK.zip --key KEY`).

It holds the verdicts and an index of every piece of evidence (index.json and the same rows
in index.csv), the texts of the documents (the forum's rules, published minutes, the
consultation drafts, the reasoned responses), a receipt per trail entry proving it in the
latest signed checkpoint (checkpoint.txt, with its witnesses' cosignatures), and a README in
Spanish and English. Where the trail entry binds the text — minutes by their SHA-256, a
response by its words — the index says so and the verifier checks the document against the
entry, so a document edited inside the pack fails even when its index row is edited too."""
import csv
import hashlib
import io
import json
import zipfile

from flask import url_for
from sqlalchemy import select

from ..consultations.models import Paragraph
from ..core.clock import iso
from ..extensions import db
from ..sessions.models import ForumSession
from ..trail import checkpoints, receipts
from ..trail.models import TrailEntry
from .requirements import Report, plain

FORMAT = "traza-minreq-pack/v1"
COLUMNS = ("requirement", "forum_id", "kind", "title", "at", "seq", "url", "document", "document_sha256",
           "bound_by", "receipt")

README = """# Paquete de evidencia / Evidence pack — {cycle}

## Español

Requisitos mínimos de los Estándares de Participación y Co-creación de OGP (2022) para el
ciclo {cycle}, juzgados a partir de los registros de Traza el {now} (UTC).

- `index.json`: los veredictos, las cifras y la regla de cada requisito, y cada evidencia.
- `index.csv`: las mismas evidencias, una por fila.
- `documents/`: los textos (términos de referencia, actas publicadas, borradores consultados, respuestas razonadas).
- `receipts/`: un recibo por entrada de la traza, con su prueba de inclusión en el último punto de control.
- `checkpoint.txt`: el punto de control firmado y las cofirmas de sus testigos.

Verifícalo sin conexión con la clave de la traza (publicada en /trail/key):

    python3 traza-verify.pyz pack {name} --key 'CLAVE'

## English

Minimum requirements of the OGP Participation and Co-Creation Standards (2022) for cycle
{cycle}, judged from Traza's records on {now} (UTC).

- `index.json`: each requirement's verdicts, figures and rule, and every piece of evidence.
- `index.csv`: the same evidence, one row each.
- `documents/`: the texts (terms of reference, published minutes, consulted drafts, reasoned responses).
- `receipts/`: one receipt per trail entry, with its inclusion proof in the latest checkpoint.
- `checkpoint.txt`: the signed checkpoint and its witnesses' cosignatures.

Check it offline with the log's key (published at /trail/key):

    python3 traza-verify.pyz pack {name} --key 'KEY'
"""


def _texts(report: Report) -> dict[tuple[str, str], str]:
    """The documents' texts, in one statement per kind of document."""
    wanted = {doc for reqs in report.by_forum.values() for r in reqs for e in r.evidence if (doc := e.document)}
    out = {("forum_rules", str(f.id)): f.terms_of_reference for f in report.forums}
    minutes = [int(i) for kind, i in wanted if kind == "minutes"]
    for s in db.session.scalars(select(ForumSession).where(ForumSession.id.in_(minutes or [0]))):
        out[("minutes", str(s.id))] = s.minutes
    drafts: dict[str, list[str]] = {}
    consulted = [int(i) for kind, i in wanted if kind == "consultation"]
    for p in db.session.scalars(select(Paragraph).where(Paragraph.consultation_id.in_(consulted or [0]))
                                .order_by(Paragraph.consultation_id, Paragraph.number)):
        drafts.setdefault(str(p.consultation_id), []).append(f"{p.number}. {p.text}")
    out.update({("consultation", k): "\n\n".join(v) + "\n" for k, v in drafts.items()})
    return out


def build(cycle: str, report: Report) -> tuple[bytes, str]:
    """The ZIP's bytes and its file name."""
    name = f"traza-minreq-{cycle}.zip"
    latest = checkpoints.latest()
    texts = _texts(report)
    rows, seqs = [], set()
    for forum in report.forums:
        for r in report.by_forum[forum.id]:
            for e in r.evidence:
                rows.append({"requirement": r.key, "forum_id": forum.id, "kind": e.kind, "title": e.title,
                             "at": iso(e.at), "seq": e.seq, "url": url_for(e.endpoint, _external=True, **e.params),
                             "document": None, "document_sha256": None, "bound_by": None, "receipt": None,
                             "_doc": texts.get(e.document) if e.document else None})
                if e.kind == "minutes":
                    rows[-1]["bound_by"] = "text_sha256"
    # The reasoned responses: each one's words are in its trail entry, so the entry binds the document.
    responses = list(db.session.scalars(select(TrailEntry).where(
        TrailEntry.forum_id.in_([f.id for f in report.forums] or [0]),
        TrailEntry.action == "proposal.responded").order_by(TrailEntry.seq)))
    for e in responses:
        rows.append({"requirement": "response", "forum_id": e.forum_id, "kind": "response",
                     "title": f"proposal {e.subject_id}", "at": iso(e.at), "seq": e.seq,
                     "url": url_for("proposals.show", proposal_id=int(e.subject_id), _external=True),
                     "document": None, "document_sha256": None, "bound_by": "reason", "receipt": None,
                     "_doc": json.loads(e.payload).get("reason", "")})
    entries = {e.seq: e for e in db.session.scalars(select(TrailEntry).where(
        TrailEntry.seq.in_([row["seq"] for row in rows if row["seq"]] or [0])))}
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for i, row in enumerate(rows, start=1):
            text = row.pop("_doc")
            if text is not None:
                row["document"] = f"documents/{i:05d}-{row['kind']}.txt"
                data = text.encode("utf-8")
                row["document_sha256"] = hashlib.sha256(data).hexdigest()
                z.writestr(row["document"], data)
            if row["seq"] and row["seq"] in entries:
                row["receipt"] = f"receipts/{row['seq']}.json"
                if row["seq"] not in seqs:
                    seqs.add(row["seq"])
                    z.writestr(row["receipt"], json.dumps(receipts.receipt(entries[row["seq"]], latest),
                                                          ensure_ascii=False, indent=1))
        index = {"format": FORMAT, "cycle": cycle, "judged_at": iso(report.now),
                 "checkpoint": "checkpoint.txt" if latest else None,
                 "thresholds": {"channel_days": report.thresholds.channel_days,
                                "reviews_per_year": report.thresholds.reviews_per_year},
                 "verdicts": report.verdicts,
                 "requirements": [{"forum_id": f.id, "forum": f.title, "requirement": r.key, "standard": r.standard,
                                   "wording": str(r.wording), "rule": str(r.rule), "verdict": r.verdict,
                                   "figures": plain(r.figures)}
                                  for f in report.forums for r in report.by_forum[f.id]],
                 "evidence": rows}
        z.writestr("index.json", json.dumps(index, ensure_ascii=False, indent=1))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        z.writestr("index.csv", out.getvalue())
        if latest is not None:
            z.writestr("checkpoint.txt", checkpoints.cosigned(latest))
        z.writestr("README.md", README.format(cycle=cycle, now=iso(report.now), name=name))
    return buf.getvalue(), name
