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

from urbankg.network.extract import TwoMode


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
    ties = tie_years(data)
    init_years: dict[int, int] = {}
    for ini in data.initiatives.values():
        for y in ini.years():
            init_years[y] = init_years.get(y, 0) + 1
    act_years = actor_years(data)
    if not init_years:
        return []
    lo = max(min(init_years), first) if first is not None else min(init_years)
    hi = min(max(init_years), last) if last is not None else max(init_years)
    first_year = {pair: min(ys) for pair, ys in ties.items()}
    by_year: dict[int, set[tuple[str, str]]] = {}
    for pair, ys in ties.items():
        for y in ys:
            by_year.setdefault(y, set()).add(pair)
    out: list[YearSnapshot] = []
    previous: set[tuple[str, str]] | None = None
    for year in range(lo, hi + 1):
        active = by_year.get(year, set())
        new = [pair for pair in active if first_year[pair] == year]
        cross = {pair for pair in active if groups[pair[0]] != groups[pair[1]]}
        churn: float | None = None
        lost = 0
        if previous is not None:
            union = active | previous
            lost = len(previous - active)
            churn = len(active ^ previous) / len(union) if union else None
        out.append(
            YearSnapshot(
                year=year,
                initiatives=init_years.get(year, 0),
                actors=sum(1 for ys in act_years.values() if year in ys),
                ties=len(active),
                cross_sector_ties=len(cross),
                new_ties=len(new),
                new_cross_sector_ties=sum(1 for pair in new if pair in cross),
                lost_ties=lost,
                churn=churn,
            )
        )
        previous = active
    return out


def undated_initiatives(data: TwoMode) -> int:
    """Return the number of initiatives without any year (left out of the snapshots)."""
    return sum(1 for ini in data.initiatives.values() if not ini.years())
