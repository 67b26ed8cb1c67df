"""Witnesses: an organisation registers its key, runs `traza-witness` against a real HTTP
server, and cosigns only checkpoints that extend what it signed before. Forged or unknown
cosignatures are refused with the reason; a fork or a shrinking log is refused by the witness."""
import json
import threading

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from werkzeug.serving import make_server

from forum import witness
from forum.extensions import db
from forum.trail import checkpoints, cosign, note
from forum.verify import verify_export
from tests.conftest import trail_actions_since, trail_length
from tests.helpers.proposals import chairs


@pytest.fixture
def server(app):
    srv = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{srv.server_port}"
    srv.shutdown()


@pytest.fixture
def setting(make, client, tmp_path):
    forum = make.forum(open_=True)
    db.session.commit()
    checkpoints.make()
    db.session.commit()
    civil = chairs(forum)["civil_chair"]
    org = next(s.organisation for s in forum.active_seats if s.role == "civil_chair")
    key_file = str(tmp_path / "witness.pem")
    wkey = witness.init("redamazonica.example/witness", key_file)
    return dict(forum=forum, civil=civil, org=org, key_file=key_file, wkey=wkey,
                state=str(tmp_path / "state.json"), log_key=str(checkpoints.log_verifier()))


def submit(client, url, line):
    """As the witness command does: the line as a text/plain body, no browser session."""
    return client._request("post", url, data=line, content_type="text/plain")


def register(client, s, who=None):
    client.login((who or s["civil"]).email)
    return client.post("/trail/witnesses", {"key": s["wkey"], "organisation": str(s["org"].id)})


def test_only_a_civil_society_chair_or_admin_registers_a_witness(setting, client, make):
    outsider = make.user("Fuera")
    db.session.commit()
    assert register(client, setting, outsider).status_code == 403
    before = trail_length()
    assert register(client, setting).status_code == 302
    assert trail_actions_since(before) == ["trail.witness_added"]
    resp = register(client, setting)  # the same name twice
    assert resp.status_code == 400 and "already registered" in resp.get_data(as_text=True)
    resp = client.post("/trail/witnesses", {"key": "no-such-key", "organisation": str(setting["org"].id)})
    assert resp.status_code == 400 and "This is not a witness key" in resp.get_data(as_text=True)


def test_the_witness_cosigns_what_extends_its_last_view(setting, client, server, make):
    s = setting
    register(client, s)
    first = witness.run_once(server, "redamazonica.example/witness", s["key_file"], s["state"], s["log_key"])
    assert first.startswith(f"cosigned {checkpoints.origin()} at size ")
    text = client.get("/trail/checkpoint").get_data(as_text=True)
    assert "\u2014 redamazonica.example/witness " in text
    make.member_of("academia")
    db.session.commit()
    checkpoints.make()
    db.session.commit()
    second = witness.run_once(server, "redamazonica.example/witness", s["key_file"], s["state"], None)
    assert second != first  # a bigger tree, proven consistent with the first
    page = client.get("/trail/verify").get_data(as_text=True)
    assert "redamazonica.example/witness" in page and "checked " in page
    checkpoints.make()  # covers the acceptance entries too: the verifier says OK only for what is signed
    db.session.commit()
    lines = client.get("/trail/export.jsonl").get_data(as_text=True).splitlines(keepends=True)
    result = verify_export(lines, s["log_key"], [s["wkey"]])
    assert result.ok and "; 2 cosignatures;" in result.line


def test_the_witness_refuses_a_fork_and_a_shrinking_log(setting, client, server):
    s = setting
    register(client, s)
    witness.run_once(server, "redamazonica.example/witness", s["key_file"], s["state"], s["log_key"])
    with open(s["state"]) as fh:
        state = json.load(fh)

    def pretend(**change):
        with open(s["state"], "w") as fh:
            json.dump({**state, **change}, fh)
    pretend(root="00" * 32)  # it had seen another history
    with pytest.raises(witness.Refused, match="forked"):
        witness.run_once(server, "redamazonica.example/witness", s["key_file"], s["state"], None)
    pretend(size=state["size"] + 5)
    with pytest.raises(witness.Refused, match="shrank"):
        witness.run_once(server, "redamazonica.example/witness", s["key_file"], s["state"], None)
    with pytest.raises(witness.Refused, match="differs from the key pinned"):
        witness.run_once(server, "redamazonica.example/witness", s["key_file"], s["state"],
                         str(note.verifier(checkpoints.origin(), Ed25519PrivateKey.generate())))


def test_forged_or_unknown_cosignatures_are_refused_with_the_reason(setting, client, tmp_path):
    s = setting
    register(client, s)
    cp = checkpoints.latest()
    body = note.split_note(cp.note)[0]
    stranger = str(tmp_path / "stranger.pem")
    witness.init("stranger.example/w", stranger)
    line = cosign.cosign(body, "stranger.example/w", note.load_key(stranger), 1_700_000_000)
    resp = submit(client, f"/trail/checkpoints/{cp.size}/cosignatures", line)
    assert resp.status_code == 400 and "not a registered witness" in resp.get_json()["error"]
    forged = cosign.cosign(body, "redamazonica.example/witness", note.load_key(stranger), 1_700_000_000)
    resp = submit(client, f"/trail/checkpoints/{cp.size}/cosignatures", forged)
    assert resp.status_code == 400 and "key ID" in resp.get_json()["error"]
    good = cosign.cosign(body, "redamazonica.example/witness", note.load_key(s["key_file"]), 1_700_000_000)
    resp = submit(client, f"/trail/checkpoints/{cp.size + 999}/cosignatures", good)
    assert resp.status_code == 400 and "no checkpoint of size" in resp.get_json()["error"]
    other_body = body.replace(f"\n{cp.size}\n", f"\n{cp.size}\n", 1).replace("/trail\n", "/traiI\n", 1)
    wrong = cosign.cosign(other_body, "redamazonica.example/witness", note.load_key(s["key_file"]), 1)
    resp = submit(client, f"/trail/checkpoints/{cp.size}/cosignatures", wrong)
    assert resp.status_code == 400 and "does not verify" in resp.get_json()["error"]
    before = trail_length()
    assert submit(client, f"/trail/checkpoints/{cp.size}/cosignatures", good).status_code == 201
    assert trail_actions_since(before) == ["trail.cosigned"]
    resp = submit(client, f"/trail/checkpoints/{cp.size}/cosignatures", good)
    assert resp.status_code == 400 and "already cosigned" in resp.get_json()["error"]


def test_the_witness_says_why_in_its_reader_s_language(tmp_path, capsys, monkeypatch):
    args = ["cosign", "--url", "http://127.0.0.1:9", "--name", "org.example/w", "--key-file",
            str(tmp_path / "w.pem"), "--state", str(tmp_path / "state.json")]
    assert witness.main(["--lang", "es", *args]) == 1
    assert capsys.readouterr().out.startswith("RECHAZADO primera ejecución: indica --log-key")
    monkeypatch.setenv("LANGUAGE", "en_GB")
    assert witness.main(args) == 1 and capsys.readouterr().out.startswith("REFUSED first run: pass --log-key")
