"""Cross-area: the permission matrix and what stays sealed from whom."""
