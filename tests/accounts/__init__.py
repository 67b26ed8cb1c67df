"""People, login, passwords, fresh login, rate limits, suspension, the security log."""
