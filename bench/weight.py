"""What the first visit to each public page costs to download, on the demo.

    python -m bench.weight [--pages 200]

Crawls the public site from the home page (anonymous, same-origin links, one page per URL
shape), and for each page adds the HTML to every stylesheet, script, icon and image it
loads. Prints raw bytes and gzip bytes (what nginx sends with gzip on), the heaviest pages,
and the goal: under 150 KB transferred on a first load. Figures, not pass/fail.
"""
import re
import zlib
from collections import deque
from urllib.parse import urldefrag, urlsplit

from bench.common import arguments, make_app
from forum.demo import seed

GOAL = 150 * 1024
ASSET = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*\shref|img[^>]*\ssrc)="(/[^"]*)"')
LINK = re.compile(r'<a[^>]*\shref="(/[^"#]*)')
SKIP = re.compile(r"\.(zip|csv|json|jsonl|ics|xml|atom|pdf)(\?|$)|/api/|/data/|/export|/feed|logout|/lang")


def shape(path: str) -> str:
    """/proposals/12 and /proposals/13 are one page shape."""
    return re.sub(r"\d+", "N", urlsplit(path).path)


def gz(data: bytes) -> int:
    return len(zlib.compress(data, 6)) if data else 0


def main():
    args = arguments(__doc__, pages=200)
    app = make_app(args.database_url)
    with app.app_context():
        seed()
    client = app.test_client()
    asset_size: dict[str, tuple[int, int]] = {}
    seen, queue, rows = set(), deque(["/"]), []
    while queue and len(rows) < args.pages:
        path = queue.popleft()
        if shape(path) in seen:
            continue
        seen.add(shape(path))
        resp = client.get(path)
        if resp.status_code != 200 or not resp.content_type.startswith("text/html"):
            continue
        html = resp.get_data()
        text = html.decode()
        raw, packed = len(html), gz(html)
        for url in dict.fromkeys(ASSET.findall(text)):
            url = url.replace("&amp;", "&")
            if SKIP.search(url):
                continue  # feeds named in <link rel="alternate">: not loaded by the browser
            if url not in asset_size:
                r = client.get(url)
                body = r.get_data() if r.status_code == 200 else b""
                r.close()
                asset_size[url] = (len(body), gz(body))
            raw, packed = raw + asset_size[url][0], packed + asset_size[url][1]
        rows.append((packed, raw, path))
        for link in LINK.findall(text):
            link = urldefrag(link.replace("&amp;", "&"))[0]
            if not SKIP.search(link) and shape(link) not in seen:
                queue.append(link)
    rows.sort(reverse=True)
    print(f"{len(rows)} page shapes crawled; first-load weight, heaviest first (KB):")
    print(f"{'gzip':>8} {'raw':>8}  page")
    for packed, raw, path in rows[:15]:
        print(f"{packed / 1024:8.1f} {raw / 1024:8.1f}  {path}")
    heaviest = rows[0][0] if rows else 0
    over = [p for g, _r, p in rows if g > GOAL]
    print(f"\nheaviest {heaviest / 1024:.1f} KB gzip; goal {GOAL // 1024} KB; over the goal: {len(over)} {over[:5]}")
    print("assets: " + ", ".join(f"{u.split('?')[0]} {s[1] / 1024:.1f} KB" for u, s in sorted(asset_size.items())))


if __name__ == "__main__":
    main()
