"""Krackhardt and Stern's E-I index, its complete-graph baseline and a permutation test.

Krackhardt, D. & Stern, R. N., 1988, "Informal networks and organizational crises: an
experimental simulation", Social Psychology Quarterly 51(2), 123–140: with E the ties between
groups and I the ties within them, E-I = (E − I) / (E + I), from −1 (all ties internal) to +1
(all external). Ties are binary here (whatever the projection's weighting).

- whole network: all ties; per group: the ties of the group's members (E: to other groups, I:
  among members); per actor: the actor's ties.
- baseline: the E-I the complete graph on the same group sizes would have, i.e. the value
  expected from group sizes alone (a group of 2 in 10 actors is "external" by sheer size).
- permutation test: the group labels are shuffled over the nodes (sizes kept, ties kept),
  ``permutations`` times with a seeded generator, as in UCINET's E-I procedure (Borgatti,
  Everett & Freeman, 2002, *UCINET for Windows*); p-values are (hits + 1) / (permutations + 1).
  The relabellings are shuffles of ``random.Random(seed)``; the ties within each group are
  counted for all relabellings at once over arrays (ties × relabellings).

Defined values: E-I and baselines are ``None`` where there is no tie to count (an isolate, a
group without ties, a network without ties; a baseline with a single node).
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from statistics import fmean, pstdev
from typing import Any

import networkx as nx
import numpy as np

from urbankg.network.metrics.arrays import Ints, adjacency, group_codes


def ei(external: int, internal: int) -> float | None:
    """Return (E − I) / (E + I), or ``None`` when there are no ties."""
    total = external + internal
    return (external - internal) / total if total else None


@dataclass
class GroupEI:
    """E-I of one group, with its size, tie counts and complete-graph baseline."""

    group: str
    size: int
    external: int
    internal: int
    ei: float | None
    baseline: float | None


@dataclass
class EIResult:
    """E-I index of the network, of every group and of every actor."""

    external: int
    internal: int
    ei: float | None
    baseline: float | None
    groups: dict[str, GroupEI] = field(default_factory=dict)
    actors: dict[Any, float | None] = field(default_factory=dict)
    actor_baselines: dict[Any, float | None] = field(default_factory=dict)


def ei_index(g: nx.Graph, groups: Mapping[Hashable, str]) -> EIResult:
    """Compute the E-I index of the whole network, per group and per actor.

    Args:
        g: the network (ties are counted once, weights ignored).
        groups: node → group.

    Returns:
        Observed values with complete-graph baselines.
    """
    sizes: dict[str, int] = {}
    for v in g.nodes:
        sizes[groups[v]] = sizes.get(groups[v], 0) + 1
    n = g.number_of_nodes()
    ext = dict.fromkeys(sizes, 0)
    inn = dict.fromkeys(sizes, 0)
    a_ext = dict.fromkeys(g.nodes, 0)
    a_inn = dict.fromkeys(g.nodes, 0)
    for u, v in g.edges:
        if u == v:
            continue
        gu, gv = groups[u], groups[v]
        if gu == gv:
            inn[gu] += 1
            a_inn[u] += 1
            a_inn[v] += 1
        else:
            ext[gu] += 1
            ext[gv] += 1
            a_ext[u] += 1
            a_ext[v] += 1
    internal = sum(inn.values())
    external = sum(ext.values()) // 2
    all_internal = sum(s * (s - 1) // 2 for s in sizes.values())
    result = EIResult(
        external=external,
        internal=internal,
        ei=ei(external, internal),
        baseline=ei(n * (n - 1) // 2 - all_internal, all_internal),
    )
    for name in sorted(sizes):
        s = sizes[name]
        result.groups[name] = GroupEI(
            group=name,
            size=s,
            external=ext[name],
            internal=inn[name],
            ei=ei(ext[name], inn[name]),
            baseline=ei(s * (n - s), s * (s - 1) // 2),
        )
    for v in g.nodes:
        s = sizes[groups[v]]
        result.actors[v] = ei(a_ext[v], a_inn[v])
        result.actor_baselines[v] = ei(n - s, s - 1)
    return result


@dataclass
class EIPermutation:
    """Permutation distribution of the E-I index (whole network and per group)."""

    permutations: int
    seed: int
    mean: float | None
    sd: float | None
    p_lower: float | None
    p_upper: float | None
    groups: dict[str, dict[str, float | None]] = field(default_factory=dict)


def ei_permutation_test(
    g: nx.Graph, groups: Mapping[Hashable, str], *, permutations: int = 999, seed: int = 42
) -> EIPermutation:
    """Test the observed E-I index against random assignments of the group labels.

    Args:
        g: the network.
        groups: node → group.
        permutations: number of random relabellings.
        seed: seed of ``random.Random``.

    Returns:
        Mean and standard deviation of the permuted E-I, and the one-sided p-values
        ``p_lower`` (share of permuted E-I ≤ observed: evidence of homophily) and ``p_upper``
        (≥ observed: evidence of heterophily); per group the same keys. ``None`` without ties.
    """
    nodes = sorted(g.nodes, key=str)
    names, codes = group_codes(nodes, groups)
    observed = ei_index(g, groups)
    out = EIPermutation(permutations, seed, None, None, None, None)
    if observed.ei is None or permutations <= 0:
        return out
    adj = adjacency(g, nodes, weight=None)
    u, v, _ = adj.ties()
    ties = observed.external + observed.internal
    # The relabellings: random.Random(seed) shuffles the labels in place, one shuffle after the
    # other (the generator of the pure-Python version, so the same seed gives the same values).
    rng = random.Random(seed)
    shuffled = codes.tolist()
    labels = np.empty((permutations, len(nodes)), dtype=np.int64)
    for r in range(permutations):
        rng.shuffle(shuffled)
        labels[r] = shuffled
    inside, deg_sum = _count_within(labels, u, v, adj.contacts, len(names))
    whole = ((ties - 2 * inside.sum(axis=1)) / ties).tolist()
    external = deg_sum - 2 * inside
    per_group = [
        [ei(int(x), int(i)) for x, i in zip(external[:, k], inside[:, k], strict=True)]
        for k in range(len(names))
    ]
    out.mean, out.sd = fmean(whole), pstdev(whole)
    out.p_lower, out.p_upper = _p_values(whole, observed.ei)
    for k, name in enumerate(names):
        values = [x for x in per_group[k] if x is not None]
        obs = observed.groups[name].ei
        lo, hi = _p_values(values, obs) if obs is not None and values else (None, None)
        out.groups[name] = {
            "mean": fmean(values) if values else None,
            "p_lower": lo,
            "p_upper": hi,
        }
    return out


def _p_values(values: list[float], observed: float) -> tuple[float, float]:
    eps = 1e-12
    lower = sum(1 for x in values if x <= observed + eps)
    upper = sum(1 for x in values if x >= observed - eps)
    return (lower + 1) / (len(values) + 1), (upper + 1) / (len(values) + 1)


def _count_within(labels: Ints, u: Ints, v: Ints, degree: Ints, groups: int) -> tuple[Ints, Ints]:
    """Count the ties within each group and its degree sum, for every relabelling.

    Args:
        labels: one relabelling per row (group numbers of the nodes).
        u: first ends of the ties.
        v: second ends.
        degree: the degree of every node.
        groups: the number of groups.

    Returns:
        (ties with both ends in group k, sum of the degrees of group k), relabelling × k.
    """
    runs = labels.shape[0]
    # Ties × relabellings, ties in blocks of about 8M entries; one byte per label.
    by_node = np.ascontiguousarray(labels.T, dtype=np.int8 if groups < 128 else np.int16)
    inside = np.zeros((runs, groups), dtype=np.int64)
    step = max(1, (1 << 23) // max(runs, 1))
    for k in range(0, len(u), step):
        lu, lv = by_node[u[k : k + step]], by_node[v[k : k + step]]
        same = lu == lv
        if groups <= 8:
            for h in range(groups):
                inside[:, h] += np.count_nonzero(same & (lu == h), axis=0)
        else:  # many groups: few ties fall within one, count only those
            pos = np.flatnonzero(same)
            cells = (pos % runs) * groups + lu.ravel()[pos]
            inside += np.bincount(cells, minlength=runs * groups).reshape(runs, groups)
    deg_sum = np.zeros((runs, groups), dtype=np.int64)
    for h in range(groups):
        deg_sum[:, h] = (labels == h) @ degree
    return inside, deg_sum
