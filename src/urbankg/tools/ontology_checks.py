"""Hygiene checks of the ontology: each returns the defects it finds, so none must be returned.

Each check takes an rdflib :class:`~rdflib.Graph` (normally the union of every file of
``ontology/``, see :func:`load_ontology`) and returns a sorted list of defect rows. The SPARQL
checks follow the "this query must return no rows" style: a row is a defect.

- :func:`undeclared_terms`: an IRI of our own namespaces (``ukg:``, ``theme:``, ``role:``, …)
  that the ontology uses but does not declare (e.g. ``ukg:Projet`` or ``theme:low-carbn``).
- :func:`unknown_reserved_terms`: a term of a reused vocabulary (``rdf:``, ``rdfs:``, ``owl:``,
  ``skos:``, ``sh:``, ``dct:``, ``prov:``, ``org:``, ``schema:``, ``vann:``, ``xsd:``, ``sdgo:``)
  that the vocabulary does not define, e.g. ``rdfs:subClasOf``, which parses fine.
- :func:`missing_labels`: a class, property, concept scheme or concept without a label in
  Finnish, Swedish and English or without an English definition (SDG targets need labels only).
- :func:`duplicate_labels`: two ``skos:prefLabel`` or ``rdfs:label`` in one language.
- :func:`unexpected_languages`: a language-tagged literal not in fi, sv or en.
- :func:`skos_defects`: broken SKOS structure (scheme membership, top concepts, broader and
  narrower both ways, notation equal to the IRI's last segment).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from importlib.resources.abc import Traversable

import pyoxigraph as ox
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import (
    DCTERMS,
    ORG,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO,
    SH,
    SKOS,
    VANN,
    XSD,
    DefinedNamespace,
)

from urbankg.resources import ontology_files, query_text

#: The base of every IRI that the urbankg ontology and its vocabularies mint.
OWN_BASE = "https://w3id.org/urbankg/def"
SDG_NS = "http://metadata.un.org/sdg/"
SDGO_NS = "http://metadata.un.org/sdg/ontology#"

#: The terms of the UN SDG ontology (``sdgs-ontology.ttl`` of UNStats/LOD4Stats).
SDGO_TERMS: frozenset[str] = frozenset(
    {
        "Goal",
        "Target",
        "Indicator",
        "Series",
        "Tier",
        "hasTarget",
        "hasIndicator",
        "hasSeries",
        "isTargetOf",
        "isIndicatorOf",
        "isSeriesOf",
        "custodianAgency",
        "tier",
        "tier_I",
        "tier_II",
        "tier_III",
        "SDGCode",
        "SDGCodeCompact",
        "SDGCodePerm",
    }
)

_CLOSED: tuple[type[DefinedNamespace], ...] = (
    RDF,
    RDFS,
    OWL,
    SKOS,
    SH,
    DCTERMS,
    PROV,
    ORG,
    SDO,
    VANN,
    XSD,
)

#: Namespaces that must not be used at all, with the reason.
WRONG_NAMESPACES: dict[str, str] = {
    "http://schema.org/": "schema.org is used with https://schema.org/",
    "https://metadata.un.org/": "UN SDG KOS IRIs are http://metadata.un.org/sdg/…",
    "http://w3id.org/urbankg/": "urbankg IRIs are https://w3id.org/urbankg/…",
}

_RDF_MEMBER = re.compile(r"^_[1-9][0-9]*$")


def closed_vocabularies() -> dict[str, frozenset[str]]:
    """Return the local names each reused vocabulary defines, by namespace IRI.

    Built from rdflib's closed namespace classes (their annotations and extras) and
    :data:`SDGO_TERMS`.
    """
    vocabularies: dict[str, frozenset[str]] = {}
    for ns in _CLOSED:
        names = {n for n in ns.__annotations__ if not n.startswith("_")}
        names.update(getattr(ns, "_extras", []))
        vocabularies[str(ns._NS)] = frozenset(names)
    vocabularies[SDGO_NS] = SDGO_TERMS
    return vocabularies


def load_ontology(resources: Iterable[Traversable] | None = None) -> Graph:
    """Parse Turtle files into one graph.

    Args:
        resources: the files to read; default: every file of the bundled ontology.

    Returns:
        Their union.
    """
    graph = Graph()
    for resource in ontology_files() if resources is None else resources:
        graph.parse(data=resource.read_text(encoding="utf-8"), format="turtle")
    return graph


def used_iris(graph: Graph) -> set[URIRef]:
    """Return every IRI of ``graph``: subjects, predicates, objects and literal datatypes."""
    iris: set[URIRef] = set()
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef):
                iris.add(term)
            elif isinstance(term, Literal) and term.datatype is not None:
                iris.add(term.datatype)
    return iris


def _solutions(graph: Graph, query: str) -> list[tuple[str, ...]]:
    """Run a bundled SELECT query with Oxigraph and return its rows as lexical values.

    Args:
        graph: the graph to query (copied into an in-memory Oxigraph store).
        query: the name of the query (``queries/ontology_*.rq``).

    Returns:
        One tuple per row: the IRI or lexical form of each variable, "" when unbound.
    """
    store = ox.Store()
    store.load(graph.serialize(format="nt", encoding="utf-8"), format=ox.RdfFormat.N_TRIPLES)
    result = store.query(query_text(query))
    if not isinstance(result, ox.QuerySolutions):
        raise TypeError("expected a SELECT query")
    names = result.variables
    return [tuple("" if row[v] is None else str(row[v].value) for v in names) for row in result]


def undeclared_terms(graph: Graph) -> list[URIRef]:
    """Return the IRIs of our own namespaces that ``graph`` uses but does not declare."""
    rows = _solutions(graph, "ontology_undeclared_terms")
    return sorted(URIRef(row[0]) for row in rows)


def unknown_reserved_terms(graph: Graph) -> list[tuple[URIRef, str]]:
    """Return the IRIs of reused vocabularies that the vocabulary does not define.

    Returns:
        (IRI, reason) pairs: a term unknown to its closed vocabulary, or any IRI in one of
        :data:`WRONG_NAMESPACES`.
    """
    vocabularies = closed_vocabularies()
    defects: list[tuple[URIRef, str]] = []
    for iri in used_iris(graph):
        text = str(iri)
        for ns, reason in WRONG_NAMESPACES.items():
            if text.startswith(ns):
                defects.append((iri, reason))
        for ns, names in vocabularies.items():
            if not text.startswith(ns):
                continue
            local = text[len(ns) :]
            if local in names or (ns == str(RDF._NS) and _RDF_MEMBER.match(local)):
                continue
            defects.append((iri, f"not a term of {ns}"))
    return sorted(defects)


def missing_labels(graph: Graph) -> list[tuple[URIRef, str]]:
    """Return (term, what is missing) for terms lacking fi/sv/en labels or an en definition."""
    return sorted((URIRef(r[0]), r[1]) for r in _solutions(graph, "ontology_missing_labels"))


def duplicate_labels(graph: Graph) -> list[tuple[URIRef, URIRef, str]]:
    """Return (term, label property, language) where a term has two labels in one language."""
    rows = _solutions(graph, "ontology_duplicate_labels")
    return sorted((URIRef(r[0]), URIRef(r[1]), r[2]) for r in rows)


def unexpected_languages(graph: Graph) -> list[tuple[URIRef, URIRef, str]]:
    """Return (subject, property, literal) for literals tagged other than fi, sv or en."""
    rows = _solutions(graph, "ontology_unexpected_languages")
    return sorted((URIRef(r[0]), URIRef(r[1]), r[2]) for r in rows)


def skos_defects(graph: Graph) -> list[tuple[URIRef, str]]:
    """Return (concept, problem) for every breach of the SKOS structure we rely on."""
    return sorted((URIRef(r[0]), r[1]) for r in _solutions(graph, "ontology_skos_defects"))


def sdg_iris(graph: Graph) -> set[URIRef]:
    """Return every IRI under ``http://metadata.un.org/sdg/`` used in ``graph`` (not sdgo:)."""
    return {
        iri
        for iri in used_iris(graph)
        if str(iri).startswith(SDG_NS) and not str(iri).startswith(SDGO_NS)
    }


def all_defects(graph: Graph) -> dict[str, list[object]]:
    """Run every check and return the defects by check name (all lists empty when clean)."""
    return {
        "undeclared_terms": list(undeclared_terms(graph)),
        "unknown_reserved_terms": list(unknown_reserved_terms(graph)),
        "missing_labels": list(missing_labels(graph)),
        "duplicate_labels": list(duplicate_labels(graph)),
        "unexpected_languages": list(unexpected_languages(graph)),
        "skos_defects": list(skos_defects(graph)),
    }
