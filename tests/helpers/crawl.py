"""Visiting every page of the site once per URL shape, for the tests that check all pages
(one language per page, phones and axe-core): /proposals/12 and /proposals/13 are one page."""
import re
from collections import deque
from collections.abc import Callable, Iterable
from urllib.parse import urldefrag, urlsplit

#: Links not followed: downloads, machine formats, actions, one-off tokens, further pages of a list.
SKIP = re.compile(r"\.(zip|pyz|csv|json|jsonl|ics|xml|atom|pdf|txt)(\?|$)|/api/|/data/traza|/export|feed|/logout|"
                  r"/lang|/static/|/unsubscribe|/witness/|/reset/|/confirm/|/tile/|\?.*(?:cursor|page)=")


def shape(path: str) -> str:
    parts = urlsplit(path)
    return re.sub(r"\d+", "N", parts.path) + ("?" if parts.query else "")


def crawl(visit: Callable[[str], Iterable[str] | None], start: Iterable[str], limit: int) -> int:
    """Breadth first from `start`: `visit(path)` checks a page and returns the same-site
    links on it, or None when it was not a page (not HTML, not 200). Returns how many
    pages were visited."""
    seen: set[str] = set()
    queue, visited = deque(start), 0
    while queue and visited < limit:
        path = queue.popleft()
        if shape(path) in seen:
            continue
        seen.add(shape(path))
        links = visit(path)
        if links is None:
            continue
        visited += 1
        for link in links:
            link = urldefrag(link)[0]
            if link and not SKIP.search(link) and shape(link) not in seen:
                queue.append(link)
    return visited
