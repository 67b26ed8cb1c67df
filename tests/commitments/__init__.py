"""Commitments, versions, sign-off, the IRM's assessment, plan import, progress, verifiable milestones."""
