"""Forums, seats and co-chairs."""
