"""Burt's constraint and effective size by hand and against networkx."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from urbankg.network.metrics import constraint_and_effective_size

Fixture = tuple[nx.Graph, dict[int, str]]


def test_design_example_by_hand(design_graph: Fixture) -> None:
    g, _ = design_graph
    c, e = constraint_and_effective_size(g)
    # Node 1: contacts 2 and 3 (p = 1/2), tied to each other; p_32 = 1/3, p_23 = 1/2:
    # (1/2 + 1/2 * 1/3)^2 + (1/2 + 1/2 * 1/2)^2 = 4/9 + 9/16.
    assert c[1] == pytest.approx(4 / 9 + 9 / 16)
    # Node 3: contacts 1, 2, 4 (p = 1/3): (1/3 + 1/6)^2 * 2 + (1/3)^2.
    assert c[3] == pytest.approx(11 / 18)
    assert c[4] == pytest.approx(0.5)
    assert c[5] == pytest.approx(1.0)
    # Effective size n - 2t/n: node 1: 2 - 1; node 3: 3 - 2/3; node 4: 2; node 5: 1.
    assert e == {1: 1.0, 2: 1.0, 3: pytest.approx(7 / 3), 4: 2.0, 5: 1.0}


@pytest.mark.parametrize("seed", [1, 2])
def test_weighted_values_equal_networkx(seed: int) -> None:
    g = nx.gnp_random_graph(25, 0.25, seed=seed)
    rng = random.Random(seed)
    for u, v in g.edges:
        g[u][v]["weight"] = rng.choice([0.25, 0.5, 1.0, 2.0])
    c, e = constraint_and_effective_size(g)
    nc = nx.constraint(g, weight="weight")
    ne = nx.effective_size(g, weight="weight")
    for v in g:
        if g.degree(v):
            assert c[v] == pytest.approx(nc[v])
            assert e[v] == pytest.approx(ne[v])


def test_isolates_have_defined_values() -> None:
    g = nx.Graph([("a", "b")])
    g.add_node("z")
    c, e = constraint_and_effective_size(g)
    assert c["z"] is None
    assert e["z"] == 0.0
    assert c["a"] == 1.0 and e["a"] == 1.0
