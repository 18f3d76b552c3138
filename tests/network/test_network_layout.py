"""The layout is deterministic: the same data gives the same positions."""

from __future__ import annotations

import networkx as nx

from urbankg.network.layout import layout


def test_same_data_same_positions_whatever_the_insertion_order() -> None:
    g = nx.les_miserables_graph()
    h = nx.Graph()
    h.add_nodes_from(sorted(g.nodes, reverse=True))
    h.add_edges_from(sorted(g.edges, reverse=True))
    assert layout(g, seed=3) == layout(h, seed=3)
    assert layout(g, seed=3) != layout(g, seed=4)


def test_positions_fill_the_square_and_are_rounded() -> None:
    pos = layout(nx.karate_club_graph())
    xs = [x for x, _ in pos.values()]
    ys = [y for _, y in pos.values()]
    assert min(min(xs), min(ys)) >= -1.0 and max(max(xs), max(ys)) <= 1.0
    assert max(max(xs) - min(xs), max(ys) - min(ys)) == 2.0
    assert all(round(c, 4) == c for p in pos.values() for c in p)


def test_tied_actors_end_closer_than_untied_ones() -> None:
    g = nx.disjoint_union(nx.complete_graph(8), nx.complete_graph(8))
    pos = layout(g)

    def dist(u: int, v: int) -> float:
        return float(((pos[u][0] - pos[v][0]) ** 2 + (pos[u][1] - pos[v][1]) ** 2) ** 0.5)

    within = sum(dist(u, v) for u, v in g.edges) / g.number_of_edges()
    across = sum(dist(u, v) for u in range(8) for v in range(8, 16)) / 64
    assert within < across


def test_degenerate_graphs() -> None:
    assert layout(nx.Graph()) == {}
    one = nx.Graph()
    one.add_node("a")
    assert layout(one) == {"a": (0.0, 0.0)}
    two = nx.Graph()
    two.add_nodes_from("ab")
    assert set(layout(two)) == {"a", "b"}
