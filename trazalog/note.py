"""Signed checkpoints in the C2SP formats (signed-note, tlog-checkpoint), with Ed25519.

A checkpoint body is three lines — the log's origin, the tree size, the base64 root hash —
and a note appends, after a blank line, one signature line per signer:
    — <key name> base64(key hash (4 bytes) ‖ Ed25519 signature (64 bytes))
The key hash is the first 4 bytes of SHA-256(key name ‖ "\\n" ‖ 0x01 ‖ public key), and
a verifier key is written `<name>+<key hash hex>+base64(0x01 ‖ public key)`.
Pure functions: the standalone verifier uses them without the app or a database."""
import base64
import hashlib
import os
from dataclasses import dataclass

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey
from cryptography.hazmat.primitives.serialization import (
    Encoding,
    NoEncryption,
    PrivateFormat,
    PublicFormat,
    load_pem_private_key,
)

from .messages import Said, reason

ED25519 = b"\x01"
DASH = "\u2014"


class NoteError(Said):
    """A malformed note or checkpoint, or a signature that does not verify."""


@dataclass(frozen=True)
class Checkpoint:
    origin: str
    size: int
    root: bytes

    def body(self) -> str:
        return f"{self.origin}\n{self.size}\n{base64.b64encode(self.root).decode()}\n"


@dataclass(frozen=True)
class Verifier:
    """A public key with its name and key hash. `kind` is the signature type byte: 0x01 for
    a note signer such as the log, 0x04 for a witness's cosignatures (trail/cosign.py)."""

    name: str
    key_hash: bytes
    public: Ed25519PublicKey
    kind: bytes = ED25519

    @property
    def key_id(self) -> bytes:
        return self.key_hash

    def __str__(self) -> str:
        raw = self.public.public_bytes(Encoding.Raw, PublicFormat.Raw)
        return f"{self.name}+{self.key_hash.hex()}+{base64.b64encode(self.kind + raw).decode()}"


def key_hash(name: str, public: Ed25519PublicKey, kind: bytes = ED25519) -> bytes:
    raw = public.public_bytes(Encoding.Raw, PublicFormat.Raw)
    return hashlib.sha256(name.encode() + b"\n" + kind + raw).digest()[:4]


def verifier(name: str, private: Ed25519PrivateKey, kind: bytes = ED25519) -> Verifier:
    check_name(name)
    public = private.public_key()
    return Verifier(name, key_hash(name, public, kind), public, kind)


def parse_verifier(text: str, kind: bytes = ED25519) -> Verifier:
    """`<name>+<key hash hex>+base64(kind ‖ Ed25519 public key)`, checked end to end."""
    try:
        name, hash_hex, key_b64 = text.strip().split("+", 2)
        raw = base64.b64decode(key_b64, validate=True)
        if raw[:1] != kind or len(raw) != 33:
            raise NoteError("expected an Ed25519 key of signature type 0x{kind}", kind=kind.hex())
        public = Ed25519PublicKey.from_public_bytes(raw[1:])
    except (ValueError, TypeError) as err:
        raise NoteError("malformed key: {reason}", reason=reason(err)) from None
    check_name(name)
    if key_hash(name, public, kind).hex() != hash_hex.lower():
        raise NoteError("the key's hash does not match its name and key")
    return Verifier(name, bytes.fromhex(hash_hex), public, kind)


def check_name(name: str) -> None:
    if not name or any(c.isspace() or c == "+" for c in name):
        raise NoteError("a key name has no spaces and no '+'")


def new_key_file(path: str) -> Ed25519PrivateKey:
    """A fresh Ed25519 key written to `path` (PKCS#8 PEM, mode 600, never over an existing file)."""
    key = Ed25519PrivateKey.generate()
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(key.private_bytes(Encoding.PEM, PrivateFormat.PKCS8, NoEncryption()))
    return key


def load_key(path: str) -> Ed25519PrivateKey:
    with open(path, "rb") as fh:
        key = load_pem_private_key(fh.read(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise NoteError("{path} is not an Ed25519 key", path=path)
    return key


def sign(body: str, name: str, private: Ed25519PrivateKey) -> str:
    """One signature line for the body (appended by the caller to a note)."""
    v = verifier(name, private)
    sig = private.sign(body.encode())
    return f"{DASH} {name} {base64.b64encode(v.key_hash + sig).decode()}\n"


def make_note(body: str, name: str, private: Ed25519PrivateKey) -> str:
    return body + "\n" + sign(body, name, private)


def split_note(text: str) -> tuple[str, list[tuple[str, bytes, bytes]]]:
    """(body, [(key name, key hash, signature)]) of a note; raises NoteError if malformed."""
    if "\n\n" not in text or not text.endswith("\n"):
        raise NoteError("a note is a body, a blank line and signature lines, each ending in a newline")
    body, _sep, sigs = text.partition("\n\n")
    body += "\n"
    lines = []
    for line in sigs.splitlines():
        parts = line.split(" ")
        if len(parts) != 3 or parts[0] != DASH:
            raise NoteError("malformed signature line: {line}", line=repr(line[:80]))
        try:
            blob = base64.b64decode(parts[2], validate=True)
        except ValueError:
            raise NoteError("a signature is not base64") from None
        if len(blob) < 5:
            raise NoteError("a signature is too short")
        lines.append((parts[1], blob[:4], blob[4:]))
    if not lines:
        raise NoteError("the note carries no signature")
    return body, lines


def verify_note(text: str, verifiers: list[Verifier]) -> tuple[str, list[Verifier]]:
    """The body and the known signers whose signature verifies. A line that names a known
    key but does not verify is an error (a forged or stripped-and-replaced signature)."""
    body, lines = split_note(text)
    good = []
    for name, khash, sig in lines:
        for v in verifiers:
            if v.name == name and v.key_hash == khash:
                try:
                    v.public.verify(sig, body.encode())
                except InvalidSignature:
                    raise NoteError("the signature of {name} does not verify", name=name) from None
                good.append(v)
    return body, good


def parse_checkpoint(body: str) -> Checkpoint:
    lines = body.split("\n")
    if len(lines) < 4 or lines[-1] != "":
        raise NoteError("a checkpoint has an origin, a size and a root hash, one per line")
    origin, size, root = lines[0], lines[1], lines[2]
    if not origin or not size.isdigit() or (size != "0" and size.startswith("0")):
        raise NoteError("malformed checkpoint origin or size")
    try:
        raw = base64.b64decode(root, validate=True)
    except ValueError:
        raise NoteError("the checkpoint's root hash is not base64") from None
    if len(raw) != 32:
        raise NoteError("the checkpoint's root hash is not 32 bytes")
    return Checkpoint(origin, int(size), raw)
