"""Importers: read a source into a staging store, in the named graph(s) it will be stored in.

Sources: a CSV folder or file, Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML.

Nothing here touches the target store: staging is where bad input is found and refused.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

import pyoxigraph as ox

from urbankg.graph.errors import InputError
from urbankg.graph.importers.tabular import Mapper, map_tables, read_tables

#: File suffix → RDF format.
RDF_FORMATS: dict[str, ox.RdfFormat] = {
    ".ttl": ox.RdfFormat.TURTLE,
    ".turtle": ox.RdfFormat.TURTLE,
    ".nt": ox.RdfFormat.N_TRIPLES,
    ".ntriples": ox.RdfFormat.N_TRIPLES,
    ".nq": ox.RdfFormat.N_QUADS,
    ".nquads": ox.RdfFormat.N_QUADS,
    ".trig": ox.RdfFormat.TRIG,
    ".jsonld": ox.RdfFormat.JSON_LD,
    ".json": ox.RdfFormat.JSON_LD,
    ".rdf": ox.RdfFormat.RDF_XML,
    ".owl": ox.RdfFormat.RDF_XML,
    ".xml": ox.RdfFormat.RDF_XML,
}
DATASET_FORMATS = (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG)

#: Quads per call of Oxigraph's bulk loader.
BATCH = 100_000
#: Files larger than this are staged on disk, so memory stays bounded.
ON_DISK_STAGING_BYTES = 8 * 1024 * 1024


def source_name(path: Path) -> str:
    """Return the graph name of a source: its file stem or folder name, as a slug."""
    stem = path.name if path.is_dir() else path.stem
    slug = re.sub(r"[^a-z0-9]+", "-", stem.lower()).strip("-")
    return slug or "source"


@dataclass
class Staged:
    """A source read into a staging store, ready for validation and commit."""

    store: ox.Store
    graphs: list[str]
    sources: list[str]
    origins: dict[str, str] = field(default_factory=dict)
    """Subject IRI → ``file:line`` it came from (CSV rows)."""
    files: dict[str, str] = field(default_factory=dict)
    """Graph IRI → file name it came from."""
    _tmpdir: str | None = None

    def __len__(self) -> int:
        return len(self.store)

    def close(self) -> None:
        """Release the staging store (and its temporary directory)."""
        del self.store
        if self._tmpdir:
            shutil.rmtree(self._tmpdir, ignore_errors=True)


def new_staging(size_hint: int) -> tuple[ox.Store, str | None]:
    """Create a staging store: in memory, or in a temporary directory for large inputs."""
    if size_hint > ON_DISK_STAGING_BYTES:
        tmp = tempfile.mkdtemp(prefix="urbankg-staging-")
        return ox.Store(tmp), tmp
    return ox.Store(), None


def _check_text_file(path: Path) -> None:
    if not path.exists():
        raise InputError("no such file or folder", file=str(path))
    if path.stat().st_size == 0:
        raise InputError("empty file", file=path.name)
    with path.open("rb") as fh:
        head = fh.read(8192)
    if not head.strip():
        raise InputError("empty file (only white space)", file=path.name)
    if b"\x00" in head:
        raise InputError("binary file, not RDF text", file=path.name)


def _syntax_error(path: Path, exc: SyntaxError) -> InputError:
    msg = str(exc.msg if hasattr(exc, "msg") else exc)
    return InputError(f"syntax error: {msg}", file=path.name, line=exc.lineno, column=exc.offset)


def rdf_format(path: Path) -> ox.RdfFormat:
    """Return the RDF format of a file from its suffix.

    Raises:
        InputError: for an unknown suffix.
    """
    fmt = RDF_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(
            f"unknown file type '{path.suffix}' (known: .csv, {', '.join(sorted(RDF_FORMATS))})",
            file=path.name,
        )
    return fmt


def iter_rdf(path: Path, graph: str, graphs: set[str] | None = None) -> Iterator[ox.Quad]:
    """Parse an RDF file as a stream of quads in the graph(s) they will be stored in.

    Triples (and a dataset's default graph) go to ``graph``; a dataset's named graphs keep
    their names.

    Args:
        path: the file.
        graph: the IRI of the source's graph.
        graphs: if given, collects the graph IRIs met.

    Raises:
        InputError: for an unreadable, empty, binary or malformed file (with line and column).
    """
    fmt = rdf_format(path)
    _check_text_file(path)
    target = ox.NamedNode(graph)
    dataset = fmt in DATASET_FORMATS
    found = graphs if graphs is not None else set()
    count = 0
    try:
        for q in ox.parse(path=str(path), format=fmt):
            g = q.graph_name
            if not dataset or isinstance(g, ox.DefaultGraph):
                found.add(graph)
                yield ox.Quad(q.subject, q.predicate, q.object, target)
            elif isinstance(g, ox.NamedNode):
                found.add(g.value)
                yield q
            else:
                raise InputError("blank-node graph names are not supported", file=path.name)
            count += 1
    except SyntaxError as exc:
        raise _syntax_error(path, exc) from None
    except UnicodeDecodeError as exc:
        raise InputError(f"not UTF-8 text: {exc.reason}", file=path.name) from None
    except OSError as exc:
        raise InputError(f"cannot read: {exc}", file=path.name) from None
    if count == 0:
        raise InputError("no triples in file", file=path.name)


def batched_extend(store: ox.Store, quads: Iterable[ox.Quad], size: int = BATCH) -> int:
    """Write quads with Oxigraph's bulk loader in batches (bounded memory); return the count.

    Oxigraph's bulk loader holds a whole call's quads in memory (measured: 800 MB for 1M
    triples in one call; 135 MB peak in batches of 100k, 0.6-0.7 times its speed).
    """
    it = iter(quads)
    total = 0
    while True:
        batch = list(islice(it, size))
        if not batch:
            return total
        store.bulk_extend(batch)
        total += len(batch)


def stage_rdf(path: Path, store: ox.Store, graph: str) -> list[str]:
    """Parse an RDF file into ``store`` (see :func:`iter_rdf`); return the graphs it filled."""
    graphs: set[str] = set()
    batched_extend(store, iter_rdf(path, graph, graphs))
    return sorted(graphs)


def stage_source(
    path: Path,
    *,
    base: str,
    graph: str,
    exists: Callable[[str, str], bool],
) -> Staged:
    """Read one source (a CSV folder, a CSV file or an RDF file) into a new staging store.

    Args:
        path: the source.
        base: the base IRI of instances.
        graph: the IRI of the named graph the source goes to.
        exists: ``exists(iri, class_local_name)`` tells whether the store holds a resource
            (for CSV references to ids defined elsewhere).

    Returns:
        The staged source.

    Raises:
        InputError: naming the file, line and column of the problem.
    """
    if path.is_dir():
        csvs = sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv")
        if not csvs:
            raise InputError("folder holds no .csv files", file=str(path))
        return _stage_csv(csvs, base=base, graph=graph, exists=exists, name=path.name)
    if path.suffix.lower() == ".csv":
        return _stage_csv([path], base=base, graph=graph, exists=exists, name=path.name)
    if not path.exists():
        raise InputError("no such file or folder", file=str(path))
    store, tmp = new_staging(path.stat().st_size)
    try:
        graphs = stage_rdf(path, store, graph)
    except BaseException:
        del store
        if tmp:
            shutil.rmtree(tmp, ignore_errors=True)
        raise
    return Staged(store, graphs, [path.name], files=dict.fromkeys(graphs, path.name), _tmpdir=tmp)


def _stage_csv(
    paths: list[Path],
    *,
    base: str,
    graph: str,
    exists: Callable[[str, str], bool],
    name: str,
) -> Staged:
    for p in paths:
        if not p.exists():
            raise InputError("no such file", file=str(p))
    tables = read_tables(paths)
    mapper = Mapper(base=base, graph=ox.NamedNode(graph), exists=exists)
    quads = list(map_tables(tables, mapper))
    store = ox.Store()
    store.extend(quads)
    return Staged(store, [graph], [name], origins=mapper.origins, files={graph: name})
