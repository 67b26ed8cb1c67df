"""What a reader is served, compared with what a fresh build gives the same reader: the page
less only what is legitimately per request (the CSRF token wherever it stands, the instant a
calendar file was made, the host a JSON answer's absolute links name)."""
import difflib
import re
from contextlib import contextmanager

from forum.trail import cache

TOKEN = re.compile(r'(name="[\w-]*csrf[-_]token"[^>]*value=|name="csrf-token" content=)"[^"]+"')
STAMP = re.compile(r"DTSTAMP:\w+")
HOST = re.compile(r"https?://(?:localhost|127\.0\.0\.1)(?::\d+)?")


def normal(text: str) -> str:
    return HOST.sub("http://host", STAMP.sub("DTSTAMP:", TOKEN.sub(r'\1""', text)))


@contextmanager
def nothing_remembered(app):
    """Pages built afresh meanwhile: the page cache off (nothing served from it, nothing kept,
    the header built for each view) and the memos built under the trail's versions forgotten."""
    seconds, app.config["PAGE_CACHE_SECONDS"] = app.config["PAGE_CACHE_SECONDS"], 0
    cache.clear()
    try:
        yield
    finally:
        app.config["PAGE_CACHE_SECONDS"] = seconds


def fresh(app, client, url: str):
    """The page built now for `client`'s reader in this process: (status, normalised body)."""
    with nothing_remembered(app):
        resp = client.get(url)
    return resp.status_code, normal(resp.get_data(as_text=True))


def difference(built: str, served: str) -> str:
    """Where what was served first differs from the fresh build, for the failure message: the
    first lines that differ, each from a little before the first character that does."""
    lines = [x for x in difflib.unified_diff(built.splitlines(), served.splitlines(), "fresh", "served", n=0)
             if x[:1] in "+-" and x[:3] not in ("+++", "---") and x[1:].strip()]
    fresh_lines, served_lines = [x[1:] for x in lines if x[0] == "-"], [x[1:] for x in lines if x[0] == "+"]
    if fresh_lines and served_lines:
        a, b = fresh_lines[0], served_lines[0]
        at = next((i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b)))
        return f"fresh …{a[max(0, at - 40):at + 80].strip()} | served …{b[max(0, at - 40):at + 80].strip()}"
    return " | ".join(x.strip()[:120] for x in lines[:3])
