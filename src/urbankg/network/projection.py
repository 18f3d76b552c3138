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

The projection is computed from the query rows directly: DESIGN.md §8 measured 0.2 s against
8.3 s for networkx's bipartite projection at 1M triples.
"""

from __future__ import annotations

from collections import defaultdict
from itertools import combinations
from typing import Any, Literal, get_args

import networkx as nx

from urbankg.graph.errors import InputError
from urbankg.network.extract import TwoMode

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
    return _ties(data.members())


def _ties(members: dict[str, list[str]]) -> dict[tuple[str, str], list[str]]:
    ties: dict[tuple[str, str], list[str]] = defaultdict(list)
    for initiative, actors in members.items():
        for pair in combinations(actors, 2):
            ties[pair].append(initiative)
    return dict(sorted(ties.items()))


def tie_weights(data: TwoMode, weighting: Weighting = "newman") -> dict[tuple[str, str], float]:
    """Return the weight of each tie under ``weighting``.

    Args:
        data: the two-mode data.
        weighting: ``count``, ``newman`` or ``jaccard``.

    Returns:
        (actor, actor) with the first IRI < the second → weight.
    """
    members = data.members()
    return _weights(members, _ties(members), weighting)


def _weights(
    members: dict[str, list[str]], ties: dict[tuple[str, str], list[str]], weighting: Weighting
) -> dict[tuple[str, str], float]:
    if weighting == "count":
        return {pair: float(len(inits)) for pair, inits in ties.items()}
    if weighting == "newman":
        return {
            pair: sum(1.0 / (len(members[i]) - 1) for i in inits) for pair, inits in ties.items()
        }
    n_init: dict[str, int] = defaultdict(int)
    for actors in members.values():
        for a in actors:
            n_init[a] += 1
    return {
        (a, b): len(inits) / (n_init[a] + n_init[b] - len(inits)) for (a, b), inits in ties.items()
    }


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
    members = data.members()
    ties = _ties(members)
    weights = _weights(members, ties, weighting)
    g.add_edges_from(
        (
            a,
            b,
            {
                "weight": weights[(a, b)],
                "count": len(inits),
                "initiatives": tuple(inits),
                "cross_sector": group[a] != group[b],
            },
        )
        for (a, b), inits in ties.items()
    )
    return g


def group_map(g: nx.Graph) -> dict[Any, str]:
    """Return node → group (the ``group`` attribute set by :func:`project`)."""
    return {n: str(d.get("group", "unknown")) for n, d in g.nodes(data=True)}
