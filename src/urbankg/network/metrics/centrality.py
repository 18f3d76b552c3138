"""Degree, strength and (sector-to-sector) betweenness.

Betweenness is Brandes' algorithm on hop distances (ties are unweighted for shortest paths):
Brandes, U., 2001, "A faster algorithm for betweenness centrality", Journal of Mathematical
Sociology 25(2), 163–177. Above a size limit it is estimated from a seeded sample of source
nodes (pivots), scaled by n/k: Brandes, U. & Pich, C., 2007, "Centrality estimation in large
networks", International Journal of Bifurcation and Chaos 17(7), 2303–2318.

The dependency of a source on each target group is accumulated separately (the "subset"
variant of Brandes, U., 2008, "On variants of shortest-path betweenness centrality and their
generic computation", Social Networks 30(2), 136–145), which gives in the same pass

- ``cross_sector``: betweenness on the shortest paths between actors of *different* groups only;
- ``pair_brokers``: for each pair of groups (A, B), the share of the brokerage on A–B shortest
  paths done by intermediaries of each group C.
"""

from __future__ import annotations

import random
from collections import deque
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx


def degree_strength(g: nx.Graph) -> tuple[dict[Any, int], dict[Any, float]]:
    """Return the degree (number of ties) and strength (sum of tie weights) of every node.

    Strength is the weighted degree of Barrat, A., Barthélemy, M., Pastor-Satorras, R. &
    Vespignani, A., 2004, "The architecture of complex weighted networks", PNAS 101(11).
    Isolates have degree 0 and strength 0.0.
    """
    degree = {n: int(d) for n, d in g.degree()}
    strength = {n: float(d) for n, d in g.degree(weight="weight")}
    return degree, strength


@dataclass
class Betweenness:
    """Betweenness of every node, in [0, 1], and brokerage between groups.

    Attributes:
        betweenness: share of the shortest paths between other pairs through the node
            (normalised by (n − 1)(n − 2)/2).
        cross_sector: the same, counting only pairs of different groups (normalised by the
            number of such pairs not involving the node; 0.0 when there are none).
        pair_brokers: "A|B" (A ≤ B) → broker group → share of the A–B brokerage.
        exact: whether every node was a source (else ``sources`` sampled pivots).
        sources: number of source nodes used.
    """

    betweenness: dict[Any, float] = field(default_factory=dict)
    cross_sector: dict[Any, float] = field(default_factory=dict)
    pair_brokers: dict[str, dict[str, float]] = field(default_factory=dict)
    exact: bool = True
    sources: int = 0


def betweenness(
    g: nx.Graph,
    groups: Mapping[Hashable, str],
    *,
    exact_limit: int = 1000,
    samples: int = 200,
    seed: int = 42,
) -> Betweenness:
    """Compute betweenness, cross-sector betweenness and group-pair brokerage.

    Args:
        g: the undirected network.
        groups: node → group (sector or helix).
        exact_limit: up to this many nodes every node is a source; above it ``samples``
            sources are drawn with ``random.Random(seed)``.
        samples: number of sampled sources above ``exact_limit``.
        seed: the sampling seed.

    Returns:
        The measures; every value is a finite float (0.0 for isolates and graphs under 3 nodes).
    """
    nodes = sorted(g.nodes, key=str)
    n = len(nodes)
    index = {v: i for i, v in enumerate(nodes)}
    names = sorted({groups[v] for v in nodes})
    gid = {name: k for k, name in enumerate(names)}
    ng = len(names)
    grp = [gid[groups[v]] for v in nodes]
    adj = [[index[u] for u in sorted(g.adj[v], key=str)] for v in nodes]
    exact = n <= exact_limit
    sources = (
        list(range(n)) if exact else sorted(random.Random(seed).sample(range(n), min(samples, n)))
    )
    total = [0.0] * n
    cross = [0.0] * n
    pairs = [0.0] * (ng * ng * ng)
    for s in sources:
        _accumulate(s, adj, grp, ng, total, cross, pairs)
    scale = 1.0 if exact or not sources else n / len(sources)
    result = Betweenness(exact=exact, sources=len(sources))
    norm = (n - 1) * (n - 2)
    sizes = [grp.count(k) for k in range(ng)]
    cross_pairs = sum(sizes[a] * sizes[b] for a in range(ng) for b in range(a + 1, ng))
    for i, v in enumerate(nodes):
        result.betweenness[v] = total[i] * scale / norm if norm > 0 else 0.0
        others = cross_pairs - (n - sizes[grp[i]])
        result.cross_sector[v] = cross[i] * scale / 2 / others if others > 0 else 0.0
    for a in range(ng):
        for b in range(a, ng):
            by = [pairs[(a * ng + b) * ng + c] + pairs[(b * ng + a) * ng + c] for c in range(ng)]
            if a == b:
                by = [x / 2 for x in by]
            tot = sum(by)
            if tot > 0:
                result.pair_brokers[f"{names[a]}|{names[b]}"] = {
                    names[c]: by[c] / tot for c in range(ng) if by[c] > 0
                }
    return result


def _accumulate(
    s: int,
    adj: list[list[int]],
    grp: list[int],
    ng: int,
    total: list[float],
    cross: list[float],
    pairs: list[float],
) -> None:
    """Add the dependencies of source ``s`` (one BFS and one back-propagation)."""
    n = len(adj)
    sigma = [0.0] * n
    dist = [-1] * n
    preds: list[list[int]] = [[] for _ in range(n)]
    sigma[s], dist[s] = 1.0, 0
    order: list[int] = []
    queue = deque([s])
    while queue:
        v = queue.popleft()
        order.append(v)
        dv = dist[v] + 1
        for w in adj[v]:
            if dist[w] < 0:
                dist[w] = dv
                queue.append(w)
            if dist[w] == dv:
                sigma[w] += sigma[v]
                preds[w].append(v)
    delta = [0.0] * (n * ng)  # delta[v*ng + h]: dependency of s on v for targets of group h
    gs = grp[s]
    for w in reversed(order):
        bw = w * ng
        dw = delta[bw : bw + ng]
        dw[grp[w]] += 1.0  # w itself as a target
        inv = 1.0 / sigma[w]
        for v in preds[w]:
            c = sigma[v] * inv
            bv = v * ng
            for h in range(ng):
                delta[bv + h] += c * dw[h]
        if w != s:
            dw[grp[w]] -= 1.0
            total[w] += sum(dw)
            cross[w] += sum(dw) - dw[gs]
            base = gs * ng
            gw = grp[w]
            for h in range(ng):
                pairs[(base + h) * ng + gw] += dw[h]
