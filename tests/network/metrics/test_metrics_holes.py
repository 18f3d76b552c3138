"""Burt's constraint and effective size by hand and against networkx."""

from __future__ import annotations

import math
from typing import Any

import networkx as nx
import pytest

from urbankg.network.metrics import constraint_and_effective_size, holes

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


Networks = list[tuple[str, nx.Graph, dict[Any, str]]]


def test_weighted_effective_size_by_hand() -> None:
    # b's contacts: a (weight 1) and c (weight 4): p_ba = 0.2, p_bc = 0.8. a is redundant
    # through c by p_bc * m_ac = 0.8 * 1/1; c through a by p_ba * m_ca = 0.2 * 1/4 (c's strongest
    # tie is to b). Effective size 2 - 0.8 - 0.05 = 1.15. (networkx 3.6's scipy path divides
    # m by the strongest tie of the wrong end and gives 1.6; its per-node path gives 1.15.)
    g = nx.Graph()
    g.add_edge("a", "b", weight=1.0)
    g.add_edge("a", "c", weight=1.0)
    g.add_edge("b", "c", weight=4.0)
    g.add_edge("c", "d", weight=1.0)
    _, e = constraint_and_effective_size(g)
    assert e["b"] == pytest.approx(1.15)
    assert e["a"] == pytest.approx(1.0) and e["d"] == 1.0


@pytest.mark.parametrize("block", [None, 1])
def test_equal_networkx_on_random_sector_networks(
    sector_networks: Networks, block: int | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    if block is not None:  # one hub per block of dense columns
        monkeypatch.setattr(holes, "_BLOCK", block)
    hubs = 0
    for name, g, _ in sector_networks:
        for weight in ("weight", None):
            c, e = constraint_and_effective_size(g, weight=weight)
            nc = nx.constraint(g, weight=weight)
            # networkx's per-node path (Burt's formula; see the test by hand above).
            ne = nx.effective_size(g, nodes=list(g), weight=weight)
            assert c.keys() == e.keys() == set(g)
            for v in g:
                if g.degree(v):
                    assert c[v] == pytest.approx(nc[v], abs=1e-9, rel=1e-9), (name, v)
                    assert e[v] == pytest.approx(ne[v], abs=1e-9, rel=1e-9), (name, v)
                else:
                    assert (c[v], e[v]) == (None, 0.0), (name, v)
                assert all(x is None or math.isfinite(x) for x in (c[v], e[v]))
        ties = 2 * g.number_of_edges()
        hubs += sum(1 for _, d in g.degree if d * d > ties)
    assert hubs > 0  # the hubs' terms (summed over the tie list) are exercised


def test_isolates_have_defined_values() -> None:
    g = nx.Graph([("a", "b")])
    g.add_node("z")
    c, e = constraint_and_effective_size(g)
    assert c["z"] is None
    assert e["z"] == 0.0
    assert c["a"] == 1.0 and e["a"] == 1.0
