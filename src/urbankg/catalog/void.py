"""The VoID description of the knowledge graph (``/.well-known/void``).

Statistics are computed from the store's data graphs (what the dumps hold): triples, entities,
distinct subjects and objects, class and property partitions, one subset per named graph, and
linksets to the vocabularies the data points at (the UN SDG KOS, NUTS, urbankg's own
vocabularies). The VoID dataset is the same resource as the catalogue's whole-graph dataset.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping

import pyoxigraph as ox

from urbankg.catalog import texts
from urbankg.catalog import vocab as v
from urbankg.catalog.deployment import Deployment
from urbankg.catalog.exports import DUMPS
from urbankg.catalog.facts import Facts
from urbankg.graph.store import ONTOLOGY_GRAPH, GraphStore
from urbankg.namespaces import PREFIXES

_SDG = (
    "http://metadata.un.org/sdg/void.ttl#SDG",
    "A Knowledge Organization System for the United Nations Sustainable Development Goals",
    "http://metadata.un.org/sdg/",
)
_UKG = (v.ONTOLOGY, "urbankg ontology and vocabularies", f"{v.ONTOLOGY}/")

#: Datasets the data links to: namespace of the linked IRIs → (dataset IRI, title, URI space).
TARGETS: dict[str, tuple[str, str, str]] = {
    "http://metadata.un.org/sdg/": _SDG,
    "http://data.europa.eu/nuts/code/": (
        "http://data.europa.eu/nuts",
        "NUTS classification",
        "http://data.europa.eu/nuts/code/",
    ),
    **{
        f"{v.ONTOLOGY}/{scheme}/": _UKG
        for scheme in ("theme", "sector", "role", "project-type", "framework")
    },
}

_INTEGER = ox.NamedNode(v.XSD + "integer")


def _int(row: Mapping[str, object], name: str) -> int:
    value = row.get(name)
    return int(value.value) if isinstance(value, ox.Literal) else 0


def _count(n: int) -> ox.Literal:
    return ox.Literal(str(n), datatype=_INTEGER)


def _slug(iri: str) -> str:
    return hashlib.sha256(iri.encode()).hexdigest()[:12]


def _namespace(iri: str) -> str:
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[: cut + 1]


def build_void(store: GraphStore, facts: Facts, dep: Deployment) -> list[ox.Triple]:
    """Build the VoID description.

    Args:
        store: the store (its data graphs are described).
        facts: the catalogue's facts (for the load history).
        dep: the deployment (public URL).

    Returns:
        The triples, in a stable order.
    """
    doc = f"{dep.public}/.well-known/void"
    dataset = ox.NamedNode(f"{dep.document}#urbankg")
    out: dict[ox.Triple, None] = {}

    def add(s: ox.NamedNode, p: str, o: ox.NamedNode | ox.Literal) -> None:
        out[ox.Triple(s, ox.NamedNode(p), o)] = None

    def node(fragment: str) -> ox.NamedNode:
        return ox.NamedNode(f"{doc}#{fragment}")

    bound = {
        "system": ox.NamedNode(store.system_graph),
        "ontology": ox.NamedNode(ONTOLOGY_GRAPH),
        "metrics": ox.NamedNode(store.graph_iri("metrics")),
        "derived": ox.NamedNode(store.derived_graph),
    }
    add(ox.NamedNode(doc), v.RDF + "type", ox.NamedNode(v.VOID + "DatasetDescription"))
    for lang, title in texts.WHOLE_TITLE.items():
        add(ox.NamedNode(doc), v.DCT + "title", ox.Literal(f"VoID: {title}", language=lang))
        add(dataset, v.DCT + "title", ox.Literal(title, language=lang))
    add(ox.NamedNode(doc), v.FOAF + "primaryTopic", dataset)
    add(dataset, v.RDF + "type", ox.NamedNode(v.VOID + "Dataset"))
    add(dataset, v.VOID + "sparqlEndpoint", ox.NamedNode(f"{dep.public}/sparql"))
    add(dataset, v.VOID + "uriSpace", ox.Literal(store.base))
    add(dataset, v.DCT + "license", ox.NamedNode(dep.licence))
    add(dataset, v.DCT + "publisher", ox.NamedNode(dep.publisher_iri))
    add(dataset, v.RDFS + "seeAlso", ox.NamedNode(dep.document))
    modified = facts.modified_of(facts.whole.graphs)
    if modified:
        add(
            dataset,
            v.DCT + "modified",
            ox.Literal(modified, datatype=ox.NamedNode(v.XSD + "dateTime")),
        )
    for name in DUMPS:
        add(dataset, v.VOID + "dataDump", ox.NamedNode(f"{dep.public}/dumps/{name}"))
    for fmt in ("Turtle", "N-Triples", "N-Quads", "TriG", "JSON-LD"):
        add(dataset, v.VOID + "feature", ox.NamedNode(f"http://www.w3.org/ns/formats/{fmt}"))
    stats = store.select_named("void_stats", {**bound, "base": ox.Literal(store.base)})
    row: dict[str, object] = dict(stats[0]) if stats else {}
    for name in ("triples", "entities", "properties"):
        add(dataset, v.VOID + name, _count(_int(row, name)))
    add(dataset, v.VOID + "distinctSubjects", _count(_int(row, "subjects")))
    add(dataset, v.VOID + "distinctObjects", _count(_int(row, "objects")))
    classes = store.select_named("void_classes", bound)
    add(dataset, v.VOID + "classes", _count(len(classes)))
    vocabularies: set[str] = set()
    for r in classes:
        cls = r["class"]
        assert isinstance(cls, ox.NamedNode)
        part = node(f"class-{_slug(cls.value)}")
        add(dataset, v.VOID + "classPartition", part)
        add(part, v.VOID + "class", cls)
        add(part, v.VOID + "entities", _count(_int(r, "entities")))
        vocabularies.add(_namespace(cls.value))
    for r in store.select_named("void_properties", bound):
        prop = r["p"]
        assert isinstance(prop, ox.NamedNode)
        part = node(f"property-{_slug(prop.value)}")
        add(dataset, v.VOID + "propertyPartition", part)
        add(part, v.VOID + "property", prop)
        add(part, v.VOID + "triples", _count(_int(r, "triples")))
        vocabularies.add(_namespace(prop.value))
    known = set(PREFIXES.values()) | set(v.PREFIXES.values())
    for ns in sorted(vocabularies & known):
        add(dataset, v.VOID + "vocabulary", ox.NamedNode(ns))
    for info in store.graph_info():
        if info.iri in facts.whole.graphs:
            part = node(f"graph-{_slug(info.iri)}")
            add(dataset, v.VOID + "subset", part)
            add(part, v.RDF + "type", ox.NamedNode(v.VOID + "Dataset"))
            add(part, v.DCT + "identifier", ox.Literal(info.iri))
            add(part, v.VOID + "triples", _count(info.triples))
            if info.source:
                add(part, v.DCT + "source", ox.Literal(info.source))
    linksets: dict[tuple[str, tuple[str, str, str]], int] = {}
    for r in store.select_named("void_links", bound):
        ns_term, prop = r["ns"], r["p"]
        assert isinstance(ns_term, ox.Literal) and isinstance(prop, ox.NamedNode)
        if ns_term.value in TARGETS:
            key = (prop.value, TARGETS[ns_term.value])
            linksets[key] = linksets.get(key, 0) + _int(r, "links")
    for (prop_iri, (target_iri, title, space)), count in sorted(linksets.items()):
        target = ox.NamedNode(target_iri)
        add(target, v.RDF + "type", ox.NamedNode(v.VOID + "Dataset"))
        add(target, v.DCT + "title", ox.Literal(title, language="en"))
        add(target, v.VOID + "uriSpace", ox.Literal(space))
        links = node(f"links-{_slug(prop_iri + ' ' + target_iri)}")
        add(dataset, v.VOID + "subset", links)
        add(links, v.RDF + "type", ox.NamedNode(v.VOID + "Linkset"))
        add(links, v.VOID + "subjectsTarget", dataset)
        add(links, v.VOID + "objectsTarget", target)
        add(links, v.VOID + "linkPredicate", ox.NamedNode(prop_iri))
        add(links, v.VOID + "triples", _count(count))
    return list(out)
