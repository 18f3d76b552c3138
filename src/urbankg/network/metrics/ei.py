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
    idx = {v: i for i, v in enumerate(nodes)}
    bit = [1 << i for i in range(len(nodes))]
    # Each tie once, as a bit of its lower end in the mask of its higher end: the masks are
    # half as long on average, and so is every AND below.
    lower = [sum(bit[idx[u]] for u in g.adj[v] if idx[u] < idx[v]) for v in nodes]
    deg = [sum(1 for u in g.adj[v] if u != v) for v in nodes]
    labels = [groups[v] for v in nodes]
    names = sorted(set(labels))
    observed = ei_index(g, groups)
    out = EIPermutation(permutations, seed, None, None, None, None)
    if observed.ei is None or permutations <= 0:
        return out
    ties = observed.external + observed.internal
    rng = random.Random(seed)
    whole: list[float] = []
    per_group: list[list[float | None]] = [[] for _ in names]
    gid = {name: k for k, name in enumerate(names)}
    shuffled = [gid[name] for name in labels]
    ng = len(names)
    for _ in range(permutations):
        rng.shuffle(shuffled)
        masks = [0] * ng
        for i, k in enumerate(shuffled):
            masks[k] |= bit[i]
        inside = [0] * ng  # ties within each group
        deg_sum = [0] * ng
        for i, k in enumerate(shuffled):
            inside[k] += (lower[i] & masks[k]).bit_count()
            deg_sum[k] += deg[i]
        whole.append((ties - 2 * sum(inside)) / ties)
        for k in range(ng):
            per_group[k].append(ei(deg_sum[k] - 2 * inside[k], inside[k]))
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
