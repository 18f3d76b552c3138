#!/usr/bin/env python
"""Load, validation and stats benchmarks of urbankg against the peers a user would reach for.

Every figure is a ratio against a peer measured in the same run, on the same file:

load        urbankg ``load_sources(..., validate=False)`` (parse, stage, commit into the on-disk
            store) vs pyoxigraph's own ``Store.bulk_load`` into a fresh on-disk store, run
            alternately. Target: throughput ratio >= 0.5.
validate    urbankg ``validate_store`` (chunks with context, one process per core) vs pyshacl on
            an in-memory rdflib Graph of the same data + the ontology, inference none, default
            options (what a user tries first). Target: ours no slower at 100k. Also checks that
            both report the same findings (severity, shape, focus node).
batch       validating 100 new projects with their participations and grants (N-Triples and
            CSV) against the store, as ``urbankg validate FILE`` does, vs whole-store validation
            at the same size. Target: >= 20x.
stats       ``compute_stats`` vs the same named queries run directly on the pyoxigraph store
            (and, for information, on an in-memory pyoxigraph store). Target: <= 2x.
phases      where the time goes: staging, commit, provenance count, grouping subjects, context,
            pyshacl per chunk (with a cProfile of one chunk), worker start.
what-if     the same load and validation with the fixes proposed in ``bench/README.md``
            applied by monkeypatching (the code under ``src/`` is not changed): bulk commit and
            a SPARQL count; a parse cache for pyshacl's SPARQL constraints, pyshacl's default
            ``allow_warnings``, and the missing chunk context.

Usage::

    python bench/bench_load.py                                  # 10k and 100k
    python bench/bench_load.py --sizes 1m --validate-max 0 --what-if-max 1m --only stats

Data sets are made by ``bench/generate.py`` into ``bench/data/`` (kept; remade when the
generator changes); stores go to a temporary folder under ``bench/out/`` (removed at the end
unless ``--keep``); results go to ``bench/out/bench_load-<timestamp>.json``.
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import importlib.util
import json
import multiprocessing as mp
import os
import platform
import resource
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache, partial
from multiprocessing.connection import Connection
from pathlib import Path
from types import ModuleType
from typing import Any, cast

import pyoxigraph as ox

import urbankg.graph.importers as importers_mod
import urbankg.graph.load as load_mod
import urbankg.graph.validate as validate_mod
from urbankg.graph.load import load_sources, stage_all, validate_staged, validate_store
from urbankg.graph.stats import compute_stats
from urbankg.graph.store import ONTOLOGY_GRAPH, OxigraphStore, open_store
from urbankg.graph.validate import Context, Report, iter_subject_groups, validate_chunk
from urbankg.graph.vocab import vocab_store
from urbankg.namespaces import PREFIXES
from urbankg.resources import ontology_files, query_text, shapes_files

HERE = Path(__file__).resolve().parent
GRAPH_NAME = "synthetic"
PARTS = ("load", "validate", "batch", "stats", "phases", "what-if")
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def _load_generator() -> ModuleType:
    name = "urbankg_bench_generate"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, HERE / "generate.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


# ---- measuring ----------------------------------------------------------------------------------
@dataclass
class Clock:
    """Wall and CPU seconds (this process and its waited-for children) of a block."""

    wall: float = 0.0
    cpu: float = 0.0
    _t: tuple[float, float] = field(default=(0.0, 0.0), repr=False)

    def __enter__(self) -> Clock:
        gc.collect()
        self._t = (time.perf_counter(), _cpu())
        return self

    def __exit__(self, *_exc: object) -> None:
        self.wall = time.perf_counter() - self._t[0]
        self.cpu = _cpu() - self._t[1]


def _cpu() -> float:
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def median(values: Sequence[float]) -> float:
    return statistics.median(values) if values else float("nan")


def rss_mb() -> float:
    """Peak resident memory (MB) of this process since it started (``VmHWM``).

    Not ``getrusage``: Linux keeps ``ru_maxrss`` across fork and exec, so a spawned child
    would report its parent's size when that is larger than its own.
    """
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def dir_mb(path: Path) -> float:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file()) / 2**20


def r3(x: float) -> float:
    return round(x, 3)


class Timers:
    """Accumulated wall time of patched functions (to see where the time goes)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self.calls: Counter[str] = Counter()
        self._undo: list[tuple[Any, str, Any]] = []

    def add(self, label: str, seconds: float) -> None:
        self.seconds[label] = self.seconds.get(label, 0.0) + seconds
        self.calls[label] += 1

    def patch(self, owner: Any, name: str, label: str | Callable[..., str]) -> None:
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Any:
            t0 = time.perf_counter()
            try:
                return original(*args, **kwargs)
            finally:
                what = label(*args, **kwargs) if callable(label) else label
                self.add(what, time.perf_counter() - t0)

        self._undo.append((owner, name, original))
        setattr(owner, name, timed)

    def patch_generator(self, owner: Any, name: str, label: str) -> None:
        """Time every ``next()`` of the generator a function returns."""
        original = getattr(owner, name)

        def timed(*args: Any, **kwargs: Any) -> Iterator[Any]:
            it = iter(original(*args, **kwargs))
            while True:
                t0 = time.perf_counter()
                try:
                    item = next(it)
                except StopIteration:
                    self.add(label, time.perf_counter() - t0)
                    return
                self.add(label, time.perf_counter() - t0)
                yield item

        self._undo.append((owner, name, original))
        setattr(owner, name, timed)

    def restore(self) -> None:
        for owner, name, original in reversed(self._undo):
            setattr(owner, name, original)
        self._undo.clear()

    def as_dict(self) -> dict[str, dict[str, float]]:
        return {
            k: {"seconds": r3(v), "calls": self.calls[k]}
            for k, v in sorted(self.seconds.items(), key=lambda kv: -kv[1])
        }


@contextmanager
def patched(owner: Any, name: str, value: Any) -> Iterator[None]:
    original = getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, original)


@contextmanager
def load_timers() -> Iterator[Timers]:
    """Time the phases of ``load_sources``: ontology, staging, commit and its parts."""
    t = Timers()

    def commit_label(_self: Any, staged: Any, **_kw: Any) -> str:
        return "commit: ontology graph" if ONTOLOGY_GRAPH in staged else "commit: data graph"

    t.patch(load_mod, "ensure_ontology", "ensure_ontology (total)")
    t.patch(load_mod, "stage_all", "stage: parse into staging store")
    if hasattr(load_mod, "_load_unvalidated"):
        t.patch(load_mod, "_load_unvalidated", "unvalidated load (total: syntax pass + commit)")
    t.patch(OxigraphStore, "replace_graphs", commit_label)
    t.patch(OxigraphStore, "_begin_load", "commit: provenance start")
    t.patch(OxigraphStore, "_end_load", "commit: provenance end (counts the graph)")
    try:
        yield t
    finally:
        t.restore()


@contextmanager
def validation_timers() -> Iterator[Timers]:
    """Time the main-process side of ``validate_quads``: grouping subjects, building context."""
    t = Timers()
    t.patch_generator(validate_mod, "iter_subject_groups", "main: group subjects into chunks")
    t.patch(Context, "chunk", "main: add context, serialise chunk")
    t.patch(validate_mod, "run_chunks", "run_chunks (wall, incl. the above)")
    try:
        yield t
    finally:
        t.restore()


# ---- the proposed fixes, applied by monkeypatching (what-if runs) -------------------------------
_FIXES_INSTALLED: list[tuple[Any, str, Any]] = []


def install_pyshacl_fixes() -> None:
    """In this process: cache parsed SPARQL queries; drop ``allow_warnings``/``allow_infos``.

    pyshacl runs each ``sh:sparql`` constraint once per focus node with the same text and
    ``$this`` bound, and rdflib parses the text again every time (pyparsing, ~25 ms). Caching
    the parsed and translated query per text is what ``rdflib.plugins.sparql.prepareQuery``
    does for users. ``allow_warnings=True`` makes pyshacl treat a nested shape whose
    constraints have severity Warning as conforming, so every ``sh:not`` rule over such a
    helper (recommended.ttl) fires for every focus node.
    """
    if _FIXES_INSTALLED:
        return
    import pyshacl
    import rdflib.plugins.sparql.processor as proc
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.evaluate import evalQuery
    from rdflib.plugins.sparql.parser import parseQuery

    @lru_cache(maxsize=512)
    def prepared(text: str, base: str | None, ns: tuple[tuple[str, Any], ...]) -> Any:
        return translateQuery(parseQuery(text), base, dict(ns) or None)

    def query(
        self: Any,
        strOrQuery: Any,  # noqa: N803 - rdflib's name
        initBindings: Any = None,  # noqa: N803
        initNs: Any = None,  # noqa: N803
        base: str | None = None,
        DEBUG: bool = False,  # noqa: N803
    ) -> Any:
        query_object = strOrQuery
        if isinstance(query_object, str):
            query_object = prepared(query_object, base, tuple(sorted((initNs or {}).items())))
        return evalQuery(self.graph, query_object, initBindings, base)

    original_validate = pyshacl.validate

    def validate(*args: Any, **kwargs: Any) -> Any:
        kwargs.pop("allow_warnings", None)
        kwargs.pop("allow_infos", None)
        return original_validate(*args, **kwargs)

    _FIXES_INSTALLED.append((proc.SPARQLProcessor, "query", proc.SPARQLProcessor.query))
    _FIXES_INSTALLED.append((pyshacl, "validate", original_validate))
    proc.SPARQLProcessor.query = query  # type: ignore[method-assign]
    pyshacl.validate = validate


def uninstall_pyshacl_fixes() -> None:
    while _FIXES_INSTALLED:
        owner, name, original = _FIXES_INSTALLED.pop()
        setattr(owner, name, original)


def whatif_init_worker() -> None:
    install_pyshacl_fixes()
    validate_mod.shapes_graph()
    validate_mod.inverse_predicates()


def whatif_validate_chunk(nt: bytes, focus: Sequence[str]) -> list[Any]:
    install_pyshacl_fixes()
    return list(validate_chunk(nt, focus))


_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"


@lru_cache(maxsize=1)
def value_predicates() -> frozenset[str]:
    """The predicates the shapes read on nodes other than the focus node (derived from them).

    These are the steps after the first of a sequence path, and every path of a shape that is
    applied to value nodes (``sh:node``, ``sh:qualifiedValueShape`` and the members of
    ``sh:or``/``sh:and``/``sh:xone``/``sh:not`` on a property shape, with their own
    ``sh:property`` shapes). ``rdf:type`` (for ``sh:class``) is always added. For the shapes
    of ``shapes/`` that is rdf:type, skos:inScheme, skos:broader, skos:topConceptOf and
    prov:agent: no other predicate of a referenced node matters to validation.
    """
    from rdflib import BNode, URIRef
    from rdflib.collection import Collection
    from rdflib.namespace import RDF, SH

    g = validate_mod.shapes_graph()
    path_keys = (SH.inversePath, SH.alternativePath, SH.zeroOrMorePath, SH.oneOrMorePath)

    def path_predicates(path: Any) -> set[str]:
        if isinstance(path, URIRef):
            return {str(path)}
        out: set[str] = set()
        if isinstance(path, BNode):
            if (path, RDF.first, None) in g:
                for item in Collection(g, path):
                    out |= path_predicates(item)
            for key in (*path_keys, SH.zeroOrOnePath):
                for o in g.objects(path, key):
                    out |= path_predicates(o)
        return out

    def later_steps(path: Any) -> set[str]:
        """Predicates a path reads after its first step."""
        out: set[str] = set()
        if isinstance(path, BNode) and (path, RDF.first, None) in g:
            items = list(Collection(g, path))
            for item in items[1:]:
                out |= path_predicates(item)
            if items:
                out |= later_steps(items[0])
        elif isinstance(path, BNode):
            for key in (SH.zeroOrMorePath, SH.oneOrMorePath):
                for o in g.objects(path, key):
                    out |= path_predicates(o)
        return out

    def members(shape: Any) -> list[Any]:
        """The shapes ``shape`` applies to the same node as itself."""
        out = [o for key in (SH.node, SH["not"]) for o in g.objects(shape, key)]
        for key in (SH["or"], SH["and"], SH.xone):
            for lst in g.objects(shape, key):
                out.extend(Collection(g, lst))
        return out

    def on_values(shape: Any, seen: set[Any]) -> set[str]:
        """Every predicate a shape applied to a value node reads on that node and beyond."""
        if shape in seen:
            return set()
        seen.add(shape)
        out: set[str] = set()
        for path in g.objects(shape, SH.path):
            out |= path_predicates(path)
        for o in [*members(shape), *g.objects(shape, SH.property)]:
            out |= on_values(o, seen)
        for o in g.objects(shape, SH.qualifiedValueShape):
            out |= on_values(o, seen)
        return out

    def on_focus(shape: Any, seen: set[Any]) -> set[str]:
        """What a shape applied to a focus node reads on nodes other than the focus node."""
        if shape in seen:
            return set()
        seen.add(shape)
        out: set[str] = set()
        paths = list(g.objects(shape, SH.path))
        for path in paths:
            out |= later_steps(path)
        if paths:  # a property shape: what it applies to its values
            for o in [*members(shape), *g.objects(shape, SH.qualifiedValueShape)]:
                out |= on_values(o, set())
        else:  # a node shape: its members and property shapes start at the same node
            for o in [*members(shape), *g.objects(shape, SH.property)]:
                out |= on_focus(o, seen)
        return out

    found = {_RDF + "type"}
    shapes = set(g.subjects(SH.path, None)) | set(g.subjects(RDF.type, SH.NodeShape))
    for shape in shapes:
        found |= on_focus(shape, set())
    return frozenset(found)


def fast_chunk(self: Context, triples: list[ox.Triple]) -> tuple[bytes, list[str]]:
    """``Context.chunk`` as proposed.

    Only the predicates shapes read on referenced nodes (:func:`value_predicates`), looked up
    with one pattern per node and store instead of one per predicate; and the types of the
    nodes that point at the chunk through an inverse path.
    """
    wanted = {ox.NamedNode(p) for p in value_predicates()}
    subjects = {t.subject for t in triples}
    out: set[ox.Triple] = set(triples)
    pending = [t.object for t in triples if isinstance(t.object, ox.BlankNode)]
    seen_b: set[ox.BlankNode] = set()
    while pending:
        b = pending.pop()
        if b in seen_b or b in subjects:
            continue
        seen_b.add(b)
        for t in self._match(b, None, None):
            out.add(t)
            if isinstance(t.object, ox.BlankNode):
                pending.append(t.object)
    refs = {
        t.object for t in triples if isinstance(t.object, ox.NamedNode) and t.object not in subjects
    }
    for s in subjects:
        for p in self.inverse:
            for t in self._match(None, p, s):
                out.add(t)
                if isinstance(t.subject, ox.NamedNode) and t.subject not in subjects:
                    refs.add(t.subject)
    frontier: set[ox.NamedNode] = refs
    visited: set[ox.NamedNode] = set()
    for _depth in range(validate_mod.CONTEXT_DEPTH):
        nxt: set[ox.NamedNode] = set()
        for r in frontier - visited:
            visited.add(r)
            for t in self._match(r, None, None):
                if t.predicate in wanted:
                    out.add(t)
                    if isinstance(t.object, ox.NamedNode) and t.object not in subjects:
                        nxt.add(t.object)
        frontier = nxt
    nt = ox.serialize(out, format=ox.RdfFormat.N_TRIPLES) or b""
    focus = [s.value for s in subjects if isinstance(s, ox.NamedNode)]
    return nt + validate_mod._hierarchy_nt(), focus


def single_pass_groups(
    store: ox.Store, graphs: Sequence[ox.NamedNode | ox.DefaultGraph] | None = None
) -> Iterator[list[ox.Triple]]:
    """``iter_subject_groups`` in one pass.

    A graph's quads come grouped by subject, so a subject's triples are the quads that follow
    it; a second lookup is only needed for the other graphs when several are validated.
    """
    chunk: list[ox.Triple] = []
    targets: Sequence[ox.NamedNode | ox.DefaultGraph | None] = graphs or [None]
    several = graphs is not None and len(graphs) > 1
    seen: set[Any] = set()
    for g in targets:
        current: Any = None
        skip = False
        for q in store.quads_for_pattern(None, None, None, g):
            s = q.subject
            if s != current:
                current = s
                skip = isinstance(s, ox.BlankNode) or (several and s in seen)
                if skip:
                    continue
                if len(chunk) >= validate_mod.CHUNK_TRIPLES:
                    yield chunk
                    chunk = []
                if several:
                    seen.add(s)
                    for g2 in graphs or []:
                        if g2 != g:
                            chunk.extend(
                                q2.triple for q2 in store.quads_for_pattern(s, None, None, g2)
                            )
            if not skip:
                chunk.append(q.triple)
    if chunk:
        yield chunk


@contextmanager
def validation_fixes(on_disk: Sequence[ox.Store] = ()) -> Iterator[None]:
    """Validation with the proposed fixes (main process and spawned workers).

    The single-pass grouping is only used on ``on_disk`` stores, whose quads come sorted by
    graph and subject; an in-memory store gives them in insertion order.
    """
    original = validate_mod.iter_subject_groups
    sorted_stores = {id(s) for s in on_disk}

    def groups(
        store: ox.Store, graphs: Sequence[ox.NamedNode | ox.DefaultGraph] | None = None
    ) -> Iterator[list[ox.Triple]]:
        if id(store) in sorted_stores:
            return single_pass_groups(store, graphs)
        return cast(Iterator[list[ox.Triple]], original(store, graphs))

    with (
        patched(Context, "chunk", fast_chunk),
        patched(validate_mod, "iter_subject_groups", groups),
        patched(validate_mod, "_init_worker", whatif_init_worker),
        patched(validate_mod, "validate_chunk", whatif_validate_chunk),
    ):
        try:
            yield
        finally:
            uninstall_pyshacl_fixes()


def _end_load_counted(store: OxigraphStore, graph: str, activity: ox.NamedNode, count: int) -> None:
    """The end of a load's provenance record, with a count known beforehand."""
    xsd = "http://www.w3.org/2001/XMLSchema#"
    ukg = "https://w3id.org/urbankg/def#"
    g = ox.NamedNode(graph)
    sys_graph = ox.NamedNode(store.system_graph)
    ts = ox.Literal(datetime.now(UTC).isoformat(), datatype=ox.NamedNode(xsd + "dateTime"))
    store.raw.extend(
        [
            ox.Quad(activity, ox.NamedNode("http://www.w3.org/ns/prov#endedAtTime"), ts, sys_graph),
            ox.Quad(
                g,
                ox.NamedNode(ukg + "tripleCount"),
                ox.Literal(str(count), datatype=ox.NamedNode(xsd + "integer")),
                sys_graph,
            ),
            ox.Quad(g, ox.NamedNode("http://purl.org/dc/terms/modified"), ts, sys_graph),
        ]
    )


def _end_load_sparql_count(
    self: OxigraphStore, graph: str, activity: ox.NamedNode, count: int | None = None
) -> None:
    """``_end_load`` with the triple count done by Oxigraph (COUNT) instead of in Python
    (when the caller does not know it)."""
    if count is not None:
        _end_load_counted(self, graph, activity, count)
        return
    result = self.raw.query(
        "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g",
        substitutions={ox.Variable("g"): ox.NamedNode(graph)},
    )
    assert isinstance(result, ox.QuerySolutions)
    count = int(next(iter(result))["n"].value)
    _end_load_counted(self, graph, activity, count)


def fast_load_unvalidated(
    store: OxigraphStore, paths: Sequence[Path], names: Sequence[str] | None, t0: float
) -> Any:
    """``load._load_unvalidated`` as proposed: one syntax pass that also counts (plain
    ``ox.parse``, no re-wrapped quads), then Oxigraph's own ``bulk_load`` of the file into the
    cleared graph, and the count of the first pass in the provenance record."""
    from urbankg.graph.errors import InputError
    from urbankg.graph.importers import _check_text_file, _syntax_error, rdf_format, source_name

    targets: list[tuple[Path, str, ox.RdfFormat, int]] = []
    reserved = load_mod.reserved_graphs(store)
    for i, path in enumerate(paths):
        path = Path(path)
        graph = store.graph_iri(names[i] if names else source_name(path))
        if graph in reserved or graph in {t[1] for t in targets}:
            raise InputError(f"graph <{graph}> is reserved or written twice", file=str(path))
        fmt = rdf_format(path)
        _check_text_file(path)
        try:
            count = sum(1 for _ in ox.parse(path=str(path), format=fmt))
        except SyntaxError as exc:
            raise _syntax_error(path, exc) from None
        if count == 0:
            raise InputError("no triples in file", file=path.name)
        targets.append((path, graph, fmt, count))
    load_mod.ensure_ontology(store)
    raw = store.raw
    for path, graph, fmt, count in targets:
        node = ox.NamedNode(graph)
        activity = store._begin_load(graph, path.name, datetime.now(UTC))
        if raw.contains_named_graph(node):
            raw.clear_graph(node)
        raw.bulk_load(path=str(path), format=fmt, to_graph=node)
        _end_load_counted(store, graph, activity, count)
        raw.flush()
    return load_mod.LoadResult(
        [t[1] for t in targets], sum(t[3] for t in targets), Report(), time.perf_counter() - t0
    )


@contextmanager
def load_fixes() -> Iterator[None]:
    """Loads with the proposed fixes.

    Trusted RDF files (``validate=False``): a syntax pass that counts, then ``bulk_load``.
    Staged loads: bulk commit from 10k triples, COUNT in Oxigraph, staging in memory up to
    1 GiB of input.
    """
    with (
        patched(load_mod, "BULK_THRESHOLD", 10_000),
        patched(OxigraphStore, "_end_load", _end_load_sparql_count),
        patched(importers_mod, "ON_DISK_STAGING_BYTES", 1024 * 1024 * 1024),
        patched(load_mod, "_load_unvalidated", fast_load_unvalidated),
    ):
        yield


# ---- data sets ----------------------------------------------------------------------------------
def generator_hash() -> str:
    return hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:16]


def dataset(triples: int, seed: int) -> tuple[Path, dict[str, Any]]:
    """The N-Triples file of a size: generated once, remade when the generator changes."""
    path = gen.default_path(triples, seed, "nt")
    meta = path.with_suffix(".json")
    digest = generator_hash()
    if path.exists() and meta.exists():
        info = json.loads(meta.read_text())
        if info.get("generator") == digest:
            return path, info
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    stats = gen.generate(triples, seed, tmp, "nt")
    tmp.replace(path)  # atomic: others may be reading the old file
    info = {**stats.as_dict(), "path": str(path), "generator": digest}
    meta.write_text(json.dumps(info, indent=2))
    return path, info


def batch_files(base: int, seed: int, projects: int) -> dict[str, tuple[Path, dict[str, Any]]]:
    out = {}
    for fmt in ("nt", "csv"):
        path = gen.default_path(base, seed, fmt, batch=projects)
        if fmt == "csv" and path.exists():
            shutil.rmtree(path)
        stats = gen.generate_batch(base, seed, projects, path, fmt)
        out[fmt] = (path, stats.as_dict())
    return out


# ---- load ---------------------------------------------------------------------------------------
def load_ours(path: Path, store_dir: Path) -> tuple[Clock, dict[str, Any], OxigraphStore]:
    shutil.rmtree(store_dir, ignore_errors=True)
    store = open_store(store_dir)
    with load_timers() as timers, Clock() as clock:
        result = load_sources(store, [path], names=[GRAPH_NAME], validate=False)
    return clock, {"triples": result.triples, "phases": timers.as_dict()}, store


def load_peer(path: Path, store_dir: Path) -> Clock:
    shutil.rmtree(store_dir, ignore_errors=True)
    with Clock() as clock:
        store = ox.Store(str(store_dir))
        store.bulk_load(
            path=str(path),
            format=ox.RdfFormat.N_TRIPLES,
            to_graph=ox.NamedNode(f"{gen.BASE}graph/{GRAPH_NAME}"),
        )
        store.flush()
        del store
    shutil.rmtree(store_dir, ignore_errors=True)
    return clock


def bench_load(
    path: Path, label: str, triples: int, repeat: int, work: Path, what_if: bool
) -> tuple[dict[str, Any], OxigraphStore]:
    """Ours and bulk_load, alternately; the store of ours' last run is kept for what follows."""
    ours: list[Clock] = []
    peer: list[Clock] = []
    fixed: list[Clock] = []
    phases: dict[str, Any] = {}
    fixed_phases: dict[str, Any] = {}
    store: OxigraphStore | None = None
    for i in range(repeat):
        peer.append(load_peer(path, work / f"peer-{label}"))
        if what_if:
            with load_fixes():
                c, detail, s = load_ours(path, work / f"fixed-{label}")
            s.close()
            shutil.rmtree(work / f"fixed-{label}", ignore_errors=True)
            fixed.append(c)
            fixed_phases = detail["phases"]
        if store is not None:
            store.close()
        c, detail, store = load_ours(path, work / f"ours-{label}")
        ours.append(c)
        phases = detail["phases"]
        print(
            f"  load run {i + 1}: urbankg {c.wall:.2f} s, bulk_load {peer[-1].wall:.2f} s"
            + (f", urbankg with fixes {fixed[-1].wall:.2f} s" if fixed else "")
        )
    assert store is not None
    wall = median([c.wall for c in ours])
    peer_wall = median([c.wall for c in peer])
    row: dict[str, Any] = {
        "size": label,
        "triples": triples,
        "ours_s": r3(wall),
        "ours_cpu_s": r3(median([c.cpu for c in ours])),
        "bulk_load_s": r3(peer_wall),
        "bulk_load_cpu_s": r3(median([c.cpu for c in peer])),
        "ours_triples_per_s": round(triples / wall),
        "bulk_load_triples_per_s": round(triples / peer_wall),
        "ratio": r3(peer_wall / wall),
        "runs_ours": [r3(c.wall) for c in ours],
        "runs_bulk_load": [r3(c.wall) for c in peer],
        "store_mb": round(dir_mb(work / f"ours-{label}"), 1),
        "phases": phases,
    }
    if fixed:
        fixed_wall = median([c.wall for c in fixed])
        row["what_if"] = {
            "ours_s": r3(fixed_wall),
            "ratio": r3(peer_wall / fixed_wall),
            "runs": [r3(c.wall) for c in fixed],
            "phases": fixed_phases,
        }
    return row, store


# ---- pyshacl baseline (in a child process: its own memory) --------------------------------------
def _pyshacl_child(path: str, conn: Connection) -> None:
    import pyshacl
    from rdflib import Graph
    from rdflib.namespace import RDF, SH

    t0 = time.perf_counter()
    data = Graph()
    data.parse(path, format="nt")
    for f in ontology_files():
        data.parse(data=f.read_text(encoding="utf-8"), format="turtle")
    shapes = Graph()
    for f in shapes_files():
        shapes.parse(data=f.read_text(encoding="utf-8"), format="turtle")
    t1 = time.perf_counter()
    cpu1 = time.process_time()
    _conforms, results, _text = pyshacl.validate(data, shacl_graph=shapes, inference="none")
    t2 = time.perf_counter()
    focus: dict[str, list[str]] = {}
    for r in results.subjects(RDF.type, SH.ValidationResult):
        sev = str(results.value(r, SH.resultSeverity)).rsplit("#", 1)[-1]
        shape = str(results.value(r, SH.sourceShape)).rsplit("#", 1)[-1]
        focus.setdefault(f"{sev} {shape}", []).append(str(results.value(r, SH.focusNode)))
    conn.send(
        {
            "parse_s": t1 - t0,
            "validate_s": t2 - t1,
            "validate_cpu_s": time.process_time() - cpu1,
            "triples": len(data),
            "focus": focus,
            "peak_rss_mb": rss_mb(),
        }
    )
    conn.close()


def pyshacl_baseline(path: Path) -> dict[str, Any]:
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_pyshacl_child, args=(str(path), child))
    proc.start()
    child.close()
    result: dict[str, Any] = parent.recv()
    proc.join()
    return result


# ---- validation ---------------------------------------------------------------------------------
def findings_by_key(report: Report) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for f in report.findings:
        out.setdefault(f"{f.severity} {f.shape.rsplit('#', 1)[-1]}", set()).add(f.focus)
    return out


def agreement(ours: Report, peer: dict[str, Any]) -> dict[str, Any]:
    """Findings by (severity, shape) that differ from pyshacl's, with a few focus nodes."""
    mine = findings_by_key(ours)
    theirs = {k: set(v) for k, v in peer["focus"].items()}
    diff = {}
    for key in sorted(set(mine) | set(theirs)):
        a, b = mine.get(key, set()), theirs.get(key, set())
        if a != b:
            diff[key] = {
                "ours": len(a),
                "pyshacl": len(b),
                "only_ours": sorted(a - b)[:3],
                "only_pyshacl": sorted(b - a)[:3],
            }
    return {"same": not diff, "differences": diff}


def validate_ours(store: OxigraphStore, workers: int) -> tuple[Clock, Report, dict[str, Any]]:
    with validation_timers() as timers, Clock() as clock:
        report = validate_store(store, workers=workers)
    return clock, report, timers.as_dict()


def bench_validate(
    store: OxigraphStore,
    path: Path,
    label: str,
    triples: int,
    args: argparse.Namespace,
    current: bool,
    what_if: bool,
    pyshacl: bool,
) -> dict[str, Any]:
    row: dict[str, Any] = {"size": label, "triples": triples}
    reports: dict[str, Report] = {}
    if current:
        clock, report, phases = validate_ours(store, args.workers)
        reports["ours"] = report
        row.update(
            {
                "ours_s": r3(clock.wall),
                "ours_cpu_s": r3(clock.cpu),
                "ours_violations": len(report.violations),
                "ours_warnings": len(report.warnings),
                "ours_peak_rss_mb_main_process": round(rss_mb()),
                "ours_phases": phases,
            }
        )
        print(
            f"  validate_store: {clock.wall:.1f} s, {len(report.violations)} violations, "
            f"{len(report.warnings)} warnings"
        )
    if what_if:
        with validation_fixes(on_disk=[store.raw]):
            clock, report, phases = validate_ours(store, args.workers)
        reports["what_if"] = report
        row["what_if"] = {
            "ours_s": r3(clock.wall),
            "ours_cpu_s": r3(clock.cpu),
            "violations": len(report.violations),
            "warnings": len(report.warnings),
            "phases": phases,
        }
        print(
            f"  validate_store with fixes: {clock.wall:.1f} s, {len(report.violations)} "
            f"violations, {len(report.warnings)} warnings"
        )
    if pyshacl:
        peer = pyshacl_baseline(path)
        row.update(
            {
                "pyshacl_parse_s": r3(peer["parse_s"]),
                "pyshacl_validate_s": r3(peer["validate_s"]),
                "pyshacl_validate_cpu_s": r3(peer["validate_cpu_s"]),
                "pyshacl_peak_rss_mb": round(peer["peak_rss_mb"]),
                "pyshacl_violations": sum(
                    len(v) for k, v in peer["focus"].items() if k.startswith("Violation")
                ),
                "pyshacl_warnings": sum(
                    len(v) for k, v in peer["focus"].items() if k.startswith("Warning")
                ),
            }
        )
        if "ours" in reports:
            row["ratio"] = r3(peer["validate_s"] / row["ours_s"])
            row["agreement"] = agreement(reports["ours"], peer)
        if "what_if" in reports:
            row["what_if"]["ratio"] = r3(peer["validate_s"] / row["what_if"]["ours_s"])
            row["what_if"]["agreement"] = agreement(reports["what_if"], peer)
        same = [f"urbankg {row['agreement']['same']}"] if "agreement" in row else []
        if "agreement" in row.get("what_if", {}):
            same.append(f"with fixes {row['what_if']['agreement']['same']}")
        print(
            f"  pyshacl: parse {peer['parse_s']:.1f} s + validate {peer['validate_s']:.1f} s; "
            f"same findings: {', '.join(same)}"
        )
    return row


# ---- batch --------------------------------------------------------------------------------------
def bench_batch(
    store: OxigraphStore, base: int, args: argparse.Namespace, whole: dict[str, Any]
) -> list[dict[str, Any]]:
    label = gen.size_label(base)
    files = batch_files(base, args.seed, args.batch_projects)
    rows = []
    variants = [("current", False)] + ([("what-if", True)] if "what-if" in args.parts else [])
    for fmt, (path, info) in files.items():
        for variant, fixes in variants:
            stage_t, valid_t, total_t = [], [], []
            report = Report()
            with validation_fixes() if fixes else nullcontext():
                for _ in range(args.repeat):
                    gc.collect()
                    t0 = time.perf_counter()
                    staged = stage_all(store, [path])
                    t1 = time.perf_counter()
                    try:
                        report = validate_staged(store, staged, workers=args.workers)
                    finally:
                        for s in staged:
                            s.close()
                    t2 = time.perf_counter()
                    stage_t.append(t1 - t0)
                    valid_t.append(t2 - t1)
                    total_t.append(t2 - t0)
                # The whole write: validate and commit, then undo it.
                t0 = time.perf_counter()
                loaded = load_sources(store, [path], names=["bench-batch"], workers=args.workers)
                load_s = time.perf_counter() - t0
                store.drop_graph(store.graph_iri("bench-batch"))
            whole_s = whole["ours_s"] if variant == "current" else whole["what_if"]["ours_s"]
            rows.append(
                {
                    "base": label,
                    "variant": variant,
                    "format": fmt,
                    "projects": info["projects"],
                    "participations": info["participations"],
                    "rows": info["projects"]
                    + info["participations"]
                    + info["grants"]
                    + info["budgets"],
                    "triples": info["triples"],
                    "stage_s": r3(median(stage_t)),
                    "validate_s": r3(median(valid_t)),
                    "stage_and_validate_s": r3(median(total_t)),
                    "violations": len(report.violations),
                    "warnings": len(report.warnings),
                    "load_with_commit_s": r3(load_s),
                    "loaded_triples": loaded.triples,
                    "whole_store_validation_s": whole_s,
                    "ratio": round(whole_s / median(total_t), 1),
                }
            )
            print(
                f"  batch {fmt} {variant} ({info['projects']} projects, {info['triples']} "
                f"triples) vs {label} store: {median(total_t):.2f} s; whole store {whole_s:.1f} s"
            )
    return rows


# ---- stats --------------------------------------------------------------------------------------
def stats_queries(store: OxigraphStore) -> list[str]:
    """The named queries ``compute_stats`` runs (recorded, so the peer runs the same)."""
    names: list[str] = []
    original = OxigraphStore.select_named

    def record(self: OxigraphStore, name: str, bindings: Any = None) -> Any:
        names.append(name)
        return original(self, name, bindings)

    with patched(OxigraphStore, "select_named", record):
        compute_stats(store)
    return names


def stats_peer(raw: ox.Store, names: Sequence[str]) -> dict[str, int]:
    """The queries of ``compute_stats`` run directly on pyoxigraph (rows per query)."""
    out = {"triples": len(raw), "graphs": sum(1 for _ in raw.named_graphs())}
    for name in names:
        result = raw.query(query_text(name), prefixes=PREFIXES, use_default_graph_as_union=True)
        assert isinstance(result, ox.QuerySolutions)
        out[name] = sum(1 for _ in result)
    return out


def timed(fn: Callable[[], Any], repeat: int) -> tuple[float, list[float], Any]:
    times = []
    value = None
    for _ in range(repeat):
        gc.collect()
        t0 = time.perf_counter()
        value = fn()
        times.append(time.perf_counter() - t0)
    return median(times), times, value


def bench_stats(store: OxigraphStore, size: int, args: argparse.Namespace) -> dict[str, Any]:
    label = gen.size_label(size)
    repeat = max(3, args.repeat)
    names = stats_queries(store)
    ours, ours_runs, _stats = timed(lambda: compute_stats(store), repeat)
    raw, raw_runs, raw_counts = timed(lambda: stats_peer(store.raw, names), repeat)
    per_query = {}
    for name in names:
        text = query_text(name)

        def direct(text: str = text) -> int:
            result = store.raw.query(text, prefixes=PREFIXES, use_default_graph_as_union=True)
            assert isinstance(result, ox.QuerySolutions)
            return sum(1 for _ in result)

        q, _r, rows_direct = timed(direct, repeat)
        o, _r, rows_ours = timed(partial(store.select_named, name), repeat)
        per_query[name] = {
            "ours_s": r3(o),
            "pyoxigraph_s": r3(q),
            "same_rows": len(rows_ours) == rows_direct == raw_counts[name],
        }
    mem = ox.Store()
    mem.bulk_load(
        path=str(gen.default_path(size, args.seed, "nt")),
        format=ox.RdfFormat.N_TRIPLES,
        to_graph=ox.NamedNode(f"{gen.BASE}graph/{GRAPH_NAME}"),
    )
    mem.bulk_extend(
        ox.Quad(q.subject, q.predicate, q.object, ox.NamedNode(ONTOLOGY_GRAPH))
        for q in vocab_store().quads_for_pattern(None, None, None, None)
    )
    mem_s, mem_runs, _v = timed(lambda: stats_peer(mem, names), repeat)
    print(
        f"  stats at {label}: urbankg {ours:.2f} s, pyoxigraph on disk {raw:.2f} s, "
        f"in memory {mem_s:.2f} s"
    )
    return {
        "size": label,
        "queries": names,
        "ours_s": r3(ours),
        "pyoxigraph_disk_s": r3(raw),
        "pyoxigraph_memory_s": r3(mem_s),
        "ratio": r3(ours / raw),
        "runs_ours": [r3(x) for x in ours_runs],
        "runs_pyoxigraph_disk": [r3(x) for x in raw_runs],
        "runs_pyoxigraph_memory": [r3(x) for x in mem_runs],
        "same_rows": all(v["same_rows"] for v in per_query.values()),
        "per_query": per_query,
    }


# ---- phases of one chunk ------------------------------------------------------------------------
def _first_chunk(store: OxigraphStore) -> tuple[list[ox.Triple], bytes, list[str]]:
    graphs = [ox.NamedNode(g) for g in store.data_graph_iris()]
    ctx = Context([store.raw, vocab_store()])
    first = next(iter(iter_subject_groups(store.raw, graphs)))
    nt, focus = ctx.chunk(first)
    return first, nt, focus


def chunk_profile(store: OxigraphStore, limit: int) -> dict[str, Any]:
    """Every chunk of ``validate_store`` built in process (current code and with the fixes),
    and the first one validated: each part timed."""
    graphs = [ox.NamedNode(g) for g in store.data_graph_iris()]
    parts: dict[str, Any] = {}
    first: dict[str, tuple[bytes, list[str]]] = {}
    for variant, group, chunk in (
        ("current", iter_subject_groups, Context.chunk),
        ("with fixes", single_pass_groups, fast_chunk),
    ):
        ctx = Context([store.raw, vocab_store()])
        t_group = t_ctx = 0.0
        sizes: list[int] = []
        with_context: list[int] = []
        it = iter(group(store.raw, graphs))
        while True:
            t0 = time.perf_counter()
            triples = next(it, None)
            t1 = time.perf_counter()
            t_group += t1 - t0
            if triples is None or len(sizes) >= limit:
                break
            nt, focus = chunk(ctx, triples)
            t_ctx += time.perf_counter() - t1
            sizes.append(len(triples))
            with_context.append(nt.count(b"\n"))
            first.setdefault(variant, (nt, focus))
        parts[variant] = {
            "chunks": len(sizes),
            "triples": sum(sizes),
            "triples_with_context": sum(with_context),
            "group_subjects_s": r3(t_group),
            "context_and_serialise_s": r3(t_ctx),
        }
    validate_mod.shapes_graph()
    with Clock() as c_now:
        findings = validate_chunk(*first["current"])
    install_pyshacl_fixes()
    try:
        with Clock() as c_fixed:
            fixed = validate_chunk(*first["with fixes"])
    finally:
        uninstall_pyshacl_fixes()
    parts["current"].update(
        {"first_chunk_validate_s": r3(c_now.wall), "first_chunk_findings": len(findings)}
    )
    parts["with fixes"].update(
        {"first_chunk_validate_s": r3(c_fixed.wall), "first_chunk_findings": len(fixed)}
    )
    return parts


def _worker_start_child(conn: Connection) -> None:
    validate_mod._init_worker()
    import pyshacl  # noqa: F401

    conn.send(True)
    conn.close()


def worker_start() -> float:
    """Seconds a spawned validation worker needs before its first chunk (imports, shapes)."""
    ctx = mp.get_context("spawn")
    parent, child = ctx.Pipe(duplex=False)
    t0 = time.perf_counter()
    proc = ctx.Process(target=_worker_start_child, args=(child,))
    proc.start()
    child.close()
    parent.recv()
    proc.join()
    return r3(time.perf_counter() - t0)


def shacl_profile(store: OxigraphStore, fixes: bool, top: int = 14) -> list[dict[str, Any]]:
    """cProfile of ``validate_chunk`` on the first chunk: the functions with most time."""
    import cProfile
    import pstats

    _first, nt, focus = _first_chunk(store)
    validate_mod.shapes_graph()
    if fixes:
        install_pyshacl_fixes()
    prof = cProfile.Profile()
    try:
        prof.enable()
        validate_chunk(nt, focus)
        prof.disable()
    finally:
        uninstall_pyshacl_fixes()
    stats = pstats.Stats(prof)
    rows = []
    for (file, line, func), (_cc, nc, tt, ct, _callers) in stats.stats.items():  # type: ignore[attr-defined]
        where = f"{Path(file).parent.name}/{Path(file).name}:{line}:{func}"
        rows.append({"function": where, "calls": nc, "tottime": r3(tt), "cumtime": r3(ct)})
    rows.sort(key=lambda r: -r["cumtime"])
    return rows[:top]


# ---- the run ------------------------------------------------------------------------------------
def machine() -> dict[str, Any]:
    import pyshacl
    import rdflib

    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpus": os.cpu_count(),
        "platform": platform.platform(),
        "python": platform.python_version(),
        "pyoxigraph": ox.__version__,
        "pyshacl": pyshacl.__version__,
        "rdflib": rdflib.__version__,
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "load_average_at_start": [round(x, 2) for x in os.getloadavg()],
        "code": code_state(),
    }


def code_state() -> dict[str, str]:
    """The commit, and a digest of the files the figures depend on (the tree may be dirty)."""
    import subprocess

    root = HERE.parent
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=root,
            capture_output=True,
            text=True,
            check=False,
        ).stdout.strip()
    except OSError:
        head = ""
    digest = hashlib.sha256()
    for folder, pattern in (
        ("shapes", "*.ttl"),
        ("ontology", "*.ttl"),
        ("src/urbankg/graph", "**/*.py"),
    ):
        for f in sorted((root / folder).glob(pattern)):
            digest.update(f.read_bytes())
    return {"git_head": head, "shapes_ontology_graph_code_sha256": digest.hexdigest()[:16]}


def run(args: argparse.Namespace) -> dict[str, Any]:
    sizes = [gen.parse_size(s) for s in args.sizes.split(",")]
    out_dir: Path = args.out
    out_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="stores-", dir=out_dir))
    what_if = "what-if" in args.parts
    results: dict[str, Any] = {
        "machine": machine(),
        "args": {k: str(v) for k, v in vars(args).items()},
        "datasets": {},
        "load": [],
        "validate": [],
        "batch": [],
        "stats": [],
        "phases": {},
    }
    print(f"urbankg benchmarks {results['machine']}")
    stores: dict[int, OxigraphStore] = {}
    try:
        for size in sizes:
            label = gen.size_label(size)
            path, info = dataset(size, args.seed)
            results["datasets"][label] = info
            print(
                f"\n# {label}: {info['triples']} triples, {info['projects']} projects, "
                f"{info['actors']} actors, {info['participations']} participations ({path.name})"
            )
            repeat = args.repeat if size <= 100_000 else args.repeat_large
            row, store = bench_load(path, label, info["triples"], repeat, work, what_if)
            results["load"].append(row)
            stores[size] = store
            current = "validate" in args.parts and size <= args.validate_max
            fixed = what_if and size <= args.what_if_max
            with_pyshacl = (current or fixed) and size <= args.pyshacl_max
            if current or fixed:
                results["validate"].append(
                    bench_validate(
                        store, path, label, info["triples"], args, current, fixed, with_pyshacl
                    )
                )
        base = gen.parse_size(args.batch_base)
        whole = next(
            (v for v in results["validate"] if v["size"] == gen.size_label(base) and "ours_s" in v),
            None,
        )
        if "batch" in args.parts and base in stores and whole is not None:
            results["batch"] = bench_batch(stores[base], base, args, whole)
        if "stats" in args.parts:
            size = max(stores)
            results["stats"].append(bench_stats(stores[size], size, args))
        if "phases" in args.parts:
            size = max(stores)
            print(f"  phases of one chunk at {gen.size_label(size)} …")
            results["phases"] = {
                "size": gen.size_label(size),
                "chunks": chunk_profile(stores[size], args.phase_chunks),
                "worker_start_s": worker_start(),
            }
            if args.profile:
                results["phases"]["profile_first_chunk"] = shacl_profile(stores[size], False)
                results["phases"]["profile_first_chunk_with_fixes"] = shacl_profile(
                    stores[size], True
                )
    finally:
        for s in stores.values():
            s.close()
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    results["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    return results


# ---- the report ---------------------------------------------------------------------------------
def fmt_s(x: float | None) -> str:
    if x is None or x != x:
        return "-"
    return f"{x:.3f}" if x < 10 else f"{x:.1f}"


def fmt_ratio(x: float | None) -> str:
    return "-" if x is None or x != x else f"{x:.2f}"


def print_table(title: str, headers: list[str], rows: list[list[str]]) -> None:
    widths = [max([len(h)] + [len(r[i]) for r in rows]) for i, h in enumerate(headers)]
    print(f"\n## {title}")
    print("  ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)).rstrip())
    print("  ".join("-" * w for w in widths))
    for r in rows:
        print("  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip())
    sys.stdout.flush()


def report(results: dict[str, Any]) -> None:
    load = results["load"]
    print_table(
        "load N-Triples into the on-disk store (target: ratio >= 0.5)",
        [
            "size",
            "triples",
            "urbankg s",
            "bulk_load s",
            "urbankg t/s",
            "bulk_load t/s",
            "ratio",
            "with fixes s",
            "ratio with fixes",
            "store MB",
        ],
        [
            [
                r["size"],
                str(r["triples"]),
                fmt_s(r["ours_s"]),
                fmt_s(r["bulk_load_s"]),
                f"{r['ours_triples_per_s']:,}",
                f"{r['bulk_load_triples_per_s']:,}",
                fmt_ratio(r["ratio"]),
                fmt_s(r.get("what_if", {}).get("ours_s")),
                fmt_ratio(r.get("what_if", {}).get("ratio")),
                str(r["store_mb"]),
            ]
            for r in load
        ],
    )
    print_table(
        "where a load's time goes (last run; commit includes its provenance parts)",
        ["size", "variant", "phase", "seconds", "calls"],
        [
            [r["size"], variant, phase, fmt_s(v["seconds"]), str(v["calls"])]
            for r in load
            for variant, phases in (
                ("current", r["phases"]),
                ("with fixes", r.get("what_if", {}).get("phases", {})),
            )
            for phase, v in phases.items()
        ],
    )
    val = results["validate"]
    if val:

        def counts(v: dict[str, Any], key: str) -> str:
            return f"{v.get('ours_' + key, '-')}/{v.get('what_if', {}).get(key, '-')}/" + str(
                v.get("pyshacl_" + key, "-")
            )

        print_table(
            "whole-store validation (target: ratio >= 1 at 100k); urbankg/with fixes/pyshacl",
            [
                "size",
                "urbankg s",
                "with fixes s",
                "pyshacl s",
                "(+ parse s)",
                "ratio",
                "ratio with fixes",
                "violations",
                "warnings",
                "same as pyshacl",
                "peak RSS MB (main/pyshacl)",
            ],
            [
                [
                    v["size"],
                    fmt_s(v.get("ours_s")),
                    fmt_s(v.get("what_if", {}).get("ours_s")),
                    fmt_s(v.get("pyshacl_validate_s")),
                    fmt_s(v.get("pyshacl_parse_s")),
                    fmt_ratio(v.get("ratio")),
                    fmt_ratio(v.get("what_if", {}).get("ratio")),
                    counts(v, "violations"),
                    counts(v, "warnings"),
                    f"{v.get('agreement', {}).get('same', '-')}/"
                    f"{v.get('what_if', {}).get('agreement', {}).get('same', '-')}",
                    (
                        str(v["ours_peak_rss_mb_main_process"])
                        if "ours_peak_rss_mb_main_process" in v
                        else "-"
                    )
                    + f"/{v.get('pyshacl_peak_rss_mb', '-')}",
                ]
                for v in val
            ],
        )
        print_table(
            "where validation's time goes (main process; pyshacl itself runs in the workers)",
            ["size", "variant", "phase", "seconds", "calls"],
            [
                [v["size"], variant, phase, fmt_s(p["seconds"]), str(p["calls"])]
                for v in val
                for variant, phases in (
                    ("current", v.get("ours_phases", {})),
                    ("with fixes", v.get("what_if", {}).get("phases", {})),
                )
                for phase, p in phases.items()
            ],
        )
        diffs = [
            [v["size"], variant, k, str(d["ours"]), str(d["pyshacl"])]
            for v in val
            for variant, agr in (
                ("current", v.get("agreement", {})),
                ("with fixes", v.get("what_if", {}).get("agreement", {})),
            )
            for k, d in agr.get("differences", {}).items()
        ]
        if diffs:
            print_table(
                "findings that differ from pyshacl on the whole graph (focus nodes)",
                ["size", "variant", "severity shape", "urbankg", "pyshacl"],
                diffs,
            )
    if results["batch"]:
        print_table(
            "validate a batch against the store vs the whole store (target: ratio >= 20)",
            [
                "store",
                "variant",
                "batch",
                "rows",
                "triples",
                "stage s",
                "validate s",
                "whole store s",
                "ratio",
                "violations",
                "load+commit s",
            ],
            [
                [
                    b["base"],
                    b["variant"],
                    f"{b['projects']} projects ({b['format']})",
                    str(b["rows"]),
                    str(b["triples"]),
                    fmt_s(b["stage_s"]),
                    fmt_s(b["validate_s"]),
                    fmt_s(b["whole_store_validation_s"]),
                    fmt_ratio(b["ratio"]),
                    str(b["violations"]),
                    fmt_s(b["load_with_commit_s"]),
                ]
                for b in results["batch"]
            ],
        )
    for s in results["stats"]:
        print_table(
            "compute_stats vs the same queries on pyoxigraph (target: ratio <= 2)",
            [
                "size",
                "urbankg s",
                "pyoxigraph (disk) s",
                "pyoxigraph (memory) s",
                "ratio",
                "same rows",
            ],
            [
                [
                    s["size"],
                    fmt_s(s["ours_s"]),
                    fmt_s(s["pyoxigraph_disk_s"]),
                    fmt_s(s["pyoxigraph_memory_s"]),
                    fmt_ratio(s["ratio"]),
                    str(s["same_rows"]),
                ]
            ],
        )
        print_table(
            "stats per query (on disk)",
            ["size", "query", "urbankg s", "pyoxigraph s", "same rows"],
            [
                [s["size"], k, fmt_s(v["ours_s"]), fmt_s(v["pyoxigraph_s"]), str(v["same_rows"])]
                for k, v in s["per_query"].items()
            ],
        )
    p = results["phases"]
    if p:
        keys = list(p["chunks"]["current"])
        print_table(
            f"building the chunks of validate_store at {p['size']} in process "
            f"(a spawned worker starts in {p['worker_start_s']} s)",
            ["", *keys],
            [[variant, *(str(v[k]) for k in keys)] for variant, v in p["chunks"].items()],
        )
        for key, title in (
            ("profile_first_chunk", "cProfile of validate_chunk on that chunk"),
            ("profile_first_chunk_with_fixes", "the same with the fixes"),
        ):
            if key not in p:
                continue
            print_table(
                title,
                ["function", "calls", "tottime", "cumtime"],
                [
                    [r["function"][:80], str(r["calls"]), fmt_s(r["tottime"]), fmt_s(r["cumtime"])]
                    for r in p[key]
                ],
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10k,100k", help="comma-separated sizes (10k,100k,1m)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3, help="runs per measurement up to 100k")
    parser.add_argument("--repeat-large", type=int, default=1, help="runs per load above 100k")
    parser.add_argument("--workers", type=int, default=0, help="validation processes (0: cores)")
    parser.add_argument("--pyshacl-max", default="100k", help="largest size pyshacl runs on")
    parser.add_argument(
        "--validate-max", default="100k", help="largest size validate_store runs on"
    )
    parser.add_argument("--what-if-max", default="100k", help="largest size of what-if validation")
    parser.add_argument("--batch-base", default="100k", help="store size the batch is checked on")
    parser.add_argument("--batch-projects", type=int, default=100)
    parser.add_argument(
        "--only", help=f"comma-separated parts: {','.join(PARTS)} (loads always run)"
    )
    parser.add_argument("--skip", default="", help="comma-separated parts to leave out")
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--keep", action="store_true", help="keep the stores under --out")
    parser.add_argument("--profile", action="store_true", help="cProfile one validation chunk")
    parser.add_argument(
        "--phase-chunks", type=int, default=10, help="chunks built in process for 'phases'"
    )
    args = parser.parse_args(argv)
    parts = set(args.only.split(",")) if args.only else set(PARTS)
    args.parts = parts - set(args.skip.split(","))
    for name in ("pyshacl_max", "validate_max", "what_if_max"):
        setattr(args, name, gen.parse_size(getattr(args, name)))
    t0 = time.perf_counter()
    results = run(args)
    results["total_seconds"] = round(time.perf_counter() - t0, 1)
    report(results)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    path = args.out / f"bench_load-{stamp}.json"
    path.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"\n{results['total_seconds']} s in all; results in {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
