"""Cross-area: statement counts per page, many people at once."""
