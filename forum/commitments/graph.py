"""The provenance graph as plain layout data: inputs on the left (coloured by stakeholder
group), versions in the middle, sign-offs on the right. The template draws it as SVG, so
it needs no script, works without an account, and prints; a phone, too narrow for three
columns, gets the same graph as `stages`: each version, its sign-offs, the inputs beneath."""
from dataclasses import dataclass, field
from itertools import pairwise

from .inputs import describe
from .models import How
from .queries import Provenance, ended_ids, provenance, source_group

ROW, TOP = 64, 40
X_INPUT, X_VERSION, X_SIGN = 20, 470, 760
W_INPUT, W_VERSION, W_SIGN = 300, 180, 230


@dataclass
class Node:
    key: str
    x: int
    y: int
    w: int
    label: str
    sub: str = ""
    kind: str = ""      # stakeholder group, "version", "adopted", "signed" or "refused"
    href: str | None = None


@dataclass
class Edge:
    x1: int
    y1: int
    x2: int
    y2: int
    label: str = ""
    dashed: bool = False
    muted: bool = False


@dataclass
class Stage:
    """One version with its sign-offs and, beneath it, each input that shaped it and how:
    the graph read top to bottom, for a screen too narrow for three columns."""
    version: Node
    signs: list[Node] = field(default_factory=list)
    inputs: list[tuple[Node, Edge]] = field(default_factory=list)


@dataclass
class Graph:
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)
    height: int = 0
    width: int = X_SIGN + W_SIGN + 20


def build(commitment, url_for, how_labels, group_labels, org_names, prov: Provenance | None = None) -> Graph:
    """`prov`: the commitment's provenance, when the page has read it already."""
    g = Graph()
    prov = prov or provenance(commitment)
    vs = sorted(prov.versions, key=lambda v: v.number)
    all_links, signed, objs = prov.links, prov.signed, prov.sources
    gone = ended_ids(all_links, prov.retracted)
    version_y = {v.id: TOP + i * ROW * 2 for i, v in enumerate(vs)}
    input_y: dict[tuple, int] = {}
    input_node: dict[tuple, Node] = {}
    stage: dict[int, Stage] = {}
    for link in all_links:
        key = (link.source_type, link.source_id)
        if key in input_y:
            continue
        input_y[key] = TOP + len(input_y) * ROW
        obj = objs.get(key)
        group = source_group(link, obj) if obj is not None else "individual"
        label, href = describe(link.source_type, obj, link.source_id)
        input_node[key] = Node(f"in-{key[0]}-{key[1]}", X_INPUT, input_y[key], W_INPUT, label,
                               f"{group_labels.get(group, group)} · {_org(obj, org_names)}", group, href)
        g.nodes.append(input_node[key])
    for v in vs:
        adopted = commitment.adopted == v.number
        stage[v.id] = Stage(Node(f"v-{v.number}", X_VERSION, version_y[v.id], W_VERSION, f"v{v.number}",
                                 v.created_at.strftime("%Y-%m-%d"), "adopted" if adopted else "version",
                                 url_for("commitments.show", commitment_id=commitment.id, v=v.number)))
        g.nodes.append(stage[v.id].version)
        g.stages.append(stage[v.id])
        for i, (side, d) in enumerate(sorted(signed.get(v.id, {}).items())):
            y = version_y[v.id] + i * (ROW - 10)
            stage[v.id].signs.append(Node(f"s-{v.number}-{side}", X_SIGN, y, W_SIGN,
                                          org_names.get(d.organisation_id, ""), d.created_at.strftime("%Y-%m-%d"),
                                          "signed" if d.signed else "refused"))
            g.nodes.append(stage[v.id].signs[-1])
            g.edges.append(Edge(X_VERSION + W_VERSION, version_y[v.id] + 20, X_SIGN, y + 20, muted=not d.signed))
    for prev, nxt in pairwise(vs):
        g.edges.append(Edge(X_VERSION + W_VERSION // 2, version_y[prev.id] + 44, X_VERSION + W_VERSION // 2,
                            version_y[nxt.id]))
    for link in all_links:
        key = (link.source_type, link.source_id)
        g.edges.append(Edge(X_INPUT + W_INPUT, input_y[key] + 20, X_VERSION, version_y[link.version_id] + 20,
                            str(how_labels.get(link.how, link.how)), dashed=link.id in gone,
                            muted=link.how == How.NOT_TAKEN_UP))
        stage[link.version_id].inputs.append((input_node[key], g.edges[-1]))
    bottom = max([n.y for n in g.nodes] or [0]) + ROW + 10
    g.height = bottom
    return g


def _org(obj, org_names) -> str:
    org_id = getattr(obj, "organisation_id", None)
    return org_names.get(org_id, "") if org_id else ""
