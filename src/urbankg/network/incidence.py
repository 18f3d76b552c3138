"""The ties of the actor–actor projection as arrays: each actor pair with its shared initiatives.

Every initiative with n distinct actors gives its n(n − 1)/2 actor pairs; the pairs of all
initiatives of one size are generated at once (one index array per size), then sorted by actor
pair and initiative. The projection (weights, counts, initiative lists) and the yearly
snapshots read these arrays instead of looping over pairs in Python.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from urbankg.network.extract import TwoMode
from urbankg.network.metrics.arrays import Ints


@dataclass(frozen=True)
class TieArrays:
    """The actor pairs of a two-mode network and the initiatives each pair shares.

    Attributes:
        actors: the IRIs of the actors of the initiatives, sorted (their numbers below).
        initiatives: the IRIs of the initiatives with actors, sorted (their numbers below).
        sizes: the number of distinct actors of each initiative.
        a: the first actor of each tie (a < b); ties sorted by (a, b).
        b: the second actor of each tie.
        start: tie k shares the initiatives ``inits[start[k]:start[k + 1]]`` (length ties + 1).
        inits: initiative numbers, sorted within each tie.
        actor_of: the actor of each participation (actor, initiative), initiatives in order.
        initiative_of: the initiative of each participation.
    """

    actors: list[str]
    initiatives: list[str]
    sizes: Ints
    a: Ints
    b: Ints
    start: Ints
    inits: Ints
    actor_of: Ints
    initiative_of: Ints

    @property
    def counts(self) -> Ints:
        """The number of initiatives each tie comes from."""
        return np.diff(self.start)


def tie_arrays(data: TwoMode) -> TieArrays:
    """Return the ties of ``data`` with their initiatives (computed once per participations).

    Args:
        data: the two-mode data.

    Returns:
        The arrays; the same ties, in the same order, as the sorted actor pairs of every
        initiative's members.
    """
    return data.cached("tie_arrays", lambda: _build(data))


def _build(data: TwoMode) -> TieArrays:
    members = data.members()
    actors = sorted({a for group in members.values() for a in group})
    index = {a: i for i, a in enumerate(actors)}
    initiatives = list(members)
    sizes = np.fromiter((len(group) for group in members.values()), np.int64, len(members))
    total = int(sizes.sum())
    flat = np.fromiter((index[a] for group in members.values() for a in group), np.int64, total)
    offset = np.concatenate([[0], np.cumsum(sizes)[:-1]]).astype(np.int64)
    initiative_of = np.repeat(np.arange(len(initiatives), dtype=np.int64), sizes)
    firsts: list[Ints] = [np.zeros(0, np.int64)]
    seconds: list[Ints] = [np.zeros(0, np.int64)]
    sources: list[Ints] = [np.zeros(0, np.int64)]
    for k in np.unique(sizes[sizes >= 2]).tolist():
        chosen = np.flatnonzero(sizes == k)
        block = flat[offset[chosen][:, None] + np.arange(k)]  # one row per initiative
        i, j = np.triu_indices(k, 1)
        firsts.append(block[:, i].ravel())
        seconds.append(block[:, j].ravel())
        sources.append(np.repeat(chosen, len(i)))
    pa, pb, pi = np.concatenate(firsts), np.concatenate(seconds), np.concatenate(sources)
    key = pa * max(len(actors), 1) + pb
    order = np.lexsort((pi, key))
    key, pa, pb, pi = key[order], pa[order], pb[order], pi[order]
    first = np.flatnonzero(np.diff(key, prepend=-1)) if len(key) else np.zeros(0, np.int64)
    start = np.append(first, len(key)).astype(np.int64)
    return TieArrays(
        actors=actors,
        initiatives=initiatives,
        sizes=sizes,
        a=pa[first],
        b=pb[first],
        start=start,
        inits=pi,
        actor_of=flat,
        initiative_of=initiative_of,
    )
