"""Degree, strength and (sector-to-sector) betweenness, by hand and against networkx."""

from __future__ import annotations

import networkx as nx
import pytest

from urbankg.network.metrics import betweenness, degree_strength

Fixture = tuple[nx.Graph, dict[int, str]]


def test_degree_and_strength() -> None:
    g = nx.Graph()
    g.add_edge("a", "b", weight=0.5)
    g.add_edge("a", "c", weight=1.5)
    g.add_node("d")
    degree, strength = degree_strength(g)
    assert degree == {"a": 2, "b": 1, "c": 1, "d": 0}
    assert strength == {"a": 2.0, "b": 0.5, "c": 1.5, "d": 0.0}


def test_design_example_betweenness(design_graph: Fixture) -> None:
    g, groups = design_graph
    b = betweenness(g, groups)
    # Node 3 lies on the only shortest paths 1-4, 1-5, 2-4, 2-5; node 4 on 1-5, 2-5, 3-5;
    # normalised by the 6 pairs of the other four nodes.
    assert b.betweenness == {
        1: 0.0,
        2: 0.0,
        3: pytest.approx(4 / 6),
        4: pytest.approx(3 / 6),
        5: 0.0,
    }
    assert b.exact and b.sources == 5


def test_design_example_cross_sector_betweenness(design_graph: Fixture) -> None:
    g, groups = design_graph
    b = betweenness(g, groups)
    # 8 cross-group pairs; 3 of them involve node 3 (1-3, 2-3, 3-5), leaving 5: node 3 is on
    # 4 of them (1-4, 1-5, 2-4, 2-5). Node 4: 3 cross pairs involve it; on 1-5, 2-5, 3-5.
    assert b.cross_sector[3] == pytest.approx(4 / 5)
    assert b.cross_sector[4] == pytest.approx(3 / 5)
    assert b.cross_sector[1] == 0.0
    # All brokerage between groups is done by research actors; gov-gov pairs need none.
    assert b.pair_brokers == {
        "business|gov": {"research": 1.0},
        "business|research": {"research": 1.0},
        "gov|research": {"research": 1.0},
    }


def test_pair_brokers_share_brokerage_between_groups() -> None:
    # a(x) - m(y) - b(x) and a(x) - n(z) - b(x): two shortest paths, half each.
    g = nx.Graph([("a", "m"), ("m", "b"), ("a", "n"), ("n", "b")])
    groups = {"a": "x", "b": "x", "m": "y", "n": "z"}
    b = betweenness(g, groups)
    assert b.pair_brokers["x|x"] == {"y": 0.5, "z": 0.5}


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_exact_betweenness_equals_networkx(seed: int) -> None:
    g = nx.gnp_random_graph(40, 0.12, seed=seed)
    groups = {v: "abc"[v % 3] for v in g}
    ours = betweenness(g, groups).betweenness
    theirs = nx.betweenness_centrality(g, normalized=True)
    assert ours == pytest.approx(theirs)


def test_cross_sector_betweenness_equals_networkx_subset_sums() -> None:
    g = nx.gnp_random_graph(30, 0.15, seed=5)
    groups = {v: "ab"[v % 2] for v in g}
    ours = betweenness(g, groups).cross_sector
    a = [v for v in g if groups[v] == "a"]
    b = [v for v in g if groups[v] == "b"]
    raw = nx.betweenness_centrality_subset(g, a, b, normalized=False)
    for v in g:
        # networkx halves undirected subset betweenness; each a-b pair is counted once here.
        pairs = len(a) * len(b) - (len(b) if groups[v] == "a" else len(a))
        assert ours[v] == pytest.approx(2 * raw[v] / pairs)


def test_sampled_betweenness_is_seeded_and_scaled() -> None:
    g = nx.gnp_random_graph(60, 0.1, seed=3)
    groups = dict.fromkeys(g, "a")
    one = betweenness(g, groups, exact_limit=10, samples=20, seed=9)
    two = betweenness(g, groups, exact_limit=10, samples=20, seed=9)
    assert one == two
    assert not one.exact and one.sources == 20
    # Sampling every node as a source gives the exact values.
    full = betweenness(g, groups, exact_limit=10, samples=60, seed=9)
    assert full.betweenness == pytest.approx(nx.betweenness_centrality(g))


def test_small_graphs_have_zero_betweenness() -> None:
    g = nx.Graph([("a", "b")])
    g.add_node("c")
    b = betweenness(g, {"a": "x", "b": "y", "c": "x"})
    assert b.betweenness == {"a": 0.0, "b": 0.0, "c": 0.0}
    assert b.cross_sector == {"a": 0.0, "b": 0.0, "c": 0.0}
    assert betweenness(nx.Graph(), {}).betweenness == {}
