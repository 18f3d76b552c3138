"""Yearly snapshots of the partnership network: ties, new ties, new cross-sector ties, churn.

A tie is active in a year when the two actors share an initiative active that year (an
initiative with only a start or only an end year is active in that one year; one without years
is left out and counted). A tie is *new* in the first year it is active. Churn between two
consecutive years is the share of the ties of either year that are not in both,
|E_{y−1} △ E_y| / |E_{y−1} ∪ E_y| (one minus the Jaccard similarity of the tie sets; see e.g.
Holme, P. & Saramäki, J., 2012, "Temporal networks", Physics Reports 519(3), 97–125).

Defined values: churn is ``None`` in the first year (no previous snapshot) and when neither year
has a tie.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import dataclass
from itertools import combinations

import numpy as np
import numpy.typing as npt

from urbankg.network.extract import TwoMode
from urbankg.network.incidence import tie_arrays
from urbankg.network.metrics.arrays import Ints


@dataclass(frozen=True)
class YearSnapshot:
    """The network of one year."""

    year: int
    initiatives: int
    actors: int
    ties: int
    cross_sector_ties: int
    new_ties: int
    new_cross_sector_ties: int
    lost_ties: int
    churn: float | None


def tie_years(data: TwoMode) -> dict[tuple[str, str], set[int]]:
    """Return each tie (sorted actor pair) with the years it is active."""
    out: dict[tuple[str, str], set[int]] = {}
    for iri, members in data.members().items():
        years = data.initiatives[iri].years()
        if not years:
            continue
        for pair in combinations(members, 2):
            out.setdefault(pair, set()).update(years)
    return out


def actor_years(data: TwoMode) -> dict[str, set[int]]:
    """Return each actor with the years it takes part in an active initiative."""
    out: dict[str, set[int]] = {}
    for p in data.participations:
        out.setdefault(p.actor, set()).update(data.initiatives[p.initiative].years())
    return out


def yearly_snapshots(
    data: TwoMode,
    groups: Mapping[Hashable, str],
    *,
    first: int | None = None,
    last: int | None = None,
) -> list[YearSnapshot]:
    """Return one snapshot per year from the first to the last active year of the data.

    Args:
        data: the two-mode data.
        groups: actor → group (a tie is cross-sector when the groups differ).
        first: clamp: no snapshot before this year.
        last: clamp: no snapshot after this year.

    Returns:
        The snapshots in year order (empty when no initiative has years).
    """
    years = [ini.years() for ini in data.initiatives.values()]
    dated = [r for r in years if r]
    if not dated:
        return []
    y0 = min(r.start for r in dated)
    span = max(r.stop for r in dated) - y0
    initiatives = np.zeros(span, dtype=np.int64)
    for r in dated:
        initiatives[r.start - y0 : r.stop - y0] += 1
    lo = max(y0, first) if first is not None else y0
    hi = min(y0 + span - 1, last) if last is not None else y0 + span - 1
    t = tie_arrays(data)
    by_iri = {iri: r for iri, r in zip(data.initiatives, years, strict=True)}
    ranges = [by_iri[i] for i in t.initiatives]
    begin = np.array([r.start - y0 if r else 0 for r in ranges], np.int64)
    stop = np.array([r.stop - y0 if r else 0 for r in ranges], np.int64)
    # (tie, year) and (actor, year) when active, each once, sorted by tie (actor) then year.
    tie_year = _active(np.repeat(np.arange(len(t.a)), t.counts), t.inits, begin, stop, span)
    actor_year = _active(t.actor_of, t.initiative_of, begin, stop, span)
    tie, year = tie_year // span, tie_year % span
    group = [groups[a] for a in t.actors]
    cross_tie = np.array([group[a] != group[b] for a, b in zip(t.a, t.b, strict=True)], bool)
    cross = cross_tie[tie]
    is_first = np.diff(tie, prepend=-1) != 0  # the first active year of each tie
    # A tie active in year y and in y - 1 (consecutive entries of one tie).
    kept = np.zeros(len(tie), bool)
    kept[1:] = (tie[1:] == tie[:-1]) & (year[1:] == year[:-1] + 1)

    def per_year(mask: npt.NDArray[np.bool_] | None = None) -> list[int]:
        chosen = year if mask is None else year[mask]
        return [int(c) for c in np.bincount(chosen, minlength=span).tolist()]

    ties, cross_ties, new, new_cross, both = (
        per_year(),
        per_year(cross),
        per_year(is_first),
        per_year(is_first & cross),
        per_year(kept),
    )
    actors = np.bincount(actor_year % span, minlength=span).tolist()
    out: list[YearSnapshot] = []
    for y in range(lo - y0, hi - y0 + 1):
        churn: float | None = None
        lost = 0
        if y > lo - y0:
            previous = ties[y - 1] if y >= 1 else 0
            union = ties[y] + previous - both[y]
            lost = previous - both[y]
            churn = (union - both[y]) / union if union else None
        out.append(
            YearSnapshot(
                year=y + y0,
                initiatives=int(initiatives[y]),
                actors=int(actors[y]),
                ties=ties[y],
                cross_sector_ties=cross_ties[y],
                new_ties=new[y],
                new_cross_sector_ties=new_cross[y],
                lost_ties=lost,
                churn=churn,
            )
        )
    return out


def _active(owner: Ints, initiative: Ints, begin: Ints, stop: Ints, span: int) -> Ints:
    """Return owner × span + year (from 0) for every year an owner's initiative is active.

    Each value once, sorted; ``begin``/``stop`` bound each initiative's years (stop exclusive).
    """
    length = np.maximum(stop[initiative] - begin[initiative], 0)
    total = int(length.sum())
    first = np.repeat(begin[initiative] - np.cumsum(length) + length, length)
    years = first + np.arange(total)
    keys: Ints = np.sort(np.repeat(owner, length) * span + years)
    once: Ints = keys[np.diff(keys, prepend=-1) != 0]
    return once


def undated_initiatives(data: TwoMode) -> int:
    """Return the number of initiatives without any year (left out of the snapshots)."""
    return sum(1 for ini in data.initiatives.values() if not ini.years())
