"""The inbox and its e-mail."""
