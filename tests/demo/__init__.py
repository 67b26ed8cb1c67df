"""Cross-area: the demo as a worked example."""
