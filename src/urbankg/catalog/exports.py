"""The files the catalogue describes: dumps, per-programme extracts and CSV tables.

- The whole-graph dumps are served by the dumps router (``/dumps/``); their size and SHA-256
  are computed here by writing them exactly as that router does (gzip with no time stamp and
  the same member name, :func:`dump_digest`), into a digest rather than a file.
- Each programme's dataset has extracts in the same five RDF formats (the statements about the
  programme's members, named graphs kept in N-Quads and TriG) and CSV tables; the whole graph
  has the CSV tables too. These are made here and served by :mod:`urbankg.catalog.router`.

Every output is a pure function of the store's content: the same data gives the same bytes.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import io
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO, cast

import pyoxigraph as ox

from urbankg.graph.store import GraphStore
from urbankg.namespaces import PREFIXES

#: The whole-graph dumps of ``/dumps/`` (file name → format key of ``vocab.FORMATS``, Oxigraph
#: format). Kept equal to ``urbankg.api.routers.dumps.DUMPS`` (a test checks it).
DUMPS: dict[str, tuple[str, ox.RdfFormat]] = {
    "urbankg.ttl.gz": ("turtle", ox.RdfFormat.TURTLE),
    "urbankg.nt.gz": ("ntriples", ox.RdfFormat.N_TRIPLES),
    "urbankg.nq.gz": ("nquads", ox.RdfFormat.N_QUADS),
    "urbankg.trig.gz": ("trig", ox.RdfFormat.TRIG),
    "urbankg.jsonld.gz": ("jsonld", ox.RdfFormat.JSON_LD),
}

#: The CSV tables: file name → (named query, columns).
TABLES: dict[str, tuple[str, tuple[str, ...]]] = {
    "initiatives.csv": (
        "catalog_csv_initiatives",
        (
            "iri",
            "class",
            "type",
            "name_fi",
            "name_sv",
            "name_en",
            "part_of",
            "themes",
            "sdgs",
            "start_year",
            "end_year",
            "places",
            "sources",
        ),
    ),
    "actors.csv": (
        "catalog_csv_actors",
        (
            "iri",
            "name_fi",
            "name_sv",
            "name_en",
            "type",
            "helix",
            "business_id",
            "municipality_code",
            "region",
            "sources",
        ),
    ),
    "participations.csv": (
        "catalog_csv_participations",
        ("iri", "initiative", "actor", "role", "role_wording", "sources"),
    ),
}


@dataclass(frozen=True)
class FileInfo:
    """Size and SHA-256 (hex) of a file."""

    size: int
    sha256: str


class _Digest:
    """A write-only stream that keeps only the size and SHA-256 of what is written to it."""

    def __init__(self) -> None:
        self.hash = hashlib.sha256()
        self.size = 0

    def write(self, data: bytes) -> int:
        self.hash.update(data)
        self.size += len(data)
        return len(data)

    def flush(self) -> None:
        """Nothing to flush."""

    def info(self) -> FileInfo:
        return FileInfo(self.size, self.hash.hexdigest())


def info_of(data: bytes) -> FileInfo:
    """Size and SHA-256 of ``data``."""
    return FileInfo(len(data), hashlib.sha256(data).hexdigest())


def dump_digest(store: GraphStore, name: str) -> FileInfo:
    """Size and SHA-256 of the whole-graph dump ``name`` as the dumps router serves it.

    The router gzips into a file named ``{stem}.partial`` with ``mtime=0``; gzip records that
    name in its header, so the same name is given here.
    """
    digest = _Digest()
    member = str(PurePosixPath(name).with_suffix(".partial"))
    with gzip.GzipFile(filename=member, fileobj=cast(IO[bytes], digest), mode="wb", mtime=0) as fh:
        store.dump(cast(IO[bytes], fh), DUMPS[name][1])
    return digest.info()


def _member_quads(store: GraphStore, members: Iterable[str], graphs: set[str]) -> Iterator[ox.Quad]:
    """The statements about ``members`` (and the blank nodes they point to) in ``graphs``."""
    seen: set[ox.BlankNode] = set()
    stack: list[ox.NamedNode | ox.BlankNode] = [ox.NamedNode(m) for m in sorted(members)]
    while stack:
        subject = stack.pop(0)
        for q in store.quads(subject, None, None, None):
            if not isinstance(q.graph_name, ox.NamedNode) or q.graph_name.value not in graphs:
                continue
            if isinstance(q.object, ox.BlankNode) and q.object not in seen:
                seen.add(q.object)
                stack.append(q.object)
            yield q


def extract(store: GraphStore, members: Iterable[str], fmt: ox.RdfFormat) -> bytes:
    """The gzipped extract of the statements about ``members`` in format ``fmt``.

    Dataset formats (N-Quads, TriG) keep each statement's named graph; triple formats merge
    them, as the dumps do.
    """
    graphs = set(store.data_graph_iris())
    quads = list(_member_quads(store, members, graphs))
    raw = io.BytesIO()
    if fmt in (ox.RdfFormat.N_QUADS, ox.RdfFormat.TRIG):
        ox.serialize(quads, raw, fmt, prefixes=PREFIXES)
    else:
        triples = list(dict.fromkeys(q.triple for q in quads))
        ox.serialize(triples, raw, fmt, prefixes=PREFIXES)
    return gzip.compress(raw.getvalue(), mtime=0)


#: Columns holding several values joined with ``|`` (sorted here, for stable output).
_LISTS = {"part_of", "themes", "sdgs", "places", "sources"}


def _cell(term: object, column: str) -> str:
    if isinstance(term, ox.NamedNode | ox.Literal):
        value = term.value
        return "|".join(sorted(set(value.split("|")))) if column in _LISTS else value
    return ""


def table_rows(store: GraphStore, name: str) -> list[list[str]]:
    """The rows of CSV table ``name`` (a key of :data:`TABLES`), one list of cells per row.

    Multiple values in a cell are joined with ``|`` (sorted); the first cell is the IRI.
    """
    query, columns = TABLES[name]
    return [[_cell(row.get(c), c) for c in columns] for row in store.select_named(query)]


def write_table(name: str, rows: list[list[str]], members: set[str] | None = None) -> bytes:
    """The CSV file of table ``name`` (UTF-8, header row, CRLF line ends).

    Args:
        name: a key of :data:`TABLES`.
        rows: the table's rows (:func:`table_rows`).
        members: the IRIs of a dataset's resources, to keep only their rows (``None``: all).

    Returns:
        The file's bytes.
    """
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(TABLES[name][1])
    writer.writerows(r for r in rows if members is None or r[0] in members)
    return out.getvalue().encode("utf-8")
