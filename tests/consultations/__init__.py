"""Consultations, their comments and the report."""
