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
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt


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
    counts, weights = mixing_matrices(g, groups, weight or "weight")
    return weights if weight else counts


def mixing_matrices(
    g: nx.Graph, groups: Mapping[Hashable, str], weight: str = "weight"
) -> tuple[dict[str, dict[str, float]], dict[str, dict[str, float]]]:
    """Return the mixing matrices of tie counts and of summed ``weight`` in one pass over the ties.

    Each cell adds its ties in the order of ``g.edges``, as a loop over the ties would (the
    same floats to the last bit).

    Args:
        g: the network.
        groups: node → group.
        weight: the edge attribute to sum (a tie without it weighs 1.0).

    Returns:
        (tie counts, summed weights), each as :func:`mixing_matrix` returns it.
    """
    names = sorted({groups[v] for v in g.nodes})
    gid = {name: k for k, name in enumerate(names)}
    ng = len(names)
    cells: list[int] = []
    values: list[float] = []
    for u, v, x in g.edges(data=weight, default=1.0):
        a, b = gid[groups[u]], gid[groups[v]]
        cells.append(a * ng + b)
        values.append(float(x))
        if a != b:
            cells.append(b * ng + a)
            values.append(float(x))
    size = ng * ng
    counts = np.bincount(np.array(cells, np.int64), minlength=size)
    sums = np.bincount(np.array(cells, np.int64), weights=np.array(values), minlength=size)

    def as_dict(flat: npt.NDArray[Any]) -> dict[str, dict[str, float]]:
        rows = flat.reshape(ng, ng).tolist()
        return {a: {b: float(rows[i][j]) for j, b in enumerate(names)} for i, a in enumerate(names)}

    return as_dict(counts), as_dict(sums)


def assortativity(
    g: nx.Graph,
    groups: Mapping[Hashable, str],
    matrix: Mapping[str, Mapping[str, float]] | None = None,
) -> float | None:
    """Return Newman's attribute assortativity coefficient r of ``groups`` (binary ties).

    Args:
        g: the network.
        groups: node → group.
        matrix: the mixing matrix of tie counts if already computed (``mixing_matrix(g, groups)``).

    Returns:
        r in [−1, 1], or ``None`` when undefined (no ties, or all tie ends in one group).
    """
    m = mixing_matrix(g, groups) if matrix is None else matrix
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
