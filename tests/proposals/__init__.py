"""Proposals, endorsements, reasoned responses, the ledger, a proposal's lifecycle."""
