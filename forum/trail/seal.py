"""Sealed records on a public log: a salted commitment now, its opening when it is published.

Something that must not be public yet (a ballot while its motion is open, a comment while
its consultation withholds comments) goes on the trail as SHA-256 over its fields and a
random nonce, joined by ':'. Without the nonce nobody can confirm a guess of what is inside,
however short the text; when the thing is published, so are its fields and nonce, and anyone
recomputes the hash and finds it in the entry written earlier. What is never published (a
hidden comment) keeps its nonce in the database, and so stays sealed.

One rule for every sealed thing: ballots (sessions/services/motions.py) and consultation comments
(consultations/services/__init__.py) both commit with `commitment`, and verifiers recompute it the
same way."""
import hashlib
import secrets


def nonce() -> str:
    """128 random bits, as hex: kept beside the sealed thing until it is published."""
    return secrets.token_hex(16)


def commitment(*fields, nonce: str) -> str:
    """SHA-256 of the fields and the nonce, each as text, joined by ':'. Free text goes in
    as its own hex SHA-256, so no field but a ballot's option (one of the few its motion
    published, the last field before the nonce) can hold a ':' and one opening fits one
    commitment."""
    return hashlib.sha256(":".join(str(f) for f in (*fields, nonce)).encode()).hexdigest()
