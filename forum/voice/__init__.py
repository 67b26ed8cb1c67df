"""Whose voice reached the plan: where each input comes from (region, channel, invited or
self-joined organisation), seat requests, facilitators who record workshops held away from
the platform, and the figures that count them against the forum's targets."""
