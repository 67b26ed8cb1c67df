"""Cross-area: migrations, the wheel, the demo's start, the scaled stack."""
