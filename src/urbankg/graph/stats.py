"""Counts that describe a store: by class, theme, sector, programme and year."""

from __future__ import annotations

from dataclasses import dataclass, field

from urbankg.graph.store import GraphStore
from urbankg.graph.terms import OxTerm

#: Section name → named query.
SECTIONS = {
    "classes": "stats_classes",
    "themes": "stats_themes",
    "sectors": "stats_sectors",
    "programmes": "stats_programmes",
}


@dataclass
class Stats:
    """The counts, one list of rows per section."""

    triples: int
    graphs: int
    sections: dict[str, list[dict[str, str | int]]] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        """Return the stats as a JSON-ready dictionary."""
        return {"triples": self.triples, "graphs": self.graphs, **self.sections}


def _plain(term: OxTerm) -> str | int:
    value = term.value
    if value.isdigit():
        return int(value)
    return value


def compute_stats(store: GraphStore) -> Stats:
    """Count what the store holds.

    Args:
        store: the store.

    Returns:
        Counts by class, theme, sector, programme and year.
    """
    stats = Stats(triples=len(store), graphs=len(store.graph_iris()))
    for section, query in SECTIONS.items():
        stats.sections[section] = [
            {k: _plain(v) for k, v in row.items()} for row in store.select_named(query)
        ]
    stats.sections["years"] = active_years(store)
    return stats


def active_years(store: GraphStore) -> list[dict[str, str | int]]:
    """Count the projects active in each year, from the first to the last year of any project."""
    counts: dict[int, int] = {}
    for row in store.select_named("stats_years"):
        first, last, n = int(row["from"].value), int(row["to"].value), int(row["count"].value)
        for year in range(first, max(first, last) + 1):
            counts[year] = counts.get(year, 0) + n
    if not counts:
        return []
    return [{"year": y, "count": counts.get(y, 0)} for y in range(min(counts), max(counts) + 1)]
