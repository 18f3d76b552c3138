"""Burt's structural holes: constraint and effective size.

Burt, R. S., 1992, *Structural Holes: The Social Structure of Competition*, Harvard University
Press, ch. 2. With p_ij = w_ij / Σ_k w_ik the proportional strength of i's tie to j, and
m_jq = w_jq / max_k w_jk the marginal strength of j's tie to q:

- constraint c_i = Σ_{j ∈ N(i)} (p_ij + Σ_{q ∈ N(i), q ≠ j} p_iq p_qj)²;
- effective size e_i = Σ_{j ∈ N(i)} (1 − Σ_{q ∈ N(i), q ≠ j} p_iq m_jq).

With equal weights the effective size is n − 2t/n (t ties among the n contacts): Borgatti,
S. P., 1997, "Structural holes: Unpacking Burt's redundancy measures", Connections 20(1), 35–38.
The values equal networkx's ``constraint`` and ``effective_size``; this implementation visits
only the two-step paths that close a triangle (a C-level set intersection finds them), which is
what makes it usable on thousands of actors.

Defined values: an isolate has effective size 0.0 (it has no contacts) and constraint ``None``
(undefined: Burt's measure needs at least one contact).
"""

from __future__ import annotations

from typing import Any

import networkx as nx


def constraint_and_effective_size(
    g: nx.Graph, weight: str | None = "weight"
) -> tuple[dict[Any, float | None], dict[Any, float]]:
    """Return Burt's constraint and effective size of every node.

    Args:
        g: the undirected network.
        weight: the edge attribute holding tie strength (``None``: every tie weighs 1).

    Returns:
        (constraint, effective size), each node → value; constraint is ``None`` for isolates.
    """
    w: dict[Any, dict[Any, float]] = {
        v: {u: float(d.get(weight, 1.0)) if weight else 1.0 for u, d in g.adj[v].items() if u != v}
        for v in g.nodes
    }
    total = {v: sum(nb.values()) for v, nb in w.items()}
    peak = {v: max(nb.values(), default=0.0) for v, nb in w.items()}
    p = {v: {u: x / total[v] for u, x in nb.items()} for v, nb in w.items() if total[v] > 0}
    # For each tie q - j: (p_qj, m_jq = w_qj / max_k w_jk), looked up together below.
    pm = {
        q: {j: (x / total[q], x / peak[j]) for j, x in nb.items()}
        for q, nb in w.items()
        if total[q] > 0
    }
    constraint: dict[Any, float | None] = {}
    effective: dict[Any, float] = {}
    for i in g.nodes:
        pi = p.get(i)
        if not pi:
            constraint[i] = None
            effective[i] = 0.0
            continue
        indirect = dict.fromkeys(pi, 0.0)
        redundancy = dict.fromkeys(pi, 0.0)
        keys = pi.keys()
        for q, piq in pi.items():
            pmq = pm[q]
            # The contacts j shared by i and q (neither i nor q: there are no self-ties): the
            # two-step paths i - q - j. The set intersection runs in C.
            for j in keys & pmq.keys():
                pqj, mjq = pmq[j]
                indirect[j] += piq * pqj
                redundancy[j] += piq * mjq
        constraint[i] = sum((pi[j] + indirect[j]) ** 2 for j in pi)
        effective[i] = sum(1.0 - redundancy[j] for j in pi)
    return constraint, effective
