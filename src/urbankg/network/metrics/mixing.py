"""The sector × sector mixing matrix and attribute assortativity.

Newman, M. E. J., 2003, "Mixing patterns in networks", Physical Review E 67, 026126: with e_AB
the fraction of tie ends joining group A to group B (a symmetric matrix summing to 1) and
a_A = Σ_B e_AB, the assortativity coefficient is r = (Σ_A e_AA − Σ_A a_A²) / (1 − Σ_A a_A²):
1 when every tie is internal, 0 for random mixing, negative when ties prefer other groups.

Defined values: r is ``None`` (undefined, 0/0) when the network has no ties or when every tie
end lies in one group (Σ a_A² = 1).
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping

import networkx as nx


def mixing_matrix(
    g: nx.Graph, groups: Mapping[Hashable, str], weight: str | None = None
) -> dict[str, dict[str, float]]:
    """Return the symmetric group × group matrix of ties.

    Args:
        g: the network.
        groups: node → group.
        weight: edge attribute to sum (``None``: count ties).

    Returns:
        Group → group → number (or weight) of ties between them; a tie within a group counts
        once on the diagonal, a tie between A and B once in [A][B] and once in [B][A]. Every
        group of ``groups`` present in ``g`` is a row, also without ties.
    """
    names = sorted({groups[v] for v in g.nodes})
    m: dict[str, dict[str, float]] = {a: dict.fromkeys(names, 0.0) for a in names}
    for u, v, d in g.edges(data=True):
        x = float(d.get(weight, 1.0)) if weight else 1.0
        a, b = groups[u], groups[v]
        m[a][b] += x
        if a != b:
            m[b][a] += x
    return m


def assortativity(g: nx.Graph, groups: Mapping[Hashable, str]) -> float | None:
    """Return Newman's attribute assortativity coefficient r of ``groups`` (binary ties).

    Args:
        g: the network.
        groups: node → group.

    Returns:
        r in [−1, 1], or ``None`` when undefined (no ties, or all tie ends in one group).
    """
    m = mixing_matrix(g, groups)
    ends = 2 * int(g.number_of_edges())
    if ends == 0:
        return None
    # Tie ends: an internal tie puts both ends on the diagonal, a cross tie one end per cell.
    e = {a: {b: (2 * x if a == b else x) / ends for b, x in row.items()} for a, row in m.items()}
    trace = sum(e[a][a] for a in e)
    sum_a2 = sum(sum(row.values()) ** 2 for row in e.values())
    if abs(1.0 - sum_a2) < 1e-12:
        return None
    return (trace - sum_a2) / (1.0 - sum_a2)
