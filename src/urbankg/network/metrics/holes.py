"""Burt's structural holes: constraint and effective size.

Burt, R. S., 1992, *Structural Holes: The Social Structure of Competition*, Harvard University
Press, ch. 2. With p_ij = w_ij / Σ_k w_ik the proportional strength of i's tie to j, and
m_jq = w_jq / max_k w_jk the marginal strength of j's tie to q:

- constraint c_i = Σ_{j ∈ N(i)} (p_ij + Σ_{q ∈ N(i), q ≠ j} p_iq p_qj)²;
- effective size e_i = Σ_{j ∈ N(i)} (1 − Σ_{q ∈ N(i), q ≠ j} p_iq m_jq).

With equal weights the effective size is n − 2t/n (t ties among the n contacts): Borgatti,
S. P., 1997, "Structural holes: Unpacking Burt's redundancy measures", Connections 20(1), 35–38.
The values equal networkx's ``constraint`` and ``effective_size`` (tested to 1e-9).

Both inner sums run over the contacts q shared by i and j, i.e. they are entries of matrix
products on the pattern of the ties: Σ_q p_iq p_qj = (1/s_i) Σ_q w_iq w_qj / s_q and
Σ_q p_iq m_jq = (1/(s_i x_j)) Σ_q w_iq w_qj, with s the strength and x the strongest tie. A
sparse product W D W costs Σ_q deg(q)² steps, dominated by a few hubs (an actor in half of the
projects); the hubs' terms are summed over the tie list instead (|ties| steps per hub), the
rest with scipy's sparse product (docs/decisions/0013-network-measures-on-sparse-matrices.md).

Defined values: an isolate has effective size 0.0 (it has no contacts) and constraint ``None``
(undefined: Burt's measure needs at least one contact).
"""

from __future__ import annotations

from typing import Any

import networkx as nx
import numpy as np
import scipy.sparse as sp

from urbankg.network.metrics.arrays import Floats, Ints, adjacency, csr_rows

#: Entries per block of the hubs' dense columns (bounds memory at about 32 MB per array).
_BLOCK = 1 << 22


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
    a = adjacency(g, weight=weight)
    n, w, rows, cols, contacts = a.n, a.matrix, a.rows, a.cols, a.contacts
    x = w.data
    strength = np.bincount(rows, weights=x, minlength=n)
    peak = np.zeros(n)
    np.maximum.at(peak, rows, x)
    inv_s = np.divide(1.0, strength, out=np.zeros(n), where=strength > 0)
    inv_peak = np.divide(1.0, peak, out=np.zeros(n), where=peak > 0)
    via_p, via_w = _shared_contact_sums(w, rows, cols, contacts, inv_s)
    p = x * inv_s[rows]
    indirect = inv_s[rows] * via_p  # Σ_q p_iq p_qj
    redundancy = inv_s[rows] * inv_peak[cols] * via_w  # Σ_q p_iq m_jq
    c = np.bincount(rows, weights=(p + indirect) ** 2, minlength=n)
    r = np.bincount(rows, weights=redundancy, minlength=n)
    constraint: dict[Any, float | None] = {}
    effective: dict[Any, float] = {}
    for i, v in enumerate(a.nodes):
        if strength[i] > 0:
            constraint[v] = float(c[i])
            effective[v] = float(contacts[i] - r[i])
        else:
            constraint[v] = None
            effective[v] = 0.0
    return constraint, effective


def _shared_contact_sums(
    w: sp.csr_array, rows: Ints, cols: Ints, contacts: Ints, scale: Floats
) -> tuple[Floats, Floats]:
    """Return, for every stored tie (i, j) of ``w``, Σ_q w_iq scale_q w_qj and Σ_q w_iq w_qj."""
    ties = len(rows)
    via_scaled = np.zeros(ties)
    via_plain = np.zeros(ties)
    # A contact q costs deg(q)² in the sparse product and |ties| on the tie list.
    hub = contacts.astype(np.float64) ** 2 > ties
    hubs = np.flatnonzero(hub)
    rest = np.flatnonzero(~hub)
    if len(rest):
        # One complex product gives both sums: real part with the scaled factor, imaginary part
        # with the plain one (half the index work of two real products).
        left = w[:, rest]
        right = w[rest, :]
        both = left @ (sp.diags_array(scale[rest]) @ right + 1j * right)
        on = _on_pattern(sp.csr_array(both), w, rows, cols)
        via_scaled += on.real
        via_plain += on.imag
    step = max(1, _BLOCK // max(ties, 1))
    for k in range(0, len(hubs), step):
        block = hubs[k : k + step]
        dense = w[:, block].toarray()
        terms = dense[rows] * dense[cols]
        via_scaled += terms @ scale[block]
        via_plain += terms.sum(axis=1)
    return via_scaled, via_plain


def _on_pattern(m: sp.csr_array, pattern: sp.csr_array, rows: Ints, cols: Ints) -> Any:
    """Return the entries of ``m`` at the stored entries (rows, cols) of canonical ``pattern``."""
    n = pattern.shape[0]
    ones = sp.csr_array((np.ones(len(rows)), pattern.indices, pattern.indptr), shape=(n, n))
    masked = sp.csr_array(m.multiply(ones))  # at most the pattern's entries: cheap to sort
    masked.sum_duplicates()
    masked.sort_indices()
    keys = csr_rows(masked) * n + masked.indices
    wanted = rows * n + cols
    out = np.zeros(len(wanted), dtype=masked.dtype)
    if len(keys):
        pos = np.minimum(np.searchsorted(keys, wanted), len(keys) - 1)
        found = keys[pos] == wanted
        out[found] = masked.data[pos[found]]
    return out
