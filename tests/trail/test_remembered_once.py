"""A remembered result is built once however many readers ask for it at the same moment
(forum/trail/cache.remembered): through nginx, ten windows of one co-chair finding the link
form's 4,400 choices stale built them ten times at once and the commitment page's p95 went
to 6.5 s at one write a second. No app or database: the cache is given its head (`at`)."""
import os
import threading
import time

from forum.trail import cache


def _until(condition, seconds=10.0):
    """Yield the processor until `condition` holds (no fixed sleep: the other thread decides)."""
    end = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < end, "the other reader never came"
        os.sched_yield()


def test_readers_who_come_while_a_result_is_built_wait_for_that_build():
    cache.clear()
    started, go, built, got = threading.Event(), threading.Event(), [], []

    def build():
        built.append(1)
        started.set()
        go.wait(10)
        return "the choices"

    def read():
        got.append(cache.remembered(("link form", 1, "es"), build, at="head-1"))

    first = threading.Thread(target=read)
    first.start()
    started.wait(10)
    others = [threading.Thread(target=read) for _ in range(4)]
    for t in others:
        t.start()
    _until(lambda: cache.waiting(("link form", 1, "es"), "head-1") == 4)
    go.set()
    for t in (first, *others):
        t.join(10)
    assert got == ["the choices"] * 5
    assert len(built) == 1


def test_a_failed_build_leaves_nothing_behind_and_the_next_reader_builds():
    cache.clear()

    def broken():
        raise RuntimeError("the database went away")

    try:
        cache.remembered(("k",), broken, at="h")
    except RuntimeError:
        pass
    assert cache.waiting(("k",), "h") == 0
    assert cache.remembered(("k",), lambda: 42, at="h") == 42
