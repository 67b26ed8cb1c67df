"""The bulk open-data archive of a cycle (or of the whole platform): one CSV and one JSON file
per table, a Frictionless `datapackage.json` describing them (types, descriptions in
English and Spanish, primary and foreign keys), the whole trail export with its
checkpoints, the licence and a README. Archives are kept in instance/opendata/ and rebuilt
when the trail has grown and the copy is older than OPENDATA_MAX_AGE_MINUTES (or by
`flask opendata build` from a timer); a download never sees a half-written file."""
import csv
import io
import json
import os
import tempfile
import zipfile
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from sqlalchemy import func, select

from ..core.clock import utcnow
from ..core.spreadsheet import rows as safe_rows
from ..extensions import db
from ..forums.models import Forum
from ..trail.export import export_lines
from ..trail.models import TrailCheckpoint, TrailEntry
from .records import rfc3339
from .tables import TABLES, Table, both

ALL = "all"


@dataclass(frozen=True)
class Archive:
    name: str  # a cycle such as 2019-2021, or "all"
    path: str
    size: int
    built_at: datetime
    trail_size: int


def scopes() -> list[str]:
    """The archives there are: the whole platform, then each cycle, newest first."""
    return [ALL, *db.session.scalars(select(Forum.cycle).distinct().order_by(Forum.cycle.desc()))]


def _forum_ids(name: str) -> list[int]:
    query = select(Forum.id).order_by(Forum.id)
    return list(db.session.scalars(query if name == ALL else query.where(Forum.cycle == name)))


def _directory() -> str:
    path = os.path.join(current_app.instance_path, "opendata")
    os.makedirs(path, exist_ok=True)
    return path


def filename(name: str) -> str:
    return f"traza-{name}.zip"


def stored(name: str) -> Archive | None:
    path = os.path.join(_directory(), filename(name))
    meta = path + ".json"
    if not (os.path.exists(path) and os.path.exists(meta)):
        return None
    with open(meta) as fh:
        info = json.load(fh)
    return Archive(name, path, os.path.getsize(path), datetime.fromisoformat(info["built_at"]), info["trail_size"])


def trail_size() -> int:
    return db.session.scalar(select(func.count()).select_from(TrailEntry)) or 0


def current(name: str) -> Archive:
    """The archive to hand out: the stored one unless the record moved on and it is stale."""
    have = stored(name)
    max_age = timedelta(minutes=current_app.config["OPENDATA_MAX_AGE_MINUTES"])
    if have is None or (have.trail_size != trail_size() and utcnow() - have.built_at >= max_age):
        return build(name)
    return have


def build(name: str) -> Archive:
    """Write the archive beside its final name and move it into place in one step."""
    ids = _forum_ids(name) if name == ALL or name in scopes() else None
    if ids is None:
        raise LookupError(name)
    size = trail_size()
    built = utcnow()
    directory = _directory()
    fd, tmp = tempfile.mkstemp(dir=directory, suffix=".part")
    with os.fdopen(fd, "wb") as fh, zipfile.ZipFile(fh, "w", zipfile.ZIP_DEFLATED) as z:
        for table in TABLES:
            rows = list(table.rows(ids))
            z.writestr(f"data/{table.name}.csv", _csv(table, rows))
            z.writestr(f"data/{table.name}.json", json.dumps(_typed(table, rows), ensure_ascii=False, indent=1))
        z.writestr("datapackage.json", json.dumps(descriptor(name, built), ensure_ascii=False, indent=2))
        with z.open("trail/traza-trail.jsonl", "w") as out:
            for line in export_lines():
                out.write(line.encode())
        z.writestr("LICENSE.txt", _licence_text())
        z.writestr("README.md", _readme(name, built, size))
    path = os.path.join(directory, filename(name))
    os.replace(tmp, path)
    with open(path + ".json.part", "w") as meta:
        json.dump({"built_at": built.isoformat(), "trail_size": size}, meta)
    os.replace(path + ".json.part", path + ".json")
    return Archive(name, path, os.path.getsize(path), built, size)


def _csv(table: Table, rows: list[dict]) -> str:
    """UTF-8, comma, header row, CRLF (RFC 4180); text that a spreadsheet would run as a
    formula is neutralised like every CSV the app writes."""
    out = io.StringIO()
    writer = csv.writer(out)
    names = [c.name for c in table.columns]
    writer.writerow(names)
    writer.writerows(safe_rows([_cell(r.get(n)) for n in names] for r in rows))
    return out.getvalue()


def _cell(value):
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _typed(table: Table, rows: list[dict]) -> list[dict]:
    names = [c.name for c in table.columns]
    return [{n: r.get(n) for n in names} for r in rows]


def licence() -> dict:
    return dict(current_app.config["CONTENT_LICENSE"])


def descriptor(name: str, built: datetime) -> dict:
    """The Data Package descriptor (Frictionless v2 profile, v1-compatible keys)."""
    resources = []
    for t in TABLES:
        title, title_es = both(t.title)
        fields = []
        for c in t.columns:
            en, es = both(c.description)
            spec: dict = {"name": c.name, "type": c.type, "description": en, "description_es": es}
            if c.required:
                spec["constraints"] = {"required": True}
            fields.append(spec)
        schema: dict = {"fields": fields, "primaryKey": list(t.primary_key)}
        if t.foreign_keys:
            schema["foreignKeys"] = [{"fields": col, "reference": {"resource": ref, "fields": ref_col}}
                                     for col, ref, ref_col in t.foreign_keys]
        resources.append({"name": t.name, "path": f"data/{t.name}.csv", "format": "csv", "mediatype": "text/csv",
                          "encoding": "utf-8", "title": title, "title_es": title_es, "schema": schema})
    scope = "todos los ciclos / all cycles" if name == ALL else name
    return {
        "name": f"traza-{name}", "title": f"Traza — {scope}",
        "description": "Open data of a Traza platform: forums, proposals and their reasoned responses, "
                       "consultations, commitments and what shaped them, sessions and votes. Each table also "
                       "comes as JSON in data/; the trail (trail/traza-trail.jsonl) verifies with traza-verify.",
        "description_es": "Datos abiertos de una plataforma Traza: foros, propuestas y sus respuestas razonadas, "
                          "consultas, compromisos y lo que los formó, sesiones y votaciones.",
        "created": rfc3339(built), "licenses": [licence()], "resources": resources,
    }


def _licence_text() -> str:
    lic = licence()
    return (f"{lic['title']} ({lic['name']})\n{lic.get('path', '')}\n\n"
            "Attribution: cite the platform and the URL of each record (url/html_url in the JSON files).\n"
            "Atribución: cite la plataforma y la URL de cada registro.\n")


def _readme(name: str, built: datetime, size: int) -> str:
    latest = db.session.scalar(select(TrailCheckpoint).order_by(TrailCheckpoint.size.desc()).limit(1))
    checkpoint = f"; latest signed checkpoint: tree size {latest.size}" if latest else ""
    return f"""# Traza — {name}

Built / generado: {rfc3339(built)}, over {size} trail entries{checkpoint}.

- `datapackage.json`: Frictionless Data Package — every column typed and described (English and Spanish),
  primary and foreign keys. Validate: `frictionless validate datapackage.json`.
- `data/*.csv`: UTF-8, comma-separated, first row the column names. Python: `csv.DictReader(open(path,
  encoding="utf-8"))`; pandas: `pandas.read_csv(path)`. Times are UTC (RFC 3339), booleans `true`/`false`,
  lists separated by `;`. A text that begins with = + - @ starts with an apostrophe so no spreadsheet runs it.
- `data/*.json`: the same rows, typed (numbers, booleans, null).
- `trail/traza-trail.jsonl`: the whole trail with its signed checkpoints: `traza-verify trail/traza-trail.jsonl`.

## Abrir los CSV en una hoja de cálculo en español

Excel: Datos → Obtener datos → Desde texto/CSV, Origen del archivo «65001: Unicode (UTF-8)», Delimitador «Coma».
LibreOffice Calc: Archivo → Abrir, Juego de caracteres «Unicode (UTF-8)», Separado por «Coma».
(Abrir el archivo con doble clic usa el separador «;» de la configuración regional y pone todo en una columna.)
"""
