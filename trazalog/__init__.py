"""The Traza log without the app: canonical entries and the hash chain (`chain`), RFC 9162
hashing and proofs (`merkle`), signed notes and checkpoints (`note`), witness
cosignatures (`cosign`), the export format (`export`), the standalone verifier (`verify`)
and the witness command (`witness`).

It imports neither Flask nor SQLAlchemy — only the standard library and `cryptography` —
so an auditor runs it without the platform — as one file, traza-verify.pyz (built by
`zipapp`), or as its own wheel, `traza-log` (pyproject.toml in this folder, built offline by
`dist`), both offered on the Verify page — and the platform (forum/trail/) imports it for
everything that is not the database or the web."""
