"""Worlds several test modules start from. One builder function per world: the snapshots
are keyed by it, so every module that seeds the demo shares one build per database."""


def demo(make):
    """The demo data set, exactly as `flask up` loads it."""
    from forum.demo import seed as load
    load()
    return {}
