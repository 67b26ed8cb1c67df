"""Organisations and their verification."""
