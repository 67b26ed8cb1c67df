"""The open-data archive and the feeds."""
