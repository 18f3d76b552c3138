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

Each source's search and back-propagation go level by level, every level as numpy operations
over its ties (docs/decisions/0013-network-measures-on-sparse-matrices.md); the values equal
the per-node loops of Brandes' algorithm (tested to 1e-9).
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx
import numpy as np

from urbankg.network.metrics.arrays import Floats, Ints, adjacency, group_codes


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
    names, grp = group_codes(nodes, groups)
    ng = len(names)
    adj = adjacency(g, nodes, weight=None)
    indptr, cols = adj.matrix.indptr.astype(np.int64), adj.cols
    exact = n <= exact_limit
    sources = (
        list(range(n)) if exact else sorted(random.Random(seed).sample(range(n), min(samples, n)))
    )
    total = np.zeros(n)
    cross = np.zeros(n)
    pairs = np.zeros((ng, ng, ng))  # [source group, target group, broker group]
    onehot = np.zeros((n, ng))
    onehot[np.arange(n), grp] = 1.0
    for s in sources:
        delta = _dependencies(s, indptr, cols, onehot)
        total += delta.sum(axis=1)
        cross += delta.sum(axis=1) - delta[:, grp[s]]
        pairs[grp[s]] += delta.T @ onehot
    scale = 1.0 if exact or not sources else n / len(sources)
    result = Betweenness(exact=exact, sources=len(sources))
    norm = (n - 1) * (n - 2)
    sizes = np.bincount(grp, minlength=ng).tolist()
    cross_pairs = sum(sizes[a] * sizes[b] for a in range(ng) for b in range(a + 1, ng))
    for i, v in enumerate(nodes):
        result.betweenness[v] = float(total[i]) * scale / norm if norm > 0 else 0.0
        others = cross_pairs - (n - sizes[grp[i]])
        result.cross_sector[v] = float(cross[i]) * scale / 2 / others if others > 0 else 0.0
    for a in range(ng):
        for b in range(a, ng):
            by = [float(pairs[a, b, c] + pairs[b, a, c]) for c in range(ng)]
            if a == b:
                by = [x / 2 for x in by]
            tot = sum(by)
            if tot > 0:
                result.pair_brokers[f"{names[a]}|{names[b]}"] = {
                    names[c]: by[c] / tot for c in range(ng) if by[c] > 0
                }
    return result


def _dependencies(s: int, indptr: Ints, cols: Ints, onehot: Floats) -> Floats:
    """Return the dependency of source ``s`` on every node, split by the target's group.

    One breadth-first search level by level, then the back-propagation of Brandes' algorithm
    level by level, each level as array operations over its ties: ``delta[v, h]`` is the share of
    the shortest paths from ``s`` to the targets of group h that pass through v (0 for ``s``).
    """
    n, ng = onehot.shape
    dist = np.full(n, -1, dtype=np.int64)
    sigma = np.zeros(n)
    dist[s], sigma[s] = 0, 1.0
    frontier = np.array([s], dtype=np.int64)
    # The ties from each level to the next: (v, w) with dist[w] = dist[v] + 1.
    steps: list[tuple[Ints, Ints]] = []
    depth = 0
    while len(frontier):
        starts, counts = indptr[frontier], indptr[frontier + 1] - indptr[frontier]
        size = int(counts.sum())
        if size == 0:
            break
        offsets = np.repeat(starts - np.cumsum(counts) + counts, counts)
        ends = cols[offsets + np.arange(size)]
        origin = np.repeat(frontier, counts)
        dist[ends[dist[ends] < 0]] = depth + 1
        new = np.flatnonzero(dist == depth + 1)  # the next level, in node order
        down = dist[ends] == depth + 1
        v, w = origin[down], ends[down]
        sigma += np.bincount(w, weights=sigma[v], minlength=n)
        steps.append((v, w))
        frontier = new
        depth += 1
    delta = np.zeros((n, ng))
    for v, w in reversed(steps):
        # delta[v] += sigma[v] / sigma[w] * (1 for w as a target + delta[w]).
        share = (sigma[v] / sigma[w])[:, None] * (onehot[w] + delta[w])
        flat = np.bincount(
            (v[:, None] * ng + np.arange(ng)).ravel(), weights=share.ravel(), minlength=n * ng
        )
        delta += flat.reshape(n, ng)
    delta[s] = 0.0
    return delta
