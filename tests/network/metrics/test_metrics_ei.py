"""E-I index on the DESIGN.md §6 example, its baselines and the permutation test."""

from __future__ import annotations

import math
import random
from statistics import fmean, pstdev
from typing import Any

import networkx as nx
import pytest

from urbankg.network.metrics import ei, ei_index, ei_permutation_test

Fixture = tuple[nx.Graph, dict[int, str]]


def test_design_example_whole_network(design_graph: Fixture) -> None:
    g, groups = design_graph
    r = ei_index(g, groups)
    # 3 external ties (2-3, 1-3, 4-5), 2 internal (1-2, 3-4): (3 - 2) / 5.
    assert (r.external, r.internal) == (3, 2)
    assert r.ei == pytest.approx(0.2)
    # Complete graph on sizes 2, 2, 1: 10 pairs, 2 internal, 8 external: 6/10.
    assert r.baseline == pytest.approx(0.6)


def test_design_example_per_group(design_graph: Fixture) -> None:
    g, groups = design_graph
    r = ei_index(g, groups)
    gov, res, bus = r.groups["gov"], r.groups["research"], r.groups["business"]
    assert (gov.internal, gov.external, gov.ei) == (1, 2, pytest.approx(1 / 3))
    assert (res.internal, res.external, res.ei) == (1, 3, pytest.approx(0.5))
    assert (bus.internal, bus.external, bus.ei) == (0, 1, 1.0)
    # Complete-graph baselines: a group of 2 in 5 has 6 external pairs and 1 internal.
    assert gov.baseline == pytest.approx(5 / 7)
    assert res.baseline == pytest.approx(5 / 7)
    assert bus.baseline == 1.0


def test_design_example_per_actor(design_graph: Fixture) -> None:
    g, groups = design_graph
    r = ei_index(g, groups)
    assert r.actors == {1: 0.0, 2: 0.0, 3: pytest.approx(1 / 3), 4: 0.0, 5: 1.0}
    # An actor of a group of 2 in 5: 3 possible external, 1 internal contact.
    assert r.actor_baselines[1] == pytest.approx(0.5)
    assert r.actor_baselines[5] == 1.0


def test_degenerate_networks_have_defined_values() -> None:
    assert ei(0, 0) is None
    one = nx.Graph()
    one.add_node("a")
    r = ei_index(one, {"a": "x"})
    assert (r.ei, r.baseline, r.actors["a"], r.groups["x"].ei) == (None, None, None, None)
    # An isolate next to a tie.
    g = nx.Graph([("a", "b")])
    g.add_node("c")
    r = ei_index(g, {"a": "x", "b": "x", "c": "y"})
    assert r.ei == -1.0  # no cross-sector tie
    assert r.actors["c"] is None
    assert r.groups["y"].ei is None
    assert r.groups["y"].baseline == 1.0


def test_permutation_test_is_seeded_and_centred_on_the_baseline(design_graph: Fixture) -> None:
    g, groups = design_graph
    first = ei_permutation_test(g, groups, permutations=999, seed=7)
    again = ei_permutation_test(g, groups, permutations=999, seed=7)
    assert first == again
    # Relabelling keeps the ties: the expected number of internal ties is m times the chance
    # that two random actors share a group, 5 * 4/20 = 1, so the mean E-I is (5 - 2)/5 = 0.6,
    # the complete-graph baseline.
    assert first.mean == pytest.approx(0.6, abs=0.05)
    assert first.sd is not None and first.sd > 0
    assert first.p_lower is not None and first.p_upper is not None
    assert 0 < first.p_lower <= 1 and 0 < first.p_upper <= 1
    assert first.p_lower + first.p_upper >= 1  # the observed value itself counts in both
    assert set(first.groups) == {"gov", "research", "business"}


def test_permutation_test_detects_homophily() -> None:
    # Two cliques of 6, one per group, one bridge: far fewer external ties than by chance.
    g = nx.disjoint_union(nx.complete_graph(6), nx.complete_graph(6))
    g.add_edge(0, 6)
    groups = {v: "a" if v < 6 else "b" for v in g}
    r = ei_permutation_test(g, groups, permutations=199, seed=1)
    assert r.p_lower == pytest.approx(1 / 200)
    assert r.p_upper == 1.0


def test_permutation_test_without_ties_is_undefined() -> None:
    g = nx.Graph()
    g.add_nodes_from("ab")
    r = ei_permutation_test(g, {"a": "x", "b": "y"})
    assert (r.mean, r.p_lower, r.p_upper) == (None, None, None)


Networks = list[tuple[str, nx.Graph, dict[Any, str]]]


def _pure_python_permutations(
    g: nx.Graph, groups: dict[Any, str], permutations: int, seed: int
) -> tuple[list[float], dict[str, list[float | None]]]:
    """The permutation distributions as the pure-Python version computed them (bit sets)."""
    nodes = sorted(g.nodes, key=str)
    idx = {v: i for i, v in enumerate(nodes)}
    bit = [1 << i for i in range(len(nodes))]
    lower = [sum(bit[idx[u]] for u in g.adj[v] if idx[u] < idx[v]) for v in nodes]
    deg = [sum(1 for u in g.adj[v] if u != v) for v in nodes]
    names = sorted({groups[v] for v in nodes})
    gid = {name: k for k, name in enumerate(names)}
    shuffled = [gid[groups[v]] for v in nodes]
    ties = g.number_of_edges()
    rng = random.Random(seed)
    whole: list[float] = []
    per_group: dict[str, list[float | None]] = {name: [] for name in names}
    for _ in range(permutations):
        rng.shuffle(shuffled)
        masks = [0] * len(names)
        for i, k in enumerate(shuffled):
            masks[k] |= bit[i]
        inside = [0] * len(names)
        deg_sum = [0] * len(names)
        for i, k in enumerate(shuffled):
            inside[k] += (lower[i] & masks[k]).bit_count()
            deg_sum[k] += deg[i]
        whole.append((ties - 2 * sum(inside)) / ties)
        for k, name in enumerate(names):
            per_group[name].append(ei(deg_sum[k] - 2 * inside[k], inside[k]))
    return whole, per_group


def test_permutation_test_equals_the_pure_python_version(sector_networks: Networks) -> None:
    for name, g, groups in sector_networks:
        r = ei_permutation_test(g, groups, permutations=199, seed=11)
        if g.number_of_edges() == 0:
            assert (r.mean, r.sd, r.p_lower, r.p_upper) == (None, None, None, None), name
            continue
        whole, per_group = _pure_python_permutations(g, groups, 199, 11)
        observed = ei_index(g, groups)
        assert r.mean == pytest.approx(fmean(whole), abs=1e-9), name
        assert r.sd == pytest.approx(pstdev(whole), abs=1e-9), name
        assert observed.ei is not None
        lower = sum(1 for x in whole if x <= observed.ei + 1e-12)
        upper = sum(1 for x in whole if x >= observed.ei - 1e-12)
        assert (r.p_lower, r.p_upper) == ((lower + 1) / 200, (upper + 1) / 200), name
        for group, values in per_group.items():
            defined = [x for x in values if x is not None]
            mean = r.groups[group]["mean"]
            assert (mean is None) == (not defined), (name, group)
            if defined:
                assert mean == pytest.approx(fmean(defined), abs=1e-9), (name, group)
        # Defined values only: never NaN.
        values = [r.mean, r.sd, r.p_lower, r.p_upper]
        values += [v for d in r.groups.values() for v in d.values()]
        assert all(x is None or math.isfinite(x) for x in values), name
