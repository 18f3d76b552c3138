"""Louvain communities, modularity, Blau index and NMI on hand-computed examples."""

from __future__ import annotations

import networkx as nx
import pytest

from urbankg.network.metrics import (
    blau_index,
    community_mix,
    louvain,
    membership,
    modularity,
    nmi,
)


def two_triangles() -> nx.Graph:
    g = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("d", "e"), ("e", "f"), ("d", "f")])
    g.add_edge("c", "d")
    return g


def test_louvain_finds_the_two_triangles_deterministically() -> None:
    g = two_triangles()
    assert louvain(g, seed=1) == [["a", "b", "c"], ["d", "e", "f"]]
    assert louvain(g, seed=1) == louvain(g, seed=1)


def test_modularity_by_hand() -> None:
    g = two_triangles()
    # m = 7; each community has 3 internal ties and degree sum 7: 2 * (3/7 - (7/14)^2) = 5/14.
    assert modularity(g, [["a", "b", "c"], ["d", "e", "f"]], weight=None) == pytest.approx(5 / 14)


def test_blau_index() -> None:
    assert blau_index({"public": 2, "research": 1}) == pytest.approx(4 / 9)
    assert blau_index({"public": 5}) == 0.0
    assert blau_index({}) == 0.0
    assert blau_index(dict.fromkeys("abcd", 1)) == pytest.approx(0.75)


def test_community_mix() -> None:
    mix = community_mix([["a", "b", "c"], ["d"]], {"a": "p", "b": "p", "c": "r", "d": "r"})
    assert [(m.community, m.size, m.groups) for m in mix] == [
        (0, 3, {"p": 2, "r": 1}),
        (1, 1, {"r": 1}),
    ]
    assert mix[0].blau == pytest.approx(4 / 9)


def test_nmi_by_hand() -> None:
    left = {1: 0, 2: 0, 3: 1, 4: 1}
    assert nmi(left, {1: "a", 2: "a", 3: "b", 4: "b"}) == pytest.approx(1.0)
    assert nmi(left, {1: "a", 2: "b", 3: "a", 4: "b"}) == pytest.approx(0.0)
    assert nmi(left, dict.fromkeys(left, "a")) == 0.0
    # H(left) = H(3/4, 1/4) = 0.811278, H(right) = 1, H(joint) = 1.5: I = 0.311278.
    skewed = {1: 0, 2: 0, 3: 0, 4: 1}
    assert nmi(skewed, {1: "a", 2: "a", 3: "b", 4: "b"}) == pytest.approx(0.343711, abs=1e-6)
    assert nmi({1: 0}, {1: "a"}) == 1.0
    assert nmi({}, {}) is None


def test_degenerate_networks() -> None:
    assert louvain(nx.Graph()) == []
    g = nx.Graph()
    g.add_nodes_from("ba")
    assert louvain(g) == [["a"], ["b"]]
    assert modularity(g, louvain(g)) is None
    assert membership([["a"], ["b", "c"]]) == {"a": 0, "b": 1, "c": 1}
