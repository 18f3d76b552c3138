"""Mixing matrix and assortativity on the DESIGN.md §6 example."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from urbankg.network.metrics import assortativity, mixing_matrices, mixing_matrix

Fixture = tuple[nx.Graph, dict[int, str]]


def test_design_example_mixing_matrix(design_graph: Fixture) -> None:
    g, groups = design_graph
    m = mixing_matrix(g, groups)
    assert m == {
        "business": {"business": 0, "gov": 0, "research": 1},
        "gov": {"business": 0, "gov": 1, "research": 2},
        "research": {"business": 1, "gov": 2, "research": 1},
    }


def test_design_example_assortativity(design_graph: Fixture) -> None:
    g, groups = design_graph
    # Tie ends: e_gg = e_gr = e_rg = e_rr = 0.2, e_rb = e_br = 0.1; a = (0.4, 0.5, 0.1);
    # r = (0.4 - 0.42) / (1 - 0.42) = -1/29.
    assert assortativity(g, groups) == pytest.approx(-1 / 29)


def test_weighted_mixing_sums_weights() -> None:
    g = nx.Graph()
    g.add_edge("a", "b", weight=0.5)
    g.add_edge("a", "c", weight=2.0)
    m = mixing_matrix(g, {"a": "x", "b": "x", "c": "y"}, weight="weight")
    assert m == {"x": {"x": 0.5, "y": 2.0}, "y": {"x": 2.0, "y": 0.0}}


def test_assortativity_extremes_and_undefined_values() -> None:
    two = nx.disjoint_union(nx.complete_graph(3), nx.complete_graph(3))
    groups = {v: "a" if v < 3 else "b" for v in two}
    assert assortativity(two, groups) == pytest.approx(1.0)
    bip = nx.complete_bipartite_graph(2, 2)
    assert assortativity(bip, {v: "a" if v < 2 else "b" for v in bip}) == pytest.approx(-1.0)
    assert assortativity(two, dict.fromkeys(two, "a")) is None  # one group: 0/0
    empty = nx.Graph()
    empty.add_nodes_from("ab")
    assert assortativity(empty, {"a": "x", "b": "y"}) is None


def test_mixing_matrices_equal_a_loop_over_the_ties(
    sector_networks: list[tuple[str, nx.Graph, dict[Any, str]]],
) -> None:
    for name, g, groups in sector_networks:
        counts, weights = mixing_matrices(g, groups)
        names = sorted(set(groups.values()))
        loop = {a: dict.fromkeys(names, 0.0) for a in names}
        summed = {a: dict.fromkeys(names, 0.0) for a in names}
        for u, v, w in g.edges(data="weight", default=1.0):
            a, b = groups[u], groups[v]
            loop[a][b] += 1.0
            summed[a][b] += w
            if a != b:
                loop[b][a] += 1.0
                summed[b][a] += w
        # Summed in the order of the ties: equal to the last bit.
        assert (counts, weights) == (loop, summed), name
        assert counts == mixing_matrix(g, groups)
        assert assortativity(g, groups, counts) == assortativity(g, groups)
