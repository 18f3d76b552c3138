"""Filtering two-mode data in Python, with exactly the semantics of the query's filters.

Interactive views apply filters to the unfiltered two-mode data held in a
:class:`~urbankg.network.cache.NetworkCache` instead of re-running the query: Oxigraph evaluates
the filters row by row (a theme and a year range took longer than the unfiltered query at 1.3M
triples), while this takes a few hundredths of a second. ``tests/network`` checks that both
give the same data for every filter.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import numpy as np
import pyoxigraph as ox

from urbankg.graph.store import GraphStore
from urbankg.graph.vocab import vocab_store
from urbankg.network.extract import TwoMode
from urbankg.network.filters import NetworkFilters, filter_bindings
from urbankg.network.gcpause import paused_gc

_BROADER = ox.NamedNode("http://www.w3.org/2004/02/skos/core#broader")
_SECTOR = "https://w3id.org/urbankg/def/sector/"
_ROLE = "https://w3id.org/urbankg/def/role/"
#: Stands for a missing end year (and, negated, a missing start year) in the year arrays.
_NONE = 1 << 40


@cache
def _broader() -> dict[str, frozenset[str]]:
    """Concept IRI → its broader concepts (the vocabularies are two-level)."""
    out: dict[str, set[str]] = {}
    for q in vocab_store().quads_for_pattern(None, _BROADER, None, None):
        if isinstance(q.subject, ox.NamedNode) and isinstance(q.object, ox.NamedNode):
            out.setdefault(q.subject.value, set()).add(q.object.value)
    return {k: frozenset(v) for k, v in out.items()}


def _matches(value: str, target: str) -> bool:
    """``value`` is ``target`` or a narrower concept of it."""
    return value == target or target in _broader().get(value, frozenset())


def _concepts(value: str) -> frozenset[str]:
    """The concepts a value matches as a filter target: itself and its broader concepts."""
    return _broader().get(value, frozenset()) | {value}


class _Index:
    """Arrays and lookups over unfiltered two-mode data, built once, so a filter is set algebra.

    Initiatives and participations are numbered in the data's order; every concept a filter can
    name maps to the initiatives (or participations) it selects.
    """

    def __init__(self, data: TwoMode) -> None:
        self.initiatives = list(data.initiatives)
        n = len(self.initiatives)
        self.dated = np.zeros(n, bool)
        self.start = np.zeros(n, np.int64)
        self.end = np.zeros(n, np.int64)
        self.themes: dict[str, list[int]] = {}
        self.sdgs: dict[str, list[int]] = {}
        self.derived: dict[str, list[int]] = {}
        self.programmes: dict[str, list[int]] = {}
        number = {}
        for k, (iri, ini) in enumerate(data.initiatives.items()):
            number[iri] = k
            if ini.years():
                self.dated[k] = True
            self.start[k] = ini.start if ini.start is not None else -_NONE
            self.end[k] = ini.end if ini.end is not None else _NONE
            for values, index in (
                (ini.themes, self.themes),
                (ini.sdgs, self.sdgs),
                (ini.derived_sdgs, self.derived),
            ):
                for target in set().union(*(_concepts(v) for v in values)):
                    index.setdefault(target, []).append(k)
            for programme in set(ini.programmes):
                self.programmes.setdefault(programme, []).append(k)
        parts = data.participations
        self.initiative_of = np.fromiter(
            (number.get(p.initiative, -1) for p in parts), np.int64, len(parts)
        )
        roles = sorted({p.role for p in parts})
        self.roles = roles
        code = {r: k for k, r in enumerate(roles)}
        self.role_of = np.fromiter((code[p.role] for p in parts), np.int64, len(parts))
        kinds = sorted({x for a in data.actors.values() for x in (a.sector, a.helix)})
        self.kinds = kinds
        kind = {x: k for k, x in enumerate(kinds)}
        actor_kinds = {i: (kind[a.sector], kind[a.helix]) for i, a in data.actors.items()}
        self.sector_of = np.fromiter((actor_kinds[p.actor][0] for p in parts), np.int64, len(parts))
        self.helix_of = np.fromiter((actor_kinds[p.actor][1] for p in parts), np.int64, len(parts))

    def initiatives_kept(self, b: dict[str, str], lo: int | None, hi: int | None) -> Any:
        """Return the mask of the initiatives that pass the initiative filters."""
        keep = np.ones(len(self.initiatives), bool)
        if lo is not None or hi is not None:
            keep &= self.dated
        if lo is not None:
            keep &= self.end >= lo
        if hi is not None:
            keep &= self.start <= hi
        if "theme" in b:
            keep &= self._mask(self.themes.get(b["theme"], []))
        if "sdg" in b:
            hits = self._mask(self.sdgs.get(b["sdg"], []))
            if "derivedSdgProperty" in b:
                hits |= self._mask(self.derived.get(b["sdg"], []))
            keep &= hits
        if "programme" in b:
            keep &= self._mask(self.programmes.get(b["programme"], []))
        return keep

    def _mask(self, chosen: list[int]) -> Any:
        mask = np.zeros(len(self.initiatives), bool)
        mask[chosen] = True
        return mask

    def participations_kept(self, keep: Any, b: dict[str, str]) -> Any:
        """Return the indices of the participations in kept initiatives that pass the filters."""
        ok = np.zeros(len(self.initiative_of), bool)
        known = self.initiative_of >= 0
        ok[known] = keep[self.initiative_of[known]]
        if "roleFilter" in b:
            roles = [k for k, r in enumerate(self.roles) if _matches(_ROLE + r, b["roleFilter"])]
            ok &= np.isin(self.role_of, roles)
        if "sector" in b:
            kinds = [k for k, x in enumerate(self.kinds) if _SECTOR + x == b["sector"]]
            ok &= np.isin(self.sector_of, kinds) | np.isin(self.helix_of, kinds)
        return np.flatnonzero(ok)


def prepare(data: TwoMode) -> None:
    """Build the lookups of :func:`apply_filters` over unfiltered ``data`` now (kept with it)."""
    _index(data)


def _index(data: TwoMode) -> _Index:
    return data.cached("filter_index", lambda: _Index(data))


@paused_gc()
def apply_filters(store: GraphStore, data: TwoMode, filters: NetworkFilters) -> TwoMode:
    """Return the part of unfiltered two-mode ``data`` that ``filters`` select.

    Args:
        store: the store (filter values are checked against it and the vocabularies).
        data: the unfiltered data (``extract(store)``); lookups over it are built on the first
            call and kept with it.
        filters: the filters.

    Returns:
        The same result as ``extract(store, filters)``.

    Raises:
        InputError: a filter value is unknown.
    """
    b = {k: v.value for k, v in filter_bindings(store, filters).items()}
    index = _index(data)
    keep = index.initiatives_kept(b, filters.year_from, filters.year_to)
    chosen = index.participations_kept(keep, b).tolist()
    out = TwoMode(filters=filters)
    parts = data.participations
    out.participations = [parts[k] for k in chosen]
    used = {p.initiative for p in out.participations}
    out.initiatives = {i: x for i, x in data.initiatives.items() if i in used}
    actors = {p.actor for p in out.participations}
    out.actors = {a: x for a, x in data.actors.items() if a in actors}
    return out
