"""The trail served as a C2SP tlog-tiles log (issue 13): a client that trusts nothing but
the signed checkpoint rebuilds the root from the tiles, and every entry of the bundles
hashes to its leaf. Paths that name no tile, or a tile beyond the signed tree, get a
reason."""
import gzip
import struct

import pytest
from flask import url_for

from forum import trail
from forum.extensions import db
from forum.trail import checkpoints, merkle, note
from trazalog import dist


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


@pytest.mark.parametrize("path", ["/trail/tile/00/000", "/trail/tile/01/000", "/trail/tile/000/000.p/1",
                                  "/trail/tile/x/000", "/trail/tile/-0/000"])
def test_a_level_with_a_leading_zero_names_no_tile(client, seeded, path):
    """C2SP: <L> is "a decimal ASCII integer between 0 and 63, with no additional leading
    zeroes" — `00` is not a second name for level 0 to be cached for a year."""
    resp = client.get(path)
    assert resp.status_code == 404 and "immutable" not in resp.headers.get("Cache-Control", "")
    assert "no leading zeroes" in resp.get_json()["error"]


def test_entry_bundles_are_compressed_for_whoever_accepts_gzip(client, seeded):
    plain = client.get("/trail/tile/entries/000")
    packed = client.get("/trail/tile/entries/000", headers={"Accept-Encoding": "gzip, identity"})
    assert "Content-Encoding" not in plain.headers and packed.headers["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in packed.headers["Vary"] and "Accept-Encoding" in plain.headers["Vary"]
    assert gzip.decompress(packed.get_data()) == plain.get_data()
    assert len(packed.get_data()) < len(plain.get_data()) / 3
    again = client.get("/trail/tile/entries/000", headers={"Accept-Encoding": "gzip"})
    assert again.get_data() == packed.get_data()  # the same bytes every time: an immutable resource
    tile = client.get("/trail/tile/0/000", headers={"Accept-Encoding": "gzip"})
    assert "Content-Encoding" not in tile.headers  # hashes do not compress


# The log's public reads: every GET of the trail blueprint (README: "every GET under /trail/")
# and the API's reads of the trail, which are open like the whole read-only API.
OPEN_API = ("api.trail", "api.trail_entry", "api.checkpoints")
QUERIES = {"trail.inclusion": {"index": 0, "size": 2}, "trail.consistency": {"old": 1, "new": 2}}


def log_reads(app, client) -> list[str]:
    """A URL for every GET rule of the log, found in `app.url_map` (a new one is walked
    without editing this test), its path arguments filled from the seeded log."""
    size = int(client.get("/trail/checkpoint").get_data(as_text=True).splitlines()[1])
    values = {"seq": 3, "ident": 3, "size": size, "level": "0", "index": "000",
              "name": dist.wheel()[0].removesuffix(".whl")}
    rules = [r for r in app.url_map.iter_rules()
             if "GET" in (r.methods or ()) and (r.endpoint.startswith("trail.") or r.endpoint in OPEN_API)]
    with app.test_request_context():
        return [url_for(r.endpoint, **{a: values[a] for a in r.arguments}, **QUERIES.get(r.endpoint, {}))
                for r in rules]


def test_every_public_read_of_the_log_is_open_to_other_sites(app, client, seeded):
    """A verifier or monitor in a browser on another site reads the log directly — fresh,
    from the page cache (the second GET), and when the answer is a refusal."""
    paths = log_reads(app, client)
    assert {"/trail/tile/0/000", "/trail/3/receipt.json", "/api/v1/trail/checkpoints"} <= set(paths)
    hits, faults = [], {}
    for path in [*paths, *paths, "/trail/tile/0/999"]:
        resp = client.get(path, headers={"Origin": "https://auditor.example"})
        assert resp.status_code == (404 if path.endswith("999") else 200), path
        hits += [path] if resp.headers.get("X-Page-Cache") == "hit" else []
        if resp.headers.get("Access-Control-Allow-Origin") != "*" or "Access-Control-Allow-Credentials" in resp.headers:
            faults[path] = dict(resp.headers)
    assert faults == {}
    assert "/trail/" in hits  # the second reading of a page came from memory, and kept the header


def test_the_origin_is_the_logs_own_url_unless_set(app, client, seeded, monkeypatch):
    """C2SP tlog-tiles: the origin SHOULD be the log's URL prefix without its scheme."""
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://traza.example.gob.pe/")
    monkeypatch.setitem(app.config, "TRAIL_ORIGIN", None)
    assert checkpoints.origin() == "traza.example.gob.pe/trail"
    assert client.get("/trail/key").get_data(as_text=True).startswith("traza.example.gob.pe/trail+")
    monkeypatch.setitem(app.config, "PUBLIC_URL", "https://gob.example/foros")
    assert checkpoints.origin() == "gob.example/foros/trail"
    monkeypatch.setitem(app.config, "TRAIL_ORIGIN", "traza.gob.pe/trail")
    assert checkpoints.origin() == "traza.gob.pe/trail"
