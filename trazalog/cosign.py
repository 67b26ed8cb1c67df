"""Witness cosignatures (C2SP tlog-cosignature v1, Ed25519): a witness that checked a
checkpoint is consistent with the last one it saw signs
    "cosignature/v1\\ntime <unix seconds>\\n" + checkpoint body
and the note gains the line
    — <witness name> base64(key ID (4) ‖ timestamp (8, big-endian) ‖ signature (64))
with key ID = SHA-256(name ‖ "\\n" ‖ 0x04 ‖ public key)[:4]. Pure functions, used by the
platform, the witness command and the standalone verifier alike."""
import base64
import struct

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from . import note
from .note import DASH, NoteError

COSIGNATURE = b"\x04"


Witness = note.Verifier  # with kind COSIGNATURE


def witness_of(name: str, private: Ed25519PrivateKey) -> Witness:
    return note.verifier(name, private, COSIGNATURE)


def parse_witness(text: str) -> Witness:
    return note.parse_verifier(text, COSIGNATURE)


def message(body: str, timestamp: int) -> bytes:
    return f"cosignature/v1\ntime {timestamp}\n".encode() + body.encode()


def cosign(body: str, name: str, private: Ed25519PrivateKey, timestamp: int) -> str:
    """The cosignature line (with its newline) for a checkpoint body."""
    w = witness_of(name, private)
    sig = private.sign(message(body, timestamp))
    return f"{DASH} {name} {base64.b64encode(w.key_id + struct.pack('>Q', timestamp) + sig).decode()}\n"


def verify_line(body: str, line: str, witness: Witness) -> int:
    """The cosignature's timestamp if `line` is `witness`'s valid cosignature of `body`;
    raises NoteError otherwise (wrong name, wrong key, bad signature, malformed)."""
    parts = line.rstrip("\n").split(" ")
    if len(parts) != 3 or parts[0] != DASH:
        raise NoteError("a cosignature line is '— <name> <base64>'")
    if parts[1] != witness.name:
        raise NoteError("the line is signed by {signer}, not {name}", signer=parts[1], name=witness.name)
    try:
        blob = base64.b64decode(parts[2], validate=True)
    except ValueError:
        raise NoteError("the cosignature is not base64") from None
    if len(blob) != 4 + 8 + 64:
        raise NoteError("a cosignature is a key ID, a timestamp and an Ed25519 signature")
    if blob[:4] != witness.key_id:
        raise NoteError("the cosignature's key ID is not this witness's")
    (timestamp,) = struct.unpack(">Q", blob[4:12])
    if timestamp >= 2 ** 63:
        raise NoteError("the cosignature's time is out of range")
    try:
        witness.public.verify(blob[12:], message(body, timestamp))
    except InvalidSignature:
        raise NoteError("the cosignature of {name} does not verify", name=witness.name) from None
    return timestamp
