"""Cross-area: Spanish and English, complete and well written."""
