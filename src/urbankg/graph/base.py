"""The store interface every backend implements (:class:`GraphStore`), and what it returns.

The embedded Oxigraph store (:mod:`urbankg.graph.store`) implements it; the interface is small
enough for a remote SPARQL 1.1 store to implement too: SPARQL queries with bound values,
named-graph replacement, lookups by pattern, and dumps.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from typing import IO, Any

import pyoxigraph as ox

from urbankg.graph.terms import OxTerm
from urbankg.resources import query_text

#: IRI of the graph holding the ontology and vocabularies once loaded into a store.
ONTOLOGY_GRAPH = "https://w3id.org/urbankg/def"

Bindings = Mapping[str, OxTerm]


def _subs(bindings: Bindings | None) -> dict[ox.Variable, Any] | None:
    if not bindings:
        return None
    return {ox.Variable(k): v for k, v in bindings.items()}


@dataclass(frozen=True)
class GraphInfo:
    """What the store knows about one named graph."""

    iri: str
    triples: int
    source: str | None
    issued: str | None
    modified: str | None
    complete: bool


class GraphStore(ABC):
    """The store interface every backend implements.

    Terms are pyoxigraph terms. Queries run against the union of all named graphs.
    """

    base: str

    # ---- reading -----------------------------------------------------------------------------
    @abstractmethod
    def select(self, query: str, bindings: Bindings | None = None) -> Iterator[dict[str, OxTerm]]:
        """Run a SELECT query with ``bindings`` substituted for variables; yield solutions."""

    @abstractmethod
    def ask(self, query: str, bindings: Bindings | None = None) -> bool:
        """Run an ASK query with ``bindings``."""

    @abstractmethod
    def construct(self, query: str, bindings: Bindings | None = None) -> Iterator[ox.Triple]:
        """Run a CONSTRUCT or DESCRIBE query with ``bindings``; yield triples."""

    def select_named(self, name: str, bindings: Bindings | None = None) -> list[dict[str, OxTerm]]:
        """Run the bundled named SELECT query ``queries/{name}.rq``.

        Args:
            name: the query name.
            bindings: values for the query's bound variables.

        Returns:
            The solutions, as dictionaries from variable name to term (unbound variables absent).
        """
        return list(self.select(query_text(name), bindings))

    @abstractmethod
    def quads(
        self,
        subject: ox.NamedNode | ox.BlankNode | None = None,
        predicate: ox.NamedNode | None = None,
        obj: OxTerm | None = None,
        graph: ox.NamedNode | None = None,
    ) -> Iterator[ox.Quad]:
        """Yield the quads that match a pattern (``None`` matches anything)."""

    @abstractmethod
    def graph_iris(self) -> list[str]:
        """Return the IRIs of all named graphs."""

    @abstractmethod
    def __len__(self) -> int:
        """Return the number of quads in the store."""

    # ---- writing -----------------------------------------------------------------------------
    @abstractmethod
    def replace_graphs(
        self, staged: Mapping[str, Iterable[ox.Quad]], *, source: str, bulk: bool = False
    ) -> None:
        """Replace each named graph of ``staged`` (graph IRI → its quads) by the staged quads.

        Input has been validated before this is called: this only fails on I/O errors. A load
        that is interrupted leaves a provenance record without an end time, which
        :meth:`incomplete_graphs` reports.
        """

    @abstractmethod
    def drop_graph(self, graph: str) -> None:
        """Remove a named graph and its provenance."""

    @abstractmethod
    def dump(self, output: IO[bytes], fmt: ox.RdfFormat, graph: str | None = None) -> None:
        """Serialise the data graphs (or one graph) to ``output``."""

    def close(self) -> None:  # noqa: B027 - optional hook
        """Release the store's resources."""

    # ---- common ------------------------------------------------------------------------------
    def graph_iri(self, name: str) -> str:
        """Return the IRI of the named graph of source ``name``."""
        return f"{self.base}graph/{name}"

    @property
    def system_graph(self) -> str:
        """IRI of the graph holding load provenance."""
        return self.graph_iri("system")

    @property
    def derived_graph(self) -> str:
        """IRI of the computed graph of derived facts (``ukg:derivedSdg``; urbankg.graph.derive)."""
        return self.graph_iri("derived")

    def data_graph_iris(self) -> list[str]:
        """Return the source graphs (not provenance, ontology, derived facts or metrics)."""
        skip = {self.system_graph, self.graph_iri("metrics"), self.derived_graph, ONTOLOGY_GRAPH}
        return [g for g in self.graph_iris() if g not in skip]

    def graph_info(self) -> list[GraphInfo]:
        """Describe every named graph from the provenance records."""
        rows = {str(r["g"].value): r for r in self.select_named("graph_info")}
        out = []
        for g in sorted(self.graph_iris()):
            r = rows.get(g, {})
            out.append(
                GraphInfo(
                    iri=g,
                    triples=int(r["triples"].value) if "triples" in r else 0,
                    source=r["source"].value if "source" in r else None,
                    issued=r["issued"].value if "issued" in r else None,
                    modified=r["modified"].value if "modified" in r else None,
                    complete="started" not in r or "ended" in r,
                )
            )
        return out

    def incomplete_graphs(self) -> list[str]:
        """Return graphs whose last load was interrupted before it finished."""
        return [i.iri for i in self.graph_info() if not i.complete]
