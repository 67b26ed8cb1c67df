"""Refresh the catalogues after changing user-facing text.

    python scripts/translations.py            # extract, merge, compile; list Spanish gaps
    python scripts/translations.py es.json    # also take Spanish from {"msgid": "msgstr" | [forms]}

A message with a context (`from flask_babel import lazy_pgettext as _p`; _p("influence", "Merged"))
is keyed "influence|Merged" in es.json.

English is filled from the source text; Spanish must be written by a person (tests/i18n/test_i18n.py
fails on any gap). The header of each catalogue is kept, which `pybabel update` would drop
for a template written without one."""
import json
import subprocess
import sys
from pathlib import Path

from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
DIR = ROOT / "forum" / "translations"
POT = DIR / "messages.pot"


def main(spanish_file: str | None = None) -> int:
    subprocess.run(["pybabel", "extract", "-F", "babel.cfg", "-k", "_l", "-k", "lazy_gettext",
                    "-k", "lazy_ngettext:1,2", "-k", "_p:1c,2", "-o", str(POT), "--no-location",
                    "--sort-output", "--omit-header", "."], cwd=ROOT, check=True, capture_output=True)
    given = json.loads(Path(spanish_file).read_text("utf-8")) if spanish_file else {}
    gaps = []
    for lang in ("es", "en"):
        path = DIR / lang / "LC_MESSAGES" / "messages.po"
        catalog = read_po(path.open("rb"), locale=lang)
        # A fresh template each time: update() shares new message objects with it, and a
        # Spanish string set on one must not reach the English catalogue.
        catalog.update(read_po(POT.open("rb")), no_fuzzy_matching=True)
        catalog.obsolete.clear()
        for msg in catalog:
            if not msg.id:
                continue
            key = msg.id[0] if isinstance(msg.id, tuple) else msg.id
            if msg.context:
                key = f"{msg.context}|{key}"
            empty = not msg.string or (isinstance(msg.string, tuple) and not all(msg.string))
            if lang == "en":
                msg.string = msg.id  # the source text is English
            elif lang == "es" and key in given:
                value = given[key]
                msg.string = tuple(value) if isinstance(msg.id, tuple) else value
            elif lang == "es" and empty:
                gaps.append(key)
            msg.flags.discard("fuzzy")
        with path.open("wb") as f:
            write_po(f, catalog, no_location=True, sort_output=True, width=100)
    subprocess.run(["pybabel", "compile", "-d", str(DIR)], cwd=ROOT, check=True, capture_output=True)
    for key in gaps:
        print("missing es:", json.dumps(key, ensure_ascii=False))
    return 1 if gaps else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
