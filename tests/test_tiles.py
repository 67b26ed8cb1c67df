"""The trail served as a C2SP tlog-tiles log (issue 13): a client that trusts nothing but
the signed checkpoint rebuilds the root from the tiles, and every entry of the bundles
hashes to its leaf. Paths that name no tile, or a tile beyond the signed tree, get a
reason."""
import struct

import pytest

from forum import trail
from forum.extensions import db
from forum.trail import checkpoints, merkle, note


@pytest.fixture
def seed():
    def world(make):
        forum = make.forum(open_=True)
        for i in range(300):
            trail.record("forum.test", forum, forum=forum, payload={"i": i}, checkpoint=False)
        db.session.commit()
        checkpoints.make()
        db.session.commit()
        return {}
    return world


def fetch(client, path) -> bytes:
    resp = client.get(path)
    assert resp.status_code == 200, (path, resp.get_data(as_text=True))
    assert resp.content_type == "application/octet-stream" and "immutable" in resp.headers["Cache-Control"]
    return resp.get_data()


def hashes(data: bytes) -> list[bytes]:
    return [data[i:i + 32] for i in range(0, len(data), 32)]


def test_a_client_rebuilds_the_signed_root_from_tiles_and_bundles(client, seeded):
    text = client.get("/trail/checkpoint").get_data(as_text=True)
    key = client.get("/trail/key").get_data(as_text=True).strip()
    body, signers = note.verify_note(text, [note.parse_verifier(key)])
    cp = note.parse_checkpoint(body)
    size = cp.size
    assert size > 256
    level0 = hashes(fetch(client, "/trail/tile/0/000")) + hashes(fetch(client, f"/trail/tile/0/001.p/{size - 256}"))
    assert len(level0) == size
    assert merkle.root(merkle.from_leaves(level0), size) == cp.root
    [top] = hashes(fetch(client, "/trail/tile/1/000.p/1"))
    assert top == merkle.root(merkle.from_leaves(level0[:256]), 256)  # a level-1 hash: the tile below
    entries = fetch(client, "/trail/tile/entries/000") + fetch(client, f"/trail/tile/entries/001.p/{size - 256}")
    leaves, at = [], 0
    while at < len(entries):
        (n,), at = struct.unpack(">H", entries[at:at + 2]), at + 2
        leaves.append(merkle.leaf_hash(entries[at:at + n]))
        at += n
    assert leaves == level0


@pytest.mark.parametrize("path, status, reason", [
    ("/trail/tile/0/002", 404, "beyond the latest signed checkpoint"),
    ("/trail/tile/0/001", 404, "beyond the latest signed checkpoint"),  # full: only partial exists yet
    ("/trail/tile/1/000", 404, "beyond the latest signed checkpoint"),
    ("/trail/tile/0/01", 400, "three-digit"),
    ("/trail/tile/0/x000/001", 400, "needless leading"),
    ("/trail/tile/0/001.p/0", 400, "from 1 to 255"),
    ("/trail/tile/0/001.p/256", 400, "from 1 to 255"),
    ("/trail/tile/0/001.p/007", 400, "from 1 to 255"),
    ("/trail/tile/64/000", 400, "from 0 to 63"),
    ("/trail/tile/entries/abc", 400, "three-digit"),
    ("/trail/tile/entries/009", 404, "beyond the latest signed checkpoint"),
])
def test_a_path_that_names_no_signed_tile_gets_a_reason(client, seeded, path, status, reason):
    resp = client.get(path)
    assert resp.status_code == status and reason in resp.get_json()["error"]


def test_the_checkpoint_is_not_cached_for_long(client, seeded):
    assert client.get("/trail/checkpoint").headers["Cache-Control"] == "public, max-age=5"
