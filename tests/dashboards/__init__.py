"""At-a-glance figures."""
