"""The trail as a C2SP tlog-tiles log (https://c2sp.org/tlog-tiles), next to the proof
endpoints: the tree as static "tiles" of 256 hashes and the entries as "bundles", so any
web cache can serve them and a client computes any proof itself.

The tile hashes are the stored complete subtrees (trail_nodes): level l of tiles is tree
height 8·l. Only what the latest signed checkpoint covers is served, so every tile a
client fetches belongs to a tree it can verify. Content depends on the path alone, so a
tile never changes once served (cached for a year by whoever relays it)."""
import re
import struct

from sqlalchemy import select

from ..extensions import db
from . import checkpoints
from .chain import canonical_bytes
from .models import TrailEntry, TrailNode

WIDTH = 256
_SEGMENT = re.compile(r"(x\d{3}/)*\d{3}")
LEVEL = re.compile(r"0|[1-9]\d*")  # <L>: "a decimal ASCII integer … with no additional leading zeroes"


class TileError(ValueError):
    """A path that names no tile, or one beyond the signed tree: the reason, for a 400/404."""

    def __init__(self, reason: str, status: int = 404):
        super().__init__(reason)
        self.status = status


def parse_index(path: str) -> int:
    """`x001/x234/067` → 1234067 (zero-padded three-digit elements, all but the last with x)."""
    if not _SEGMENT.fullmatch(path) or encode_index(n := int(path.replace("x", "").replace("/", ""))) != path:
        raise TileError("the tile index must be three-digit path elements, all but the last starting with x, "
                        "with no needless leading element", 400)
    return n


def encode_index(n: int) -> str:
    digits = str(n).zfill((len(str(n)) + 2) // 3 * 3)
    parts = [digits[i:i + 3] for i in range(0, len(digits), 3)]
    return "/".join([*("x" + p for p in parts[:-1]), parts[-1]])


def parse_width(raw: str | None) -> int:
    """A partial tile's width, 1 to 255, no leading zeroes; None is a full tile."""
    if raw is None:
        return WIDTH
    if not re.fullmatch(r"[1-9]\d{0,2}", raw) or int(raw) >= WIDTH:
        raise TileError("a partial tile's width is a number from 1 to 255", 400)
    return int(raw)


def _signed_size() -> int:
    cp = checkpoints.latest()
    return cp.size if cp is not None else 0


def _check_covered(level: int, n: int, width: int) -> None:
    end = (n * WIDTH + width) * WIDTH ** level  # one past the last leaf the tile's hashes cover
    if end > _signed_size():
        raise TileError("beyond the latest signed checkpoint: fetch /trail/checkpoint first")


def tile(level: int, n: int, width: int) -> bytes:
    """The concatenated 32-byte hashes of tile n at level `level`."""
    if not 0 <= level <= 63:
        raise TileError("the level is a number from 0 to 63", 400)
    _check_covered(level, n, width)
    first = n * WIDTH
    rows = db.session.scalars(select(TrailNode.hash).where(
        TrailNode.level == 8 * level, TrailNode.idx >= first, TrailNode.idx < first + width)
        .order_by(TrailNode.idx)).all()
    if len(rows) != width:
        raise TileError("the stored tree is missing nodes", 500)
    return b"".join(bytes.fromhex(h) for h in rows)


def bundle(n: int, width: int) -> bytes:
    """Entries n·256+1 … as big-endian uint16 length-prefixed canonical entry bytes: each
    hashes (RFC 9162 leaf) to the matching hash of level-0 tile n."""
    _check_covered(0, n, width)
    first = n * WIDTH + 1
    entries = db.session.scalars(select(TrailEntry).where(TrailEntry.seq >= first, TrailEntry.seq < first + width)
                                 .order_by(TrailEntry.seq)).all()
    out = bytearray()
    for e in entries:
        data = canonical_bytes(e)
        if len(data) > 0xFFFF:
            raise TileError(f"entry {e.seq} is longer than an entry bundle can carry; use /trail/export.jsonl", 500)
        out += struct.pack(">H", len(data)) + data
    return bytes(out)
