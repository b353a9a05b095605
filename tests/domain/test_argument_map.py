"""The argument map's layout: ranks, order inside a rank, mirroring for right-to-left text."""
import re

from annotator.domain.argument_map import (
    MAX_LINES,
    MapEdge,
    MapNode,
    assign_ranks,
    layout_argument_map,
    wrap_text,
)

RANKS = {"major_claim": 0, "claim": 1, "evidence": 2}


def _map():
    nodes = [
        MapNode("e1", "evidence", "Food prices rose by 40%."),
        MapNode("c1", "claim", "Sanctions hurt people."),
        MapNode("m", "major_claim", "Lift the sanctions."),
        MapNode("c2", "claim", "The regime is unharmed."),
        MapNode("e2", "evidence", "Its budget grew."),
    ]
    edges = [
        MapEdge("e1", "c1", "supports"),
        MapEdge("c1", "m", "supports"),
        MapEdge("c2", "m", "supports"),
        MapEdge("e2", "c2", "attacks"),
    ]
    return nodes, edges


def test_ranks_follow_labels_and_links():
    nodes, edges = _map()
    assert assign_ranks(nodes, edges, RANKS) == {"m": 0, "c1": 1, "c2": 1, "e1": 2, "e2": 2}


def test_a_claim_supporting_a_claim_sits_below_it():
    nodes = [MapNode("a", "claim", "a"), MapNode("b", "claim", "b"), MapNode("e", "evidence", "e")]
    edges = [MapEdge("a", "b", "supports"), MapEdge("e", "a", "supports")]
    assert assign_ranks(nodes, edges, RANKS) == {"b": 1, "a": 2, "e": 3}


def test_a_cycle_does_not_loop_and_is_still_drawn():
    nodes = [MapNode("a", "claim", "a"), MapNode("b", "claim", "b")]
    edges = [MapEdge("a", "b", "supports"), MapEdge("b", "a", "attacks")]
    layout = layout_argument_map(nodes, edges, label_ranks=RANKS)
    assert len(layout.edges) == 2
    assert {p.node.id: p.rank for p in layout.nodes} == {"b": 1, "a": 2}


def test_unlinked_and_unknown_labels_get_their_own_rank():
    nodes = [MapNode("x", "loaded_language", "t"), MapNode("e", "evidence", "e")]
    assert assign_ranks(nodes, [], RANKS) == {"x": 3, "e": 2}


def test_arrows_point_up_from_source_top_to_target_bottom():
    nodes, edges = _map()
    layout = layout_argument_map(nodes, edges, label_ranks=RANKS)
    placed = {p.node.id: p for p in layout.nodes}
    for routed in layout.edges:
        source, target = placed[routed.edge.source], placed[routed.edge.target]
        assert source.y > target.y
        start = routed.path.split()[1:3]
        assert [float(v) for v in start] == [source.center_x, source.y]
        assert routed.path.endswith(f"{target.center_x:.1f} {target.y + target.height:.1f}")


def test_children_sit_under_their_parent_without_crossing():
    nodes, edges = _map()
    layout = layout_argument_map(nodes, edges, label_ranks=RANKS)
    x = {p.node.id: p.x for p in layout.nodes}
    assert (x["c1"] < x["c2"]) == (x["e1"] < x["e2"])


def test_barycenter_reorders_to_remove_a_crossing():
    nodes = [MapNode("c1", "claim", ""), MapNode("c2", "claim", ""),
             MapNode("e2", "evidence", ""), MapNode("e1", "evidence", "")]
    edges = [MapEdge("e1", "c1", "supports"), MapEdge("e2", "c2", "supports")]
    layout = layout_argument_map(nodes, edges, label_ranks=RANKS)
    x = {p.node.id: p.x for p in layout.nodes}
    assert x["e1"] < x["e2"]


def test_rtl_mirrors_every_x():
    nodes, edges = _map()
    ltr = layout_argument_map(nodes, edges, label_ranks=RANKS)
    rtl = layout_argument_map(nodes, edges, label_ranks=RANKS, rtl=True)
    assert ltr.width == rtl.width
    for a, b in zip(ltr.nodes, rtl.nodes):
        assert a.y == b.y
        assert round(a.x + b.x + b.width, 1) == ltr.width


def test_everything_fits_inside_the_canvas():
    nodes, edges = _map()
    layout = layout_argument_map(nodes, edges, label_ranks=RANKS)
    for p in layout.nodes:
        assert 0 <= p.x and p.x + p.width <= layout.width
        assert 0 <= p.y and p.y + p.height <= layout.height


def test_edges_to_missing_nodes_are_dropped_and_empty_map_is_small():
    layout = layout_argument_map([MapNode("a", "claim", "a")], [MapEdge("a", "zz", "supports")], label_ranks=RANKS)
    assert layout.edges == ()
    empty = layout_argument_map([], [], label_ranks=RANKS)
    assert empty.nodes == () and empty.width > 0 and empty.height > 0


def test_wrap_text_keeps_words_and_marks_what_is_left_out():
    assert wrap_text("one two three", line_chars=7) == ("one two", "three")
    long = " ".join(["كلمة"] * 60)
    lines = wrap_text(long)
    assert len(lines) == MAX_LINES and lines[-1].endswith("…")
    assert wrap_text("x" * 70, line_chars=30) == ("x" * 30, "x" * 30, "x" * 10)


def test_an_edge_that_skips_a_rank_passes_beside_the_boxes_never_behind_them():
    # Evidence straight to the major claim, across the rank of two unrelated claims (issue 18).
    nodes = [MapNode("m", "major_claim", "m"), MapNode("c1", "claim", "c1"), MapNode("c2", "claim", "c2"),
             MapNode("e", "evidence", "e"), MapNode("e2", "evidence", "e2")]
    edges = [MapEdge("c1", "m", "supports"), MapEdge("c2", "m", "attacks"), MapEdge("e", "m", "supports"),
             MapEdge("e2", "c1", "supports")]
    for rtl in (False, True):
        layout = layout_argument_map(nodes, edges, label_ranks=RANKS, rtl=rtl)
        placed = {p.node.id: p for p in layout.nodes}
        long_edge = next(e for e in layout.edges if e.edge.source == "e")
        # The path goes straight up ("L") through the claims' rank, at an x no claim box covers.
        vertical = re.findall(r"L ([\d.]+) ([\d.]+)", long_edge.path)
        assert len(vertical) == 1
        x = float(vertical[0][0])
        for claim in (placed["c1"], placed["c2"]):
            assert not claim.x - 1 <= x <= claim.x + claim.width + 1, (rtl, x, claim)
        start = [float(v) for v in long_edge.path.split()[1:3]]
        assert start == [placed["e"].center_x, placed["e"].y]
        m = placed["m"]
        assert long_edge.path.endswith(f"{m.center_x:.1f} {m.y + m.height:.1f}")
        # Every box stays inside the drawing.
        assert all(0 <= p.x and p.x + p.width <= layout.width for p in layout.nodes)


def test_edges_between_adjacent_ranks_are_unchanged_curves():
    nodes, edges = _map()
    layout = layout_argument_map(nodes, edges, label_ranks=RANKS)
    assert all(" L " not in e.path and e.path.count(" C ") == 1 for e in layout.edges)
