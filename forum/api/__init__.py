"""The read-only JSON API (/api/v1): thin edges over the public records, described by OpenAPI."""
