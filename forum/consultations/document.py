"""Turning a draft into numbered paragraphs people can comment on, and fingerprinting it."""
import hashlib
import json
import re

SECTIONS = ("title", "problem", "status_quo", "description", "contribution", "ogp_relevance")
_FENCE = re.compile(r"^\s*(```|~~~)")


def split_markdown(body: str) -> list[str]:
    """Blocks separated by blank lines, each a paragraph; a heading joins the block it
    introduces, and fenced code stays whole, so no paragraph is a bare title or half a block."""
    blocks: list[str] = []
    current: list[str] = []
    heading, in_fence = None, False
    for line in body.replace("\r\n", "\n").split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        if not line.strip() and not in_fence:
            if current:
                blocks.append("\n".join(current))
                current = []
            continue
        current.append(line)
    if current:
        blocks.append("\n".join(current))
    out: list[str] = []
    for block in blocks:
        if heading is not None:
            block = heading + "\n\n" + block
            heading = None
        if re.fullmatch(r"#{1,6} .*", block.strip()):
            heading = block
            continue
        out.append(block)
    if heading is not None:
        out.append(heading)
    return out


def from_version(version) -> list[tuple[str, str]]:
    """(section, text) pairs of a commitment version, one per template field and milestone."""
    pairs = [(name, getattr(version, name)) for name in SECTIONS]
    pairs += [("milestone", f"{m.description} ({m.start_date.isoformat()} – {m.end_date.isoformat()})")
              for m in version.milestones]
    return pairs


def fingerprint(pairs) -> str:
    """SHA-256 over the numbered paragraphs as opened, put on the trail: anyone holding the
    text can prove it is what was consulted on."""
    canonical = json.dumps([[i + 1, section, text] for i, (section, text) in enumerate(pairs)],
                           ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()
