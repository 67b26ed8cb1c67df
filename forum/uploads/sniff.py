"""What a file is, read from its first bytes (and, for the zip- and CFB-based office
formats, from its directory), never from its name or the Content-Type the browser sent:
both are the uploader's word. Python's stdlib is enough (zipfile), so no libmagic.

`Kind.what` is said of the content ("a PNG image"), `Kind.named` of what a file name
promises ("a PDF"): "The file's content is a PNG image, not a PDF."
"""
import zipfile
from dataclasses import dataclass
from typing import BinaryIO

from flask_babel import lazy_gettext as _l


@dataclass(frozen=True)
class Kind:
    media_type: str
    extensions: tuple[str, ...]  # the first is added to a name that has none
    what: object  # lazy strings
    named: object


_OOXML = "application/vnd.openxmlformats-officedocument."
_ODF = "application/vnd.oasis.opendocument."
KINDS = {k.media_type: k for k in (
    Kind("application/pdf", (".pdf",), _l("a PDF document"), _l("a PDF")),
    Kind("image/png", (".png",), _l("a PNG image"), _l("a PNG image")),
    Kind("image/jpeg", (".jpg", ".jpeg"), _l("a JPEG image"), _l("a JPEG image")),
    Kind("image/gif", (".gif",), _l("a GIF image"), _l("a GIF image")),
    Kind("image/webp", (".webp",), _l("a WebP image"), _l("a WebP image")),
    Kind(_OOXML + "wordprocessingml.document", (".docx",), _l("a Word document"), _l("a Word document")),
    Kind(_OOXML + "spreadsheetml.sheet", (".xlsx",), _l("an Excel spreadsheet"), _l("an Excel spreadsheet")),
    Kind(_OOXML + "presentationml.presentation", (".pptx",), _l("a PowerPoint presentation"),
         _l("a PowerPoint presentation")),
    Kind(_ODF + "text", (".odt",), _l("an OpenDocument text"), _l("an OpenDocument text")),
    Kind(_ODF + "spreadsheet", (".ods",), _l("an OpenDocument spreadsheet"), _l("an OpenDocument spreadsheet")),
    Kind(_ODF + "presentation", (".odp",), _l("an OpenDocument presentation"), _l("an OpenDocument presentation")),
    Kind("application/msword", (".doc",), _l("a Word 97-2003 document"), _l("a Word 97-2003 document")),
    Kind("application/vnd.ms-excel", (".xls",), _l("an Excel 97-2003 spreadsheet"),
         _l("an Excel 97-2003 spreadsheet")),
    Kind("application/vnd.ms-powerpoint", (".ppt",), _l("a PowerPoint 97-2003 presentation"),
         _l("a PowerPoint 97-2003 presentation")),
    Kind("text/csv", (".csv",), _l("a CSV text file"), _l("a CSV file")),
)}
BY_EXTENSION = {ext: k for k in KINDS.values() for ext in k.extensions}

_CFB = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
# The stream each legacy Office format keeps its content in, as the CFB directory spells
# the name (UTF-16LE). Searching the file for it stands in for walking the FAT chain.
_CFB_STREAMS = (("WordDocument", "application/msword"), ("Workbook", "application/vnd.ms-excel"),
                ("Book", "application/vnd.ms-excel"), ("PowerPoint Document", "application/vnd.ms-powerpoint"))
_OOXML_PARTS = (("word/", "wordprocessingml.document"), ("xl/", "spreadsheetml.sheet"),
                ("ppt/", "presentationml.presentation"))
CHUNK = 64 * 1024


def sniff(f: BinaryIO) -> Kind | None:
    """The kind of the (seekable) file's content, or None when it is none we accept."""
    f.seek(0)
    head = f.read(16)
    if head.startswith(b"%PDF-"):
        return KINDS["application/pdf"]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return KINDS["image/png"]
    if head.startswith(b"\xff\xd8\xff"):
        return KINDS["image/jpeg"]
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return KINDS["image/gif"]
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return KINDS["image/webp"]
    if head.startswith(b"PK\x03\x04"):
        return _zipped(f)
    if head.startswith(_CFB):
        return _cfb(f)
    return KINDS["text/csv"] if _utf8_text(f) else None


def _zipped(f: BinaryIO) -> Kind | None:
    """OOXML names its parts in [Content_Types].xml; ODF stores its media type, uncompressed,
    in a first member called `mimetype`. Any other zip is refused."""
    f.seek(0)
    try:
        with zipfile.ZipFile(f) as z:
            names = z.namelist()
            if names and names[0] == "mimetype":
                declared = z.read("mimetype")[:100].decode("ascii", "replace").strip()
                return KINDS.get(declared) if declared.startswith(_ODF) else None
            if "[Content_Types].xml" in names:
                for prefix, kind in _OOXML_PARTS:
                    if any(n.startswith(prefix) for n in names):
                        return KINDS[_OOXML + kind]
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, NotImplementedError):
        return None
    return None


def _cfb(f: BinaryIO) -> Kind | None:
    found = _scan(f, [name.encode("utf-16-le") for name, _ in _CFB_STREAMS])
    for name, media_type in _CFB_STREAMS:
        if name.encode("utf-16-le") in found:
            return KINDS[media_type]
    return None


def _scan(f: BinaryIO, needles: list[bytes]) -> set[bytes]:
    """The needles found anywhere in the file, read in chunks (overlapping by the longest)."""
    f.seek(0)
    keep = max(len(n) for n in needles)
    found: set[bytes] = set()
    tail = b""
    while chunk := f.read(CHUNK):
        window = tail + chunk
        found.update(n for n in needles if n in window)
        tail = window[-keep:]
    return found


def _utf8_text(f: BinaryIO) -> bool:
    """CSV: UTF-8 (a BOM allowed) with no NUL byte, decoded chunk by chunk."""
    import codecs
    f.seek(0)
    decoder = codecs.getincrementaldecoder("utf-8")("strict")
    try:
        while chunk := f.read(CHUNK):
            if b"\x00" in chunk:
                return False
            decoder.decode(chunk)
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True
