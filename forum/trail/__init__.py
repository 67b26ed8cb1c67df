"""The public, append-only, hash-chained record of every state change."""
from .record import record  # noqa: F401
