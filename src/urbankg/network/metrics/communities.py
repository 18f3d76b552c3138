"""Louvain communities, modularity, their sector mix (Blau index) and NMI with the sectors.

- Communities: Blondel, V. D., Guillaume, J.-L., Lambiotte, R. & Lefebvre, E., 2008, "Fast
  unfolding of communities in large networks", Journal of Statistical Mechanics P10008
  (networkx's ``louvain_communities``, seeded; nodes are added in IRI order so the same data
  gives the same communities).
- Modularity: Newman, M. E. J. & Girvan, M., 2004, "Finding and evaluating community structure
  in networks", Physical Review E 69, 026113.
- Sector mix: Blau's heterogeneity index 1 − Σ p_k² (Blau, P. M., 1977, *Inequality and
  Heterogeneity*, Free Press): 0 for a community of one group, up to 1 − 1/K for K groups.
- NMI: normalised mutual information 2 I(C; S) / (H(C) + H(S)) between the community and the
  group of each actor (Danon, L., Díaz-Guilera, A., Duch, J. & Arenas, A., 2005, "Comparing
  community structure identification", Journal of Statistical Mechanics P09008).

Defined values: modularity is ``None`` for a network without ties (0/0); NMI is 1.0 when both
partitions have a single class (identical partitions) and ``None`` for no nodes.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from math import log2
from typing import Any

import networkx as nx


def louvain(
    g: nx.Graph, *, weight: str | None = "weight", resolution: float = 1.0, seed: int = 42
) -> list[list[Any]]:
    """Return Louvain communities, largest first (ties broken by their first node), sorted.

    Isolates form communities of their own. The community number used in every output is the
    position in this list.
    """
    if g.number_of_nodes() == 0:
        return []
    if g.number_of_edges() == 0:
        found: Iterable[set[Any]] = [{v} for v in g.nodes]
    else:
        found = nx.community.louvain_communities(g, weight=weight, resolution=resolution, seed=seed)
    parts = [sorted(c, key=str) for c in found]
    return sorted(parts, key=lambda c: (-len(c), str(c[0])))


def modularity(
    g: nx.Graph, communities: list[list[Any]], *, weight: str | None = "weight"
) -> float | None:
    """Return the modularity Q of a partition, or ``None`` when the network has no ties."""
    if g.number_of_edges() == 0:
        return None
    return float(nx.community.modularity(g, [set(c) for c in communities], weight=weight))


def blau_index(counts: Mapping[str, int]) -> float:
    """Return Blau's index 1 − Σ p_k² of group counts (0.0 for an empty community)."""
    total = sum(counts.values())
    if total == 0:
        return 0.0
    return 1.0 - sum((c / total) ** 2 for c in counts.values())


def entropy(counts: Iterable[int]) -> float:
    """Return the Shannon entropy in bits of a distribution given as counts."""
    values = [c for c in counts if c > 0]
    total = sum(values)
    return -sum(c / total * log2(c / total) for c in values) if total else 0.0


def nmi(left: Mapping[Hashable, Hashable], right: Mapping[Hashable, Hashable]) -> float | None:
    """Return the normalised mutual information of two labellings of the same items.

    Args:
        left: item → class in the first partition (e.g. community).
        right: item → class in the second partition (e.g. sector).

    Returns:
        2 I / (H_left + H_right) in [0, 1]; 1.0 when both have one class; ``None`` if empty.
    """
    items = list(left)
    if not items:
        return None
    h_l = entropy(Counter(left[i] for i in items).values())
    h_r = entropy(Counter(right[i] for i in items).values())
    if h_l + h_r == 0:
        return 1.0
    h_joint = entropy(Counter((left[i], right[i]) for i in items).values())
    mutual = h_l + h_r - h_joint
    return max(0.0, min(1.0, 2 * mutual / (h_l + h_r)))


@dataclass(frozen=True)
class CommunityMix:
    """One community: its number, size, group counts and Blau index."""

    community: int
    size: int
    groups: dict[str, int]
    blau: float


def community_mix(
    communities: list[list[Any]], groups: Mapping[Hashable, str]
) -> list[CommunityMix]:
    """Return the group composition and Blau index of every community."""
    out = []
    for k, members in enumerate(communities):
        counts = dict(sorted(Counter(groups[v] for v in members).items()))
        out.append(CommunityMix(k, len(members), counts, blau_index(counts)))
    return out


def membership(communities: list[list[Any]]) -> dict[Any, int]:
    """Return node → community number."""
    return {v: k for k, members in enumerate(communities) for v in members}
