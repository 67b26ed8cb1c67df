"""The Traza log without the app: canonical entries and the hash chain (`chain`), RFC 9162
hashing and proofs (`merkle`), signed notes and checkpoints (`note`), witness
cosignatures (`cosign`), the export format (`export`), the standalone verifier (`verify`)
and the witness command (`witness`).

It imports neither Flask nor SQLAlchemy — only the standard library and `cryptography` —
so an auditor runs it without the platform (the Verify page offers it as one file,
traza-verify.pyz, built by `zipapp`), and the platform (forum/trail/) imports it for
everything that is not the database or the web."""
