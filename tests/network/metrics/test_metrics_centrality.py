"""Degree, strength and (sector-to-sector) betweenness, by hand and against networkx."""

from __future__ import annotations

import math
import random
from collections import Counter, deque
from typing import Any

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


Networks = list[tuple[str, nx.Graph, dict[Any, str]]]


def _pure_python_brandes(
    g: nx.Graph, groups: dict[Any, str], sources: list[int]
) -> tuple[list[Any], list[float], list[float], dict[tuple[str, str, str], float]]:
    """The dependencies summed over ``sources`` as the pure-Python version computed them.

    Returns the nodes (sorted by str), the summed dependency of every node on all targets and
    on targets of another group than the source, and (source group, target group, broker
    group) → summed dependency.
    """
    nodes = sorted(g.nodes, key=str)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    adj = [[index[u] for u in g.adj[v] if u != v] for v in nodes]
    total, cross = [0.0] * n, [0.0] * n
    pairs: dict[tuple[str, str, str], float] = {}
    for s in sources:
        sigma, dist = [0.0] * n, [-1] * n
        preds: list[list[int]] = [[] for _ in range(n)]
        sigma[s], dist[s] = 1.0, 0
        order, queue = [], deque([s])
        while queue:
            v = queue.popleft()
            order.append(v)
            for w in adj[v]:
                if dist[w] < 0:
                    dist[w] = dist[v] + 1
                    queue.append(w)
                if dist[w] == dist[v] + 1:
                    sigma[w] += sigma[v]
                    preds[w].append(v)
        names = sorted(set(groups.values()))
        delta = [dict.fromkeys(names, 0.0) for _ in range(n)]
        gs = groups[nodes[s]]
        for w in reversed(order):
            gw = groups[nodes[w]]
            for v in preds[w]:
                for h in names:
                    target = delta[w][h] + (1.0 if h == gw else 0.0)
                    delta[v][h] += sigma[v] / sigma[w] * target
            if w != s:
                total[w] += sum(delta[w].values())
                cross[w] += sum(x for h, x in delta[w].items() if h != gs)
                for h, x in delta[w].items():
                    pairs[(gs, h, gw)] = pairs.get((gs, h, gw), 0.0) + x
    return nodes, total, cross, pairs


@pytest.mark.parametrize(("exact_limit", "samples"), [(1000, 0), (5, 7)])
def test_equals_the_pure_python_version(
    sector_networks: Networks, exact_limit: int, samples: int
) -> None:
    for name, g, groups in sector_networks:
        b = betweenness(g, groups, exact_limit=exact_limit, samples=samples, seed=3)
        nodes = sorted(g.nodes, key=str)
        n = len(nodes)
        sources = (
            list(range(n))
            if n <= exact_limit
            else sorted(random.Random(3).sample(range(n), min(samples, n)))
        )
        assert b.sources == len(sources) and b.exact == (n <= exact_limit)
        _, total, cross, pairs = _pure_python_brandes(g, groups, sources)
        scale = 1.0 if b.exact else n / len(sources)
        sizes = Counter(groups[v] for v in nodes)
        cross_pairs = sum(sizes[x] * sizes[y] for x in sizes for y in sizes if x < y)
        for i, v in enumerate(nodes):
            norm = (n - 1) * (n - 2)
            expected = total[i] * scale / norm if norm > 0 else 0.0
            assert b.betweenness[v] == pytest.approx(expected, abs=1e-9), (name, v)
            others = cross_pairs - (n - sizes[groups[v]])
            expected = cross[i] * scale / 2 / others if others > 0 else 0.0
            assert b.cross_sector[v] == pytest.approx(expected, abs=1e-9), (name, v)
            assert math.isfinite(b.betweenness[v]) and math.isfinite(b.cross_sector[v])
        names = sorted(sizes)
        for x in names:
            for y in names:
                if x > y:
                    continue
                by = {c: pairs.get((x, y, c), 0.0) + pairs.get((y, x, c), 0.0) for c in names}
                tot = sum(by.values())
                key = f"{x}|{y}"
                if tot <= 1e-12:
                    assert key not in b.pair_brokers, (name, key)
                    continue
                shares = {c: s / tot for c, s in by.items() if s > 1e-12}
                assert b.pair_brokers[key] == pytest.approx(shares, abs=1e-9), (name, key)


def test_sampled_betweenness_equals_networkx_on_the_same_sources(
    sector_networks: Networks,
) -> None:
    for name, g, groups in sector_networks:
        nodes = sorted(g.nodes, key=str)
        n = len(nodes)
        if n < 10:
            continue
        b = betweenness(g, groups, exact_limit=5, samples=8, seed=21)
        sources = [nodes[i] for i in sorted(random.Random(21).sample(range(n), 8))]
        # networkx halves undirected subset betweenness; each (source, target) pair counts once.
        raw = nx.betweenness_centrality_subset(g, sources, nodes, normalized=False)
        for v in g:
            expected = 2 * raw[v] * (n / 8) / ((n - 1) * (n - 2))
            assert b.betweenness[v] == pytest.approx(expected, abs=1e-9), (name, v)


def test_exact_betweenness_equals_networkx_on_random_sector_networks(
    sector_networks: Networks,
) -> None:
    for name, g, groups in sector_networks:
        ours = betweenness(g, groups).betweenness
        theirs = nx.betweenness_centrality(g, normalized=True)
        if g.number_of_nodes() < 3:
            assert set(ours.values()) <= {0.0}, name
            continue
        assert ours == pytest.approx(theirs, abs=1e-9), name
