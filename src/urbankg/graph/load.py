"""Validate-then-commit loading of sources into a store.

All sources of one call form one batch: each is staged (parsed and mapped, nothing written),
the batch is validated with the context it refers to, and only when no violation is found is
each source's named graph replaced in the store. Bad input leaves the store exactly as it was.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from urbankg.graph.derive import refresh_derived
from urbankg.graph.errors import InputError, UrbankgError
from urbankg.graph.importers import (
    DATASET_FORMATS,
    RDF_FORMATS,
    Staged,
    iter_rdf,
    rdf_format,
    source_name,
    stage_source,
)
from urbankg.graph.importers.csvfile import read_table
from urbankg.graph.store import ONTOLOGY_GRAPH, OxigraphStore
from urbankg.graph.validate import Progress, Report, validate_quads, with_sources
from urbankg.graph.vocab import vocab_store
from urbankg.resources import data_files, query_text

_UKG = "https://w3id.org/urbankg/def#"

#: Batches larger than this are committed with Oxigraph's bulk loader.
BULK_THRESHOLD = 200_000


class ValidationFailedError(UrbankgError):
    """The batch has SHACL violations; nothing was written."""

    def __init__(self, report: Report) -> None:
        self.report = report
        first = report.violations[0]
        where = f"{first.source}: " if first.source else ""
        super().__init__(
            f"{len(report.violations)} violation(s), nothing stored; first: {where}"
            f"{first.focus_label or first.focus}: {first.message}"
        )


@dataclass
class LoadResult:
    """What a load did."""

    graphs: list[str]
    triples: int
    report: Report
    seconds: float


_CLASS_OF_TABLE = {
    "programmes": ("programme", "Programme"),
    "calls": ("call", "FundingCall"),
    "projects": ("project", "Project"),
    "actors": ("actor", "Actor"),
}


def _defined_in_csv(paths: Sequence[Path], base: str) -> dict[str, str]:
    """Map the IRIs that the CSV sources of a batch define to their class (local name)."""
    out: dict[str, str] = {}
    for path in paths:
        files = sorted(path.glob("*.csv")) if path.is_dir() else [path]
        for f in files:
            if f.suffix.lower() != ".csv" or not f.exists():
                continue
            table = read_table(f)
            if table.kind in _CLASS_OF_TABLE:
                kind, cls = _CLASS_OF_TABLE[table.kind]
                for row in table.rows:
                    if row.get("id"):
                        out[f"{base}{kind}/{row.get('id')}"] = cls
    return out


def _exists(store: OxigraphStore, batch: Mapping[str, str]) -> Callable[[str, str], bool]:
    query = query_text("resource_exists")

    def exists(iri: str, cls: str) -> bool:
        if batch.get(iri) == cls:
            return True
        return store.ask(query, {"resource": ox.NamedNode(iri), "class": ox.NamedNode(_UKG + cls)})

    return exists


def reserved_graphs(store: OxigraphStore) -> set[str]:
    """Graphs no source may write: provenance, ontology, computed metrics."""
    return {store.system_graph, ONTOLOGY_GRAPH, store.graph_iri("metrics"), store.derived_graph}


def stage_all(
    store: OxigraphStore, paths: Sequence[Path], names: Sequence[str] | None = None
) -> list[Staged]:
    """Stage every source (nothing is written to ``store``).

    Sources of one batch may refer to each other (a participation to an actor defined in
    another source).

    Raises:
        InputError: for the first bad source, after releasing what was staged.
    """
    staged: list[Staged] = []
    graphs: dict[str, str] = {}
    reserved = reserved_graphs(store)
    try:
        batch = _defined_in_csv([Path(p) for p in paths], store.base)
        exists = _exists(store, batch)
        for i, path in enumerate(paths):
            name = names[i] if names else source_name(Path(path))
            graph = store.graph_iri(name)
            if graph in reserved:
                raise InputError(f"'{name}' is a reserved graph name", file=str(path))
            if graph in graphs:
                raise InputError(
                    f"two sources map to the same graph '{name}' ({graphs[graph]})",
                    file=str(path),
                )
            graphs[graph] = str(path)
            s = stage_source(Path(path), base=store.base, graph=graph, exists=exists)
            staged.append(s)
            for g in s.graphs:
                if g in reserved:
                    raise InputError(
                        f"the file writes the reserved graph <{g}> (provenance, ontology or "
                        "metrics); rename that graph",
                        file=Path(path).name,
                    )
                if g != graph and g in graphs:
                    raise InputError(
                        f"graph <{g}> is also written by {graphs[g]}", file=Path(path).name
                    )
                graphs.setdefault(g, str(path))
    except BaseException:
        for s in staged:
            s.close()
        raise
    return staged


def validate_staged(
    store: OxigraphStore,
    staged: Sequence[Staged],
    *,
    workers: int = 0,
    progress: Progress | None = None,
) -> Report:
    """Validate staged sources together, with the store as context (minus replaced graphs).

    What else in the store points at the replaced graphs' nodes (e.g. a participation in
    another source naming an actor of a reloaded source) is validated again too, against the
    new content, so a reload cannot leave dangling references behind.
    """
    replaced = [g for s in staged for g in s.graphs]
    merged = Report()
    t0 = time.perf_counter()
    for s in staged:
        others = [o.store for o in staged if o is not s]
        report = validate_quads(
            s.store,
            context=others,
            stores=[store.raw],
            exclude_graphs=replaced,
            workers=workers,
            progress=progress,
        )
        report = with_sources(report, _locator(s))
        merged.findings.extend(report.findings)
        merged.triples += report.triples
    dependents = _dependents(store, replaced)
    if len(dependents):
        report = validate_quads(
            dependents,
            context=[s.store for s in staged],
            stores=[store.raw],
            exclude_graphs=replaced,
            workers=workers,
        )
        merged.findings.extend(report.findings)
        merged.triples += report.triples
    merged.seconds = time.perf_counter() - t0
    return merged


def _dependents(store: OxigraphStore, replaced: Sequence[str]) -> ox.Store:
    """Copy what other graphs say about nodes that point at the replaced graphs' old nodes."""
    skip = {ox.NamedNode(g) for g in [*replaced, *reserved_graphs(store)]}
    old_subjects = {
        q.subject
        for g in replaced
        for q in store.raw.quads_for_pattern(None, None, None, ox.NamedNode(g))
        if isinstance(q.subject, ox.NamedNode)
    }
    referrers: set[ox.NamedNode | ox.BlankNode] = set()
    for subject in old_subjects:
        for q in store.raw.quads_for_pattern(None, None, subject, None):
            if q.graph_name not in skip and isinstance(q.subject, ox.NamedNode | ox.BlankNode):
                referrers.add(q.subject)
    out = ox.Store()
    out.extend(
        q
        for r in referrers
        for q in store.raw.quads_for_pattern(r, None, None, None)
        if q.graph_name not in skip
    )
    return out


def _locator(staged: Staged) -> Callable[[str], str | None]:
    def locate(iri: str) -> str | None:
        if iri in staged.origins:
            return staged.origins[iri]
        for q in staged.store.quads_for_pattern(ox.NamedNode(iri), None, None, None):
            g = q.graph_name
            if isinstance(g, ox.NamedNode):
                return staged.files.get(g.value)
        return None

    return locate


def load_sources(
    store: OxigraphStore,
    paths: Sequence[Path],
    *,
    names: Sequence[str] | None = None,
    validate: bool = True,
    workers: int = 0,
    progress: Progress | None = None,
) -> LoadResult:
    """Load sources into ``store``: stage, validate, then replace each source's named graph.

    Args:
        store: the target store.
        paths: CSV folders or files, or RDF files; each is one source and one named graph.
        names: graph names for the sources (default: each file's stem or folder name).
        validate: validate before writing (turn off only for trusted bulk data).
        workers: validation processes (0: one per core).
        progress: called with (chunks validated, total chunks).

    Returns:
        What was loaded, with the validation report (warnings only).

    Raises:
        InputError: a source cannot be read or mapped (nothing written).
        ValidationFailedError: the batch has violations (nothing written).
    """
    t0 = time.perf_counter()
    if not validate and _streamable(paths):
        return _load_unvalidated(store, paths, names, t0)
    staged = stage_all(store, paths, names)
    try:
        report = Report()
        if validate:
            report = validate_staged(store, staged, workers=workers, progress=progress)
            if not report.conforms:
                raise ValidationFailedError(report)
        total = sum(len(s) for s in staged)
        ensure_ontology(store)
        graphs: list[str] = []
        for s in staged:
            parts: dict[str, Iterable[ox.Quad]] = {
                g: s.store.quads_for_pattern(None, None, None, ox.NamedNode(g)) for g in s.graphs
            }
            store.replace_graphs(parts, source=", ".join(s.sources), bulk=total > BULK_THRESHOLD)
            graphs.extend(s.graphs)
        refresh_derived(store)
        return LoadResult(graphs, total, report, time.perf_counter() - t0)
    finally:
        for s in staged:
            s.close()


def _streamable(paths: Sequence[Path]) -> bool:
    return all(
        Path(p).is_file()
        and Path(p).suffix.lower() in RDF_FORMATS
        and RDF_FORMATS[Path(p).suffix.lower()] not in DATASET_FORMATS
        for p in paths
    )


def _load_unvalidated(
    store: OxigraphStore, paths: Sequence[Path], names: Sequence[str] | None, t0: float
) -> LoadResult:
    """Trusted RDF files: check the syntax in one streaming pass, then bulk-load them.

    No staging store is needed: every input error is a syntax error, found by the first pass.
    Oxigraph's bulk loader is the fastest way in, at its own memory cost (docs/decisions/0003).
    """
    targets: list[tuple[Path, str]] = []
    reserved = reserved_graphs(store)
    for i, path in enumerate(paths):
        graph = store.graph_iri(names[i] if names else source_name(Path(path)))
        if graph in reserved or graph in {g for _, g in targets}:
            raise InputError(f"graph <{graph}> is reserved or written twice", file=str(path))
        targets.append((Path(path), graph))
    counts = [sum(1 for _ in iter_rdf(path, graph)) for path, graph in targets]
    ensure_ontology(store)
    for (path, graph), count in zip(targets, counts, strict=True):
        store.load_file(graph, path, rdf_format(path), source=path.name, count=count)
    refresh_derived(store)
    return LoadResult([g for _, g in targets], sum(counts), Report(), time.perf_counter() - t0)


def ensure_ontology(store: OxigraphStore, *, force: bool = False) -> None:
    """Put the ontology and vocabularies into their own graph of the store (if missing)."""
    if not force and ONTOLOGY_GRAPH in store.graph_iris():
        return
    vocab = vocab_store()
    quads = [
        ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(ONTOLOGY_GRAPH))
        for q in vocab.quads_for_pattern(None, None, None, None)
    ]
    store.replace_graphs({ONTOLOGY_GRAPH: quads}, source="urbankg ontology and vocabularies")


def bundled_sources() -> list[Path]:
    """Return the folders of the bundled real data (each one source)."""
    folders = sorted(
        {Path(str(f)).parent for f in data_files(".csv") if "template" not in Path(str(f)).parts}
    )
    return folders


def init_store(
    store: OxigraphStore, *, workers: int = 0, progress: Progress | None = None
) -> LoadResult:
    """Load the ontology and the bundled real programme data into ``store``."""
    ensure_ontology(store, force=True)
    return load_sources(store, bundled_sources(), workers=workers, progress=progress)


def validate_store(
    store: OxigraphStore, *, workers: int = 0, progress: Progress | None = None
) -> Report:
    """Validate every data graph of the store (in chunks, in parallel)."""
    report = validate_quads(
        store.raw,
        graphs=store.data_graph_iris(),
        workers=workers,
        progress=progress,
    )
    sources = {i.iri: i.source or i.iri for i in store.graph_info()}

    def locate(iri: str) -> str | None:
        for q in store.raw.quads_for_pattern(ox.NamedNode(iri), None, None, None):
            if isinstance(q.graph_name, ox.NamedNode) and q.graph_name.value in sources:
                return sources[q.graph_name.value]
        return None

    return with_sources(report, locate)
