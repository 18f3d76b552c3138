"""The ontology and vocabularies as documentation for people (``/def``), built once per process.

Read straight from the bundled ontology files (no query): classes, properties and concept
schemes with their fi/sv/en labels and definitions, super-classes, domains and ranges.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from functools import cache

import pyoxigraph as ox

from urbankg.graph.vocab import vocab_store
from urbankg.namespaces import PREFIXES

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCT = "http://purl.org/dc/terms/"
UKG = "https://w3id.org/urbankg/def#"
DEF = "https://w3id.org/urbankg/def"
LABELS = (SKOS + "prefLabel", RDFS + "label", DCT + "title")
DEFINITIONS = (SKOS + "definition", RDFS + "comment", DCT + "description")


@dataclass
class Term:
    """One documented term (class, property or concept)."""

    iri: str
    labels: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    @property
    def anchor(self) -> str:
        """The fragment or last path segment of the IRI."""
        return self.iri.rsplit("#", 1)[-1] if "#" in self.iri else self.iri.rsplit("/", 1)[-1]


@dataclass
class Scheme:
    """A concept scheme and its concepts (top concepts first, then by IRI)."""

    term: Term
    concepts: list[Term]


@dataclass
class OntologyDoc:
    """Everything ``/def`` shows."""

    ontology: Term
    classes: list[Term]
    properties: list[Term]
    schemes: list[Scheme]
    labels: dict[str, dict[str, str]]


def _texts(store: ox.Store, iri: str, predicates: tuple[str, ...]) -> dict[str, str]:
    out: dict[str, str] = {}
    node = ox.NamedNode(iri)
    for p in predicates:
        for q in store.quads_for_pattern(node, ox.NamedNode(p), None, None):
            if isinstance(q.object, ox.Literal):
                out.setdefault(q.object.language or "", q.object.value)
    return out


def _term(store: ox.Store, iri: str, links: tuple[str, ...] = ()) -> Term:
    term = Term(iri, _texts(store, iri, LABELS), _texts(store, iri, DEFINITIONS))
    for p in links:
        for q in store.quads_for_pattern(ox.NamedNode(iri), ox.NamedNode(p), None, None):
            if isinstance(q.object, ox.NamedNode):
                term.links[p].append(q.object.value)
    return term


def _typed(store: ox.Store, cls: str) -> list[str]:
    return sorted(
        {
            q.subject.value
            for q in store.quads_for_pattern(None, ox.NamedNode(RDF_TYPE), ox.NamedNode(cls), None)
            if isinstance(q.subject, ox.NamedNode)
        }
    )


@cache
def ontology_doc() -> OntologyDoc:
    """Build the documentation of the bundled ontology and vocabularies."""
    store = vocab_store()
    classes = [
        _term(store, i, (RDFS + "subClassOf",))
        for i in _typed(store, OWL + "Class")
        if i.startswith(UKG)
    ]
    props = [
        _term(store, i, (RDFS + "domain", RDFS + "range", RDFS + "subPropertyOf"))
        for kind in ("ObjectProperty", "DatatypeProperty", "AnnotationProperty")
        for i in _typed(store, OWL + kind)
        if i.startswith(UKG)
    ]
    schemes = []
    for s in _typed(store, SKOS + "ConceptScheme"):
        if not s.startswith(DEF):
            continue
        members = [
            q.subject.value
            for q in store.quads_for_pattern(
                None, ox.NamedNode(SKOS + "inScheme"), ox.NamedNode(s), None
            )
            if isinstance(q.subject, ox.NamedNode)
        ]
        concepts = [_term(store, m, (SKOS + "broader", SKOS + "closeMatch")) for m in members]
        concepts.sort(key=lambda t: (bool(t.links.get(SKOS + "broader")), t.iri))
        schemes.append(Scheme(_term(store, s), concepts))
    labels: dict[str, dict[str, str]] = {}
    for q in store.quads_for_pattern(None, None, None, None):
        if (
            q.predicate.value in LABELS
            and isinstance(q.subject, ox.NamedNode)
            and isinstance(q.object, ox.Literal)
        ):
            labels.setdefault(q.subject.value, {}).setdefault(
                q.object.language or "", q.object.value
            )
    return OntologyDoc(_term(store, DEF), classes, props, schemes, labels)


def compact(iri: str) -> str:
    """A prefixed name for ``iri`` when a known prefix fits, else the IRI."""
    best = ""
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and len(ns) > len(PREFIXES.get(best, "")):
            best = prefix
    return f"{best}:{iri[len(PREFIXES[best]) :]}" if best else iri
