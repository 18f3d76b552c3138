"""Network measures, one concept per module, each with its source in the docstring."""

from __future__ import annotations

from urbankg.network.metrics.brokerage import (
    ROLES,
    ArcMode,
    Arcs,
    brokerage_arcs,
    gould_fernandez,
    role_of,
)
from urbankg.network.metrics.centrality import Betweenness, betweenness, degree_strength
from urbankg.network.metrics.communities import (
    CommunityMix,
    blau_index,
    community_mix,
    entropy,
    louvain,
    membership,
    modularity,
    nmi,
)
from urbankg.network.metrics.ei import (
    EIPermutation,
    EIResult,
    GroupEI,
    ei,
    ei_index,
    ei_permutation_test,
)
from urbankg.network.metrics.helix import (
    TRIPLE,
    co_information,
    helix_spans,
    helix_summary,
    initiative_helices,
)
from urbankg.network.metrics.holes import constraint_and_effective_size
from urbankg.network.metrics.mixing import assortativity, mixing_matrices, mixing_matrix
from urbankg.network.metrics.temporal import (
    YearSnapshot,
    actor_years,
    tie_years,
    undated_initiatives,
    yearly_snapshots,
)

__all__ = [
    "ROLES",
    "TRIPLE",
    "ArcMode",
    "Arcs",
    "Betweenness",
    "CommunityMix",
    "EIPermutation",
    "EIResult",
    "GroupEI",
    "YearSnapshot",
    "actor_years",
    "assortativity",
    "betweenness",
    "blau_index",
    "brokerage_arcs",
    "co_information",
    "community_mix",
    "constraint_and_effective_size",
    "degree_strength",
    "ei",
    "ei_index",
    "ei_permutation_test",
    "entropy",
    "gould_fernandez",
    "helix_spans",
    "helix_summary",
    "initiative_helices",
    "louvain",
    "membership",
    "mixing_matrices",
    "mixing_matrix",
    "modularity",
    "nmi",
    "role_of",
    "tie_years",
    "undated_initiatives",
    "yearly_snapshots",
]
