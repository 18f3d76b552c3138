"""Make the catalogue, the VoID description and the files they describe, in one pass.

:func:`generate` is what the command and the HTTP routes call; its result depends only on the
store's content and the deployment, so identical data gives identical (isomorphic) output,
and :func:`marker` tells when the data changed.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

import pyoxigraph as ox

from urbankg.catalog import vocab as v
from urbankg.catalog.check import check_catalog
from urbankg.catalog.dcat import Files, build_catalog, extract_names, programme_key
from urbankg.catalog.deployment import Deployment
from urbankg.catalog.exports import (
    DUMPS,
    TABLES,
    dump_digest,
    extract,
    info_of,
    table_rows,
    write_table,
)
from urbankg.catalog.facts import collect
from urbankg.catalog.void import build_void
from urbankg.graph.store import GraphStore

#: Serialisations of the catalogue and VoID: name → (Oxigraph format, media type, suffix).
FORMATS: dict[str, tuple[ox.RdfFormat, str, str]] = {
    "turtle": (ox.RdfFormat.TURTLE, "text/turtle", "ttl"),
    "rdfxml": (ox.RdfFormat.RDF_XML, "application/rdf+xml", "rdf"),
    "jsonld": (ox.RdfFormat.JSON_LD, "application/ld+json", "jsonld"),
    "ntriples": (ox.RdfFormat.N_TRIPLES, "application/n-triples", "nt"),
}


@dataclass
class Generated:
    """The catalogue and VoID triples, and the bytes of the files served under /catalog/files/."""

    marker: str
    deployment: str
    catalog: list[ox.Triple]
    void: list[ox.Triple]
    blobs: dict[str, bytes]

    def etag(self, what: str, fmt: str) -> str:
        """The entity tag of ``what`` (``catalog``, ``void`` or a file path) in ``fmt``."""
        key = f"{self.marker}|{self.deployment}|{what}|{fmt}"
        return hashlib.sha256(key.encode()).hexdigest()[:32]


def marker(store: GraphStore) -> str:
    """A digest of the store's load history: it changes whenever a graph is (re)loaded."""
    digest = hashlib.sha256()
    for info in store.graph_info():
        digest.update(f"{info.iri}|{info.triples}|{info.modified}\n".encode())
    return digest.hexdigest()[:32]


def generate(store: GraphStore, deployment: Deployment) -> Generated:
    """Compute the catalogue, the VoID description and the described files.

    Args:
        store: the store (read only).
        deployment: public URL, publisher, contact and licence.

    Returns:
        Everything, for the data state :func:`marker` names.

    Raises:
        CatalogError: the catalogue would be invalid (a property DCAT-AP requires is missing).
    """
    mark = marker(store)
    facts = collect(store)
    files = Files()
    blobs: dict[str, bytes] = {}
    for name in DUMPS:
        files.dumps[name] = dump_digest(store, name)
    rows = {name: table_rows(store, name) for name in TABLES}
    for name in TABLES:
        blobs[name] = write_table(name, rows[name])
        files.files[("", name)] = info_of(blobs[name])
    for programme in facts.programmes:
        key = programme_key(programme, facts.base)
        members = facts.per_programme[programme.iri].members
        for name, dump in extract_names(key).items():
            blobs[f"{key}/{name}"] = extract(store, members, DUMPS[dump][1])
        for name in TABLES:
            blobs[f"{key}/{name}"] = write_table(name, rows[name], members)
        for path, data in blobs.items():
            if path.startswith(f"{key}/"):
                files.files[(key, path.split("/", 1)[1])] = info_of(data)
    catalog = build_catalog(facts, files, deployment)
    check_catalog(catalog)
    void = build_void(store, facts, deployment)
    return Generated(mark, deployment.fingerprint(), catalog, void, blobs)


def _order(t: ox.Triple) -> tuple[str, bool, str, str]:
    return (str(t.subject), t.predicate != v.RDF_TYPE, t.predicate.value, str(t.object))


def serialize(triples: list[ox.Triple], fmt: str) -> bytes:
    """Serialise ``triples`` in format ``fmt`` (a key of :data:`FORMATS`), grouped by subject."""
    ordered = sorted(triples, key=_order)
    return ox.serialize(ordered, format=FORMATS[fmt][0], prefixes=v.PREFIXES) or b""
