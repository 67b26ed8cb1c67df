"""Plumbing every area shares: the clocks."""
