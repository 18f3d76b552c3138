"""A cache of a store's unfiltered two-mode data and stored layout, for interactive views.

DESIGN.md §8: compute the network after each load and serve the stored result, not a
per-request computation. The HTTP API keeps one :class:`NetworkCache` (e.g. in the app state)
and passes it to :func:`urbankg.network.network_json`; a filtered view is then the cached data
filtered in Python (:mod:`urbankg.network.subset`), projected, with the fast measures and the
stored positions. The cache reloads when any named graph of the store changes (its triple count
or modification time in the load provenance), metrics graph included.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from urbankg.graph.store import GraphStore
from urbankg.network.extract import TwoMode, extract
from urbankg.network.rdf import stored_positions
from urbankg.network.subset import prepare

Fingerprint = tuple[int, str, tuple[tuple[str, int, str | None], ...]]


@dataclass(frozen=True)
class Cached:
    """What the cache holds for one state of a store."""

    data: TwoMode
    positions: dict[str, tuple[float, float]]


class NetworkCache:
    """The unfiltered two-mode data and stored positions of the last store asked for."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: Fingerprint | None = None
        self._value: Cached | None = None
        #: How often the data was (re)loaded from the store (for tests and monitoring).
        self.loads = 0

    @staticmethod
    def fingerprint(store: GraphStore) -> Fingerprint:
        """Identify the store's current state from its load provenance."""
        graphs = tuple((i.iri, i.triples, i.modified) for i in store.graph_info())
        return (id(store), store.base, graphs)

    def get(self, store: GraphStore) -> Cached:
        """Return the cached data of ``store``, reading it again if the store has changed."""
        key = self.fingerprint(store)
        with self._lock:
            if self._value is None or key != self._key:
                data = extract(store)
                prepare(data)  # the lookups that make a filtered view a few array operations
                self._value = Cached(data, stored_positions(store))
                self._key = key
                self.loads += 1
            return self._value

    def clear(self) -> None:
        """Forget the cached data."""
        with self._lock:
            self._key = None
            self._value = None
