"""Cross-area: hostile input, generated."""
