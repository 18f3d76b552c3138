"""Yearly snapshots of the mini fixture, computed by hand in tests/network/data/README.md."""

from __future__ import annotations

from collections import Counter
from dataclasses import astuple
from itertools import combinations

import pytest

from urbankg.graph.store import OxigraphStore
from urbankg.network import TwoMode, extract
from urbankg.network.metrics import undated_initiatives, yearly_snapshots


def _groups(store: OxigraphStore) -> tuple[object, dict[str, str]]:
    data = extract(store)
    return data, {a.iri: a.helix for a in data.actors.values()}


def test_snapshots_by_hand(mini_store: OxigraphStore) -> None:
    data, groups = _groups(mini_store)
    rows = [
        (
            s.year,
            s.initiatives,
            s.actors,
            s.ties,
            s.new_ties,
            s.new_cross_sector_ties,
            s.lost_ties,
            s.churn,
        )
        for s in yearly_snapshots(data, groups)  # type: ignore[arg-type]
    ]
    assert rows == [
        # 2019: p12, prog-a: tie 1-2 (both public).
        (2019, 2, 2, 1, 1, 0, 0, None),
        # 2020: + p23: tie 2-3 is new and cross-sector; churn 1 of 2 ties changed.
        (2020, 3, 3, 2, 1, 1, 0, 0.5),
        # 2021: p23, p34, p13, prog-a: 2-3, 3-4, 1-3; 1-2 lost; 3 of 4 ties changed.
        (2021, 4, 4, 3, 2, 1, 1, 0.75),
        # 2022: p13, p45, prog-a: 1-3, 4-5.
        (2022, 3, 5, 2, 1, 1, 2, 0.75),
        # 2023: p45, p6, prog-a: 4-5 only.
        (2023, 3, 4, 1, 0, 0, 1, 0.5),
    ]
    assert undated_initiatives(data) == 0  # type: ignore[arg-type]


def test_snapshots_are_clamped_to_a_year_range(mini_store: OxigraphStore) -> None:
    data, groups = _groups(mini_store)
    snaps = yearly_snapshots(data, groups, first=2021, last=2022)  # type: ignore[arg-type]
    assert [s.year for s in snaps] == [2021, 2022]
    # A tie first active before the range is not new in it.
    assert snaps[0].new_ties == 2
    assert snaps[0].churn is None


def test_no_dated_initiatives_no_snapshots() -> None:
    from urbankg.network import Actor, Initiative, Participation, TwoMode

    data = TwoMode()
    data.initiatives["p"] = Initiative("p", "project", {}, None, None)
    data.actors["a"] = Actor("a", {}, "city", "public")
    data.participations.append(Participation("a", "p", "partner", False))
    assert yearly_snapshots(data, {"a": "public"}) == []
    assert undated_initiatives(data) == 1


def _snapshots_by_sets(
    data: TwoMode, groups: dict[str, str], first: int | None, last: int | None
) -> list[tuple[object, ...]]:
    """The snapshots computed with a set of ties per year (the plain definition)."""
    ties: dict[tuple[str, str], set[int]] = {}
    actors: dict[int, set[str]] = {}
    count: Counter[int] = Counter()
    for ini in data.initiatives.values():
        count.update(ini.years())
    for p in data.participations:
        for y in data.initiatives[p.initiative].years():
            actors.setdefault(y, set()).add(p.actor)
    for iri, members in data.members().items():
        for pair in combinations(members, 2):
            ties.setdefault(pair, set()).update(data.initiatives[iri].years())
    if not count:
        return []
    lo = max(min(count), first) if first is not None else min(count)
    hi = min(max(count), last) if last is not None else max(count)
    rows: list[tuple[object, ...]] = []
    previous: set[tuple[str, str]] | None = None
    for y in range(lo, hi + 1):
        active = {t for t, ys in ties.items() if y in ys}
        new = {t for t in active if min(ties[t]) == y}
        cross = {t for t in active if groups[t[0]] != groups[t[1]]}
        churn = lost = None
        if previous is not None:
            union = active | previous
            lost = len(previous - active)
            churn = len(active ^ previous) / len(union) if union else None
        rows.append(
            (
                y,
                count[y],
                len(actors.get(y, ())),
                len(active),
                len(cross),
                len(new),
                len(new & cross),
                lost or 0,
                churn,
            )
        )
        previous = active
    return rows


@pytest.mark.parametrize(
    ("first", "last"), [(None, None), (2015, 2020), (2019, None), (None, 2012)]
)
def test_snapshots_of_synthetic_data_equal_the_set_definition(
    synthetic_store: OxigraphStore, first: int | None, last: int | None
) -> None:
    data = extract(synthetic_store)
    groups = {a.iri: a.helix for a in data.actors.values()}
    ours = yearly_snapshots(data, groups, first=first, last=last)
    assert ours
    assert [astuple(s) for s in ours] == _snapshots_by_sets(data, groups, first, last)
