"""E-I index on the DESIGN.md §6 example, its baselines and the permutation test."""

from __future__ import annotations

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
