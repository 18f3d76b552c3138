"""What the catalogue says about the data, computed from the store with named queries.

Every fact of a dataset description that can be computed is computed here: which resources
belong to which programme, counts, years, themes, municipalities, source pages and the load
history. Nothing in this module depends on the deployment (URLs, publisher): that is added by
:mod:`urbankg.catalog.dcat`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

import pyoxigraph as ox

from urbankg.catalog.vocab import UKG, Labels
from urbankg.graph.store import GraphStore

LANGS = ("fi", "sv", "en")


def _labels(row: Mapping[str, object]) -> Labels:
    out: Labels = {}
    for lang in LANGS:
        value = row.get(lang)
        if isinstance(value, ox.Literal) and value.value.strip():
            out[lang] = value.value.strip()
    return out


@dataclass(frozen=True)
class Load:
    """One load of a named graph (from the store's provenance records)."""

    graph: str
    activity: str
    source: str | None
    started: str
    ended: str | None


@dataclass
class Programme:
    """A programme of the store: its IRI, names and descriptions."""

    iri: str
    labels: Labels
    descriptions: Labels

    @property
    def slug(self) -> str:
        """The last path segment of the IRI (the programme's id)."""
        return self.iri.rstrip("/").rsplit("/", 1)[-1]


@dataclass
class DatasetFacts:
    """The computed facts of one dataset (the whole graph, or one programme)."""

    members: set[str]
    counts: dict[str, int]
    start: int | None
    end: int | None
    themes: list[str]
    top_themes: list[str]
    classes: list[str]
    municipalities: list[str]
    sources: int
    graphs: list[str]


@dataclass
class Facts:
    """Everything the catalogue needs to know about the store."""

    base: str
    programmes: list[Programme]
    whole: DatasetFacts
    per_programme: dict[str, DatasetFacts]
    labels: dict[str, Labels]
    place_names: dict[str, Labels]
    loads: list[Load]
    issued: dict[str, str] = field(default_factory=dict)
    modified: dict[str, str] = field(default_factory=dict)

    def municipality_iri(self, code: str) -> str:
        """The IRI of the municipality with Statistics Finland code ``code``."""
        return f"{self.base}municipality/{code}"

    def last_loads(self, graphs: list[str]) -> list[Load]:
        """The latest load of each graph in ``graphs``."""
        latest: dict[str, Load] = {}
        for load in self.loads:
            if load.graph in graphs:
                latest[load.graph] = load  # rows are sorted by graph, then start time
        return [latest[g] for g in sorted(latest)]

    def issued_of(self, graphs: list[str]) -> str | None:
        """The first time any of ``graphs`` was loaded."""
        stamps = [self.issued[g] for g in graphs if g in self.issued]
        return min(stamps, key=_instant) if stamps else None

    def modified_of(self, graphs: list[str]) -> str | None:
        """The last time any of ``graphs`` was changed."""
        stamps = [self.modified[g] for g in graphs if g in self.modified]
        return max(stamps, key=_instant) if stamps else None


def _instant(stamp: str) -> datetime:
    return datetime.fromisoformat(stamp.replace("Z", "+00:00"))


def _value(term: object) -> str:
    assert isinstance(term, ox.NamedNode | ox.Literal)
    return term.value


def collect(store: GraphStore) -> Facts:
    """Compute the facts of the catalogue from ``store``.

    Args:
        store: the store (only its data graphs are described).

    Returns:
        The facts, with one :class:`DatasetFacts` for the whole graph and one per programme.
    """
    data_graphs = store.data_graph_iris()
    programmes = [
        Programme(_value(r["programme"]), _labels(r), _labels({k[1:]: v for k, v in r.items()}))
        for r in store.select_named("catalog_programmes")
    ]
    classes: dict[str, set[str]] = defaultdict(set)
    for r in store.select_named("catalog_subjects"):
        classes[_value(r["s"])].add(_value(r["class"]))
    members: dict[str, set[str]] = defaultdict(set)
    for r in store.select_named("catalog_members"):
        members[_value(r["programme"])].add(_value(r["s"]))
    years: dict[str, tuple[int | None, int | None]] = {
        _value(r["i"]): (
            int(_value(r["start"])) if "start" in r else None,
            int(_value(r["end"])) if "end" in r else None,
        )
        for r in store.select_named("catalog_years")
    }
    themes: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for r in store.select_named("catalog_themes"):
        themes[_value(r["i"])].add((_value(r["theme"]), _value(r["top"])))
    places: dict[str, set[str]] = defaultdict(set)
    for r in store.select_named("catalog_places"):
        places[_value(r["i"])].add(_value(r["code"]))
    sources: dict[str, set[str]] = defaultdict(set)
    for r in store.select_named("catalog_sources"):
        sources[_value(r["s"])].add(_value(r["page"]))
    graph_of: dict[str, set[str]] = {
        p.iri: _graphs_of(store, p.iri, data_graphs) for p in programmes
    }

    def dataset(subjects: set[str], graphs: list[str]) -> DatasetFacts:
        counts: dict[str, int] = defaultdict(int)
        for s in subjects:
            for c in classes.get(s, ()):
                counts[c.removeprefix(UKG)] += 1
        spans = [years[s] for s in subjects if s in years]
        starts = [a for a, _ in spans if a is not None]
        ends = [b for _, b in spans if b is not None]
        pairs = {t for s in subjects for t in themes.get(s, ())}
        return DatasetFacts(
            members=subjects,
            counts=dict(sorted(counts.items())),
            start=min(starts) if starts else None,
            end=max(ends) if ends else None,
            themes=sorted({t for t, _ in pairs}),
            top_themes=sorted({top for _, top in pairs}),
            classes=sorted({c for s in subjects for c in classes.get(s, ())}),
            municipalities=sorted({code for s in subjects for code in places.get(s, ())}),
            sources=len({page for s in subjects for page in sources.get(s, ())}),
            graphs=graphs,
        )

    everything = set(classes) | {m for ms in members.values() for m in ms}
    infos = {i.iri: i for i in store.graph_info()}
    facts = Facts(
        base=store.base,
        programmes=programmes,
        whole=dataset(everything, data_graphs),
        per_programme={
            p.iri: dataset(members.get(p.iri, {p.iri}) | {p.iri}, sorted(graph_of[p.iri]))
            for p in programmes
        },
        labels={_value(r["term"]): _labels(r) for r in store.select_named("catalog_labels")},
        place_names={
            _value(r["code"]): _labels(r) for r in store.select_named("catalog_place_names")
        },
        loads=[
            Load(
                graph=_value(r["g"]),
                activity=_value(r["activity"]),
                source=_value(r["source"]) if "source" in r else None,
                started=_value(r["started"]),
                ended=_value(r["ended"]) if "ended" in r else None,
            )
            for r in store.select_named("catalog_loads")
        ],
    )
    for g in data_graphs:
        info = infos.get(g)
        if info is not None and info.issued:
            facts.issued[g] = info.issued
        if info is not None and info.modified:
            facts.modified[g] = info.modified
    return facts


def _graphs_of(store: GraphStore, iri: str, data_graphs: list[str]) -> set[str]:
    """The data graphs that hold statements about ``iri``."""
    found = set()
    for q in store.quads(ox.NamedNode(iri), None, None, None):
        if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in data_graphs:
            found.add(q.graph_name.value)
    return found
