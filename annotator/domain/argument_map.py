"""Layout of an argument map: spans as boxes in layers, links as arrows between them.

A layered layout for a small DAG, with no library. The rank of a node (0 at the top) is the
largest of its label's rank (major claim 0, claim 1, evidence 2 in the default scheme) and one
more than the rank of every node it points to, so a claim supporting another claim sits below
it and the arrows always point up. Links that close a cycle are drawn but ignored for ranking.
Inside a rank, nodes start in document order and are then reordered a few times by the mean
position of their neighbours (the barycenter heuristic), which removes most crossings in the
shapes opinion articles produce. A link that skips ranks (evidence straight to the major claim)
gets a narrow waypoint slot in every rank it crosses, ordered like the boxes, so that every edge
joins adjacent ranks only and never passes behind an unrelated box. Right-to-left documents
mirror every x coordinate, so the first span of the text sits on the right, where an Arabic
reader starts.
"""
from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

NODE_WIDTH = 230
GAP_X = 36
GAP_Y = 70
MARGIN = 24
LINE_HEIGHT = 18
HEADER_HEIGHT = 22
PADDING = 10
LINE_CHARS = 32
MAX_LINES = 4
BARYCENTER_SWEEPS = 4
WAYPOINT_WIDTH = 28  # the slot a long edge takes in a rank it crosses
WAYPOINT = "\x00"  # waypoint ids start with it: never a span's public id


@dataclass(frozen=True)
class MapNode:
    id: str  # the span's public id
    label: str  # label key
    text: str


@dataclass(frozen=True)
class MapEdge:
    source: str
    target: str
    kind: str  # supports | attacks


@dataclass(frozen=True)
class PlacedNode:
    node: MapNode
    rank: int
    x: float
    y: float
    width: float
    height: float
    lines: tuple[str, ...]

    @property
    def center_x(self) -> float:
        return self.x + self.width / 2


@dataclass(frozen=True)
class PlacedEdge:
    edge: MapEdge
    path: str  # SVG path data, from the source's top edge to the target's bottom edge
    label_x: float
    label_y: float


@dataclass(frozen=True)
class MapLayout:
    width: float
    height: float
    nodes: tuple[PlacedNode, ...]
    edges: tuple[PlacedEdge, ...]


def wrap_text(text: str, line_chars: int = LINE_CHARS, max_lines: int = MAX_LINES) -> tuple[str, ...]:
    """Words into lines of at most line_chars characters; an ellipsis marks text left out."""
    words = text.split()
    lines: list[str] = []
    current = ""
    for word in words:
        while len(word) > line_chars:  # a word longer than a line is cut, not allowed to overflow
            if current:
                lines.append(current)
                current = ""
            lines.append(word[:line_chars])
            word = word[line_chars:]
        candidate = f"{current} {word}" if current else word
        if len(candidate) <= line_chars:
            current = candidate
        else:
            lines.append(current)
            current = word
    if current:
        lines.append(current)
    if len(lines) > max_lines:
        kept = lines[:max_lines]
        kept[-1] = kept[-1][: line_chars - 1].rstrip() + "…"
        return tuple(kept)
    return tuple(lines)


def assign_ranks(nodes: Sequence[MapNode], edges: Sequence[MapEdge], label_ranks: Mapping[str, int]) -> dict[str, int]:
    """Rank 0 at the top; a source always sits below the targets it points to."""
    fallback = max(label_ranks.values(), default=-1) + 1
    targets: dict[str, list[str]] = {n.id: [] for n in nodes}
    for edge in edges:
        if edge.source in targets and edge.target in targets and edge.source != edge.target:
            targets[edge.source].append(edge.target)
    base = {n.id: label_ranks.get(n.label, fallback) for n in nodes}
    ranks: dict[str, int] = {}
    visiting: set[str] = set()

    def rank_of(node_id: str) -> int:
        if node_id in ranks:
            return ranks[node_id]
        visiting.add(node_id)
        rank = base[node_id]
        for target in targets[node_id]:
            if target in visiting:  # a back edge closes a cycle: draw it, do not rank by it
                continue
            rank = max(rank, rank_of(target) + 1)
        visiting.discard(node_id)
        ranks[node_id] = rank
        return rank

    for node in nodes:
        rank_of(node.id)
    return ranks


def _order_within_ranks(nodes: Sequence[MapNode], edges: Sequence[MapEdge], ranks: dict[str, int]) -> list[list[str]]:
    depth = max(ranks.values(), default=-1) + 1
    layers: list[list[str]] = [[] for _ in range(depth)]
    for node in nodes:  # document order first
        layers[ranks[node.id]].append(node.id)
    up: dict[str, list[str]] = {n.id: [] for n in nodes}
    down: dict[str, list[str]] = {n.id: [] for n in nodes}
    for edge in edges:
        if edge.source in up and edge.target in up and edge.source != edge.target:
            up[edge.source].append(edge.target)
            down[edge.target].append(edge.source)

    def position() -> dict[str, float]:
        # Relative positions (0..1 across a rank), so ranks of different sizes compare.
        return {node_id: (i + 0.5) / len(layer) for layer in layers for i, node_id in enumerate(layer)}

    def reorder(layer: list[str], neighbours: dict[str, list[str]]) -> list[str]:
        where = position()
        keyed = []
        for i, node_id in enumerate(layer):
            near = [where[n] for n in neighbours[node_id]]
            keyed.append((sum(near) / len(near) if near else where[node_id], i, node_id))
        return [node_id for _, _, node_id in sorted(keyed)]

    for _ in range(BARYCENTER_SWEEPS):
        for r in range(1, depth):
            layers[r] = reorder(layers[r], up)
        for r in range(depth - 2, -1, -1):
            layers[r] = reorder(layers[r], down)
    return layers


def _waypoints(edges: Sequence[MapEdge], ranks: dict[str, int]) -> tuple[list[MapNode], list[MapEdge], dict[int, list[str]]]:
    """A waypoint in every rank a long edge crosses (nearest its source first), and the chain of
    short edges through them that the ordering sees instead of the long one."""
    extra: list[MapNode] = []
    chained: list[MapEdge] = []
    by_edge: dict[int, list[str]] = {}
    for i, edge in enumerate(edges):
        top, bottom = ranks[edge.target], ranks[edge.source]
        if bottom - top <= 1:
            chained.append(edge)
            continue
        chain = [f"{WAYPOINT}{i}:{r}" for r in range(bottom - 1, top, -1)]
        for waypoint, r in zip(chain, range(bottom - 1, top, -1)):
            ranks[waypoint] = r
            extra.append(MapNode(waypoint, "", ""))
        ends = [edge.source, *chain, edge.target]
        chained.extend(MapEdge(a, b, edge.kind) for a, b in zip(ends, ends[1:]))
        by_edge[i] = chain
    return extra, chained, by_edge


def layout_argument_map(nodes: Sequence[MapNode], edges: Sequence[MapEdge], *,
                        label_ranks: Mapping[str, int], rtl: bool = False) -> MapLayout:
    """Place every node and route every edge; coordinates are in SVG user units."""
    by_id = {n.id: n for n in nodes}
    edges = [e for e in edges if e.source in by_id and e.target in by_id]
    ranks = assign_ranks(nodes, edges, label_ranks)
    extra, chained, waypoints_of = _waypoints(edges, ranks)
    layers = _order_within_ranks([*nodes, *extra], chained, ranks)

    def width_of(node_id: str) -> float:
        return WAYPOINT_WIDTH if node_id.startswith(WAYPOINT) else NODE_WIDTH

    def row_width(layer: list[str]) -> float:
        return sum(width_of(n) for n in layer) + max(len(layer) - 1, 0) * GAP_X

    width = MARGIN * 2 + max((row_width(layer) for layer in layers), default=0)
    placed: dict[str, PlacedNode] = {}
    slots: dict[str, tuple[float, float, float]] = {}  # waypoint -> (x, top, bottom) of its slot
    y = MARGIN
    for rank, layer in enumerate(layers):
        boxes = [n for n in layer if not n.startswith(WAYPOINT)]
        wrapped = {node_id: wrap_text(by_id[node_id].text) for node_id in boxes}
        height = HEADER_HEIGHT + PADDING + LINE_HEIGHT * max((len(v) for v in wrapped.values()), default=1)
        x = (width - row_width(layer)) / 2
        for node_id in layer:
            w = width_of(node_id)
            left = width - x - w if rtl else x
            if node_id in wrapped:
                placed[node_id] = PlacedNode(by_id[node_id], rank, round(left, 1), round(y, 1), NODE_WIDTH,
                                             height, wrapped[node_id])
            else:
                slots[node_id] = (round(left + w / 2, 1), round(y, 1), round(y + height, 1))
            x += w + GAP_X
        if layer:
            y += height + GAP_Y
    height = max(y - GAP_Y + MARGIN, MARGIN * 2)
    routed = tuple(_route(edge, placed[edge.source], placed[edge.target], [slots[w] for w in waypoints_of.get(i, [])])
                   for i, edge in enumerate(edges))
    ordered = tuple(placed[n.id] for n in nodes)
    return MapLayout(width=round(width, 1), height=round(height, 1), nodes=ordered, edges=routed)


def _route(edge: MapEdge, source: PlacedNode, target: PlacedNode,
           slots: Sequence[tuple[float, float, float]] = ()) -> PlacedEdge:
    if slots:  # a long edge: up through its slot in every rank it crosses, curving between ranks
        points = [(source.center_x, source.y)]
        for x, top, bottom in slots:
            points += [(x, bottom), (x, top)]
        points.append((target.center_x, target.y + target.height))
        path = f"M {points[0][0]:.1f} {points[0][1]:.1f}"
        for i in range(1, len(points)):
            (xa, ya), (xb, yb) = points[i - 1], points[i]
            if i % 2 == 0:  # inside a slot: straight up, clear of the boxes beside it
                path += f" L {xb:.1f} {yb:.1f}"
            else:
                middle = (ya + yb) / 2
                path += f" C {xa:.1f} {middle:.1f}, {xb:.1f} {middle:.1f}, {xb:.1f} {yb:.1f}"
        (xa, ya), (xb, yb) = points[0], points[1]
        return PlacedEdge(edge=edge, path=path, label_x=round((xa + xb) / 2, 1), label_y=round((ya + yb) / 2, 1))
    if source.rank > target.rank:  # the usual case: up from the source's top to the target's bottom
        x1, y1 = source.center_x, source.y
        x2, y2 = target.center_x, target.y + target.height
    else:  # a cycle's back edge or a same-rank link: down from the source's bottom
        x1, y1 = source.center_x, source.y + source.height
        x2, y2 = target.center_x, target.y
        if source.rank == target.rank:  # side by side: leave and enter through the bottom
            y2 = target.y + target.height
    middle = (y1 + y2) / 2 if y1 != y2 else y1 + GAP_Y / 2
    path = f"M {x1:.1f} {y1:.1f} C {x1:.1f} {middle:.1f}, {x2:.1f} {middle:.1f}, {x2:.1f} {y2:.1f}"
    return PlacedEdge(edge=edge, path=path, label_x=round((x1 + x2) / 2, 1), label_y=round(middle, 1))
