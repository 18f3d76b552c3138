"""A networkx graph as a scipy sparse matrix, for the vectorised measures.

The measures keep taking networkx graphs and returning node-keyed dictionaries; inside, the
nodes are numbered in a given order and the ties become a sparse matrix and index arrays
(docs/decisions/0013-network-measures-on-sparse-matrices.md).
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import networkx as nx
import numpy as np
import numpy.typing as npt
import scipy.sparse as sp

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True)
class Adjacency:
    """The ties of an undirected graph over numbered nodes.

    Attributes:
        nodes: the nodes, in the order that numbers them.
        matrix: the symmetric n × n matrix of tie weights (both directions, self-ties left out),
            in canonical CSR form (sorted columns per row).
        rows: the row (first end) of every stored entry.
    """

    nodes: list[Any]
    matrix: sp.csr_array
    rows: Ints

    @property
    def n(self) -> int:
        """Number of nodes."""
        return len(self.nodes)

    @property
    def cols(self) -> Ints:
        """The column (second end) of every stored entry."""
        return np.asarray(self.matrix.indices, dtype=np.int64)

    @property
    def contacts(self) -> Ints:
        """The number of ties of every node (self-ties left out)."""
        indptr: Ints = np.asarray(self.matrix.indptr, dtype=np.int64)
        return indptr[1:] - indptr[:-1]

    def ties(self) -> tuple[Ints, Ints, Floats]:
        """Return every tie once: (first end, second end, weight), first < second."""
        cols = self.cols
        once = self.rows < cols
        return self.rows[once], cols[once], self.matrix.data[once]


def adjacency(
    g: nx.Graph, nodes: Iterable[Any] | None = None, weight: str | None = "weight"
) -> Adjacency:
    """Number the nodes of ``g`` and return its ties as a sparse matrix.

    Args:
        g: an undirected graph.
        nodes: the node order (``None``: ``g.nodes``).
        weight: the edge attribute holding the weight (``None``: every tie weighs 1.0; a tie
            without the attribute weighs 1.0).

    Returns:
        The numbered nodes and the matrix of their ties.
    """
    order = list(g.nodes if nodes is None else nodes)
    n = len(order)
    index = {v: i for i, v in enumerate(order)}
    # The plain dictionaries under networkx's read-only views (3x faster to iterate).
    adj = [g._adj[v] for v in order]
    counts = np.fromiter((len(nb) for nb in adj), np.int64, n)
    total = int(counts.sum())
    cols = np.fromiter((index[b] for nb in adj for b in nb), np.int64, total)
    if weight is None:
        data = np.ones(total)
    else:
        data = np.fromiter(
            (float(d.get(weight, 1.0)) for nb in adj for d in nb.values()), np.float64, total
        )
    rows = np.repeat(np.arange(n, dtype=np.int64), counts)
    keep = rows != cols
    if not keep.all():
        rows, cols, data = rows[keep], cols[keep], data[keep]
    indptr = np.concatenate([[0], np.cumsum(np.bincount(rows, minlength=n))])
    m = sp.csr_array((data, cols, indptr), shape=(n, n))
    m.sort_indices()
    return Adjacency(order, m, csr_rows(m))


def csr_rows(m: sp.csr_array) -> Ints:
    """Return the row index of every stored entry of a CSR matrix."""
    return np.repeat(np.arange(m.shape[0], dtype=np.int64), np.diff(m.indptr))


def group_codes(nodes: list[Any], groups: Mapping[Hashable, str]) -> tuple[list[str], Ints]:
    """Return the sorted group names and the group number of every node (in ``nodes`` order)."""
    names = sorted({groups[v] for v in nodes})
    gid = {name: k for k, name in enumerate(names)}
    return names, np.fromiter((gid[groups[v]] for v in nodes), np.int64, len(nodes))
