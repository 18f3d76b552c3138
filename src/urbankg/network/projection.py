"""Projection of the two-mode data onto actor–actor ties, with the weighting named.

Two actors are tied when they take part in a common initiative. The weight of a tie is one of

- ``count``: the number of shared initiatives;
- ``newman`` (default): Newman's collaboration weight, the sum over shared initiatives p of
  1/(n_p − 1), n_p being the number of actors of p, so that a large consortium does not weigh
  more than a small team (Newman, M. E. J., 2001, "Scientific collaboration networks. II.
  Shortest paths, weighted networks, and centrality", Physical Review E 64, 016132);
- ``jaccard``: shared initiatives over the initiatives of either actor, |P_i ∩ P_j| /
  |P_i ∪ P_j| (Jaccard, P., 1901, "Étude comparative de la distribution florale dans une portion
  des Alpes et du Jura", Bulletin de la Société Vaudoise des Sciences Naturelles 37).

The projection is computed from the query rows directly (DESIGN.md §8 measured 0.2 s against
8.3 s for networkx's bipartite projection at 1M triples), the actor pairs of every initiative
generated as arrays (:mod:`urbankg.network.incidence`).
"""

from __future__ import annotations

from typing import Any, Literal, get_args

import networkx as nx
import numpy as np

from urbankg.graph.errors import InputError
from urbankg.network.extract import TwoMode
from urbankg.network.gcpause import paused_gc
from urbankg.network.incidence import TieArrays, tie_arrays

Weighting = Literal["count", "newman", "jaccard"]
GroupBy = Literal["helix", "sector"]

WEIGHTINGS: tuple[str, ...] = get_args(Weighting)
GROUP_LEVELS: tuple[str, ...] = get_args(GroupBy)

#: One line per weighting, for every output that reports a weight.
WEIGHTING_NOTES = {
    "count": "count: number of shared initiatives",
    "newman": "newman: sum over shared initiatives of 1/(n_p - 1) (Newman 2001)",
    "jaccard": "jaccard: shared initiatives / initiatives of either actor (Jaccard 1901)",
}


def check_weighting(value: str) -> Weighting:
    """Return ``value`` as a weighting, or raise InputError naming it."""
    if value not in WEIGHTINGS:
        raise InputError(f"unknown weighting '{value}' (known: {', '.join(WEIGHTINGS)})")
    return value  # type: ignore[return-value]


def check_group_by(value: str) -> GroupBy:
    """Return ``value`` as a grouping level, or raise InputError naming it."""
    if value not in GROUP_LEVELS:
        raise InputError(f"unknown grouping '{value}' (known: {', '.join(GROUP_LEVELS)})")
    return value  # type: ignore[return-value]


def tie_table(data: TwoMode) -> dict[tuple[str, str], list[str]]:
    """Return each tie (actor pair, sorted) with the initiatives it comes from, sorted."""
    t = tie_arrays(data)
    inits = [t.initiatives[k] for k in t.inits.tolist()]
    bounds = t.start.tolist()
    return {
        (t.actors[a], t.actors[b]): inits[bounds[k] : bounds[k + 1]]
        for k, (a, b) in enumerate(zip(t.a.tolist(), t.b.tolist(), strict=True))
    }


def tie_weights(data: TwoMode, weighting: Weighting = "newman") -> dict[tuple[str, str], float]:
    """Return the weight of each tie under ``weighting``.

    Args:
        data: the two-mode data.
        weighting: ``count``, ``newman`` or ``jaccard``.

    Returns:
        (actor, actor) with the first IRI < the second → weight.
    """
    t = tie_arrays(data)
    pairs = zip(t.a.tolist(), t.b.tolist(), strict=True)
    return {
        (t.actors[a], t.actors[b]): w
        for (a, b), w in zip(pairs, _weights(t, weighting), strict=True)
    }


def _weights(t: TieArrays, weighting: Weighting) -> list[float]:
    """Return the weight of every tie of ``t``, in its order."""
    counts = t.counts
    if weighting == "count":
        return [float(c) for c in counts.tolist()]
    if weighting == "newman":
        # Summed in Python in initiative order, as sum() over the initiatives would: the same
        # floats to the last bit whatever the number of shared initiatives.
        share = (1.0 / (t.sizes[t.inits] - 1)).tolist()
        bounds = t.start.tolist()
        return [sum(share[bounds[k] : bounds[k + 1]]) for k in range(len(counts))]
    per_actor = np.bincount(t.actor_of, minlength=len(t.actors))
    union = per_actor[t.a] + per_actor[t.b] - counts
    return [float(x) for x in (counts / union).tolist()]


@paused_gc()
def project(
    data: TwoMode, weighting: Weighting = "newman", group_by: GroupBy = "helix"
) -> nx.Graph:
    """Project the two-mode data onto the weighted actor–actor network.

    Args:
        data: the two-mode data.
        weighting: the tie weight (``count``, ``newman`` or ``jaccard``).
        group_by: the level of the sector scheme that makes a tie cross-sector (``helix`` or
            ``sector``, the actor type).

    Returns:
        An undirected graph whose nodes are actor IRIs (every actor of the data, isolates
        included) with ``iri``, ``label``, ``label_fi``/``label_sv``/``label_en``, ``sector``,
        ``helix`` and ``group``; edges carry ``weight``, ``count`` (shared initiatives),
        ``initiatives`` (their IRIs) and ``cross_sector``. ``G.graph`` names the weighting.
    """
    check_weighting(weighting)
    check_group_by(group_by)
    g = nx.Graph(weighting=weighting, group_by=group_by)
    group: dict[str, str] = {}
    for iri, actor in data.actors.items():
        group[iri] = actor.helix if group_by == "helix" else actor.sector
        attrs: dict[str, Any] = {
            "iri": iri,
            "label": actor.label,
            "sector": actor.sector,
            "helix": actor.helix,
            "group": group[iri],
        }
        for lang in ("fi", "sv", "en"):
            attrs[f"label_{lang}"] = actor.labels.get(lang, "")
        g.add_node(iri, **attrs)
    t = tie_arrays(data)
    weights = _weights(t, weighting)
    inits = [t.initiatives[k] for k in t.inits.tolist()]
    bounds = t.start.tolist()
    edges = []
    for k, (i, j) in enumerate(zip(t.a.tolist(), t.b.tolist(), strict=True)):
        a, b = t.actors[i], t.actors[j]
        shared = tuple(inits[bounds[k] : bounds[k + 1]])
        attrs = {
            "weight": weights[k],
            "count": len(shared),
            "initiatives": shared,
            "cross_sector": group[a] != group[b],
        }
        edges.append((a, b, attrs))
    g.add_edges_from(edges)
    return g


def group_map(g: nx.Graph) -> dict[Any, str]:
    """Return node → group (the ``group`` attribute set by :func:`project`)."""
    return {n: str(d.get("group", "unknown")) for n, d in g.nodes(data=True)}
