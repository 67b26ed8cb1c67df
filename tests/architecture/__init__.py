"""Cross-area: the shape of the code."""
