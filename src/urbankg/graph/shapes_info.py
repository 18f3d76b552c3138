"""What validation needs to know about the bundled shapes, read once per process.

pyshacl flips rdflib globals while it loads shapes, so the shapes graph is parsed once here and
reused. From it come the messages of every shape and the predicates a chunk's context must
carry (see :class:`urbankg.graph.validate.Context`).
"""

from __future__ import annotations

from functools import cache

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH
from rdflib.term import Node

from urbankg.resources import shapes_files

_PATH_KEYS = (SH.inversePath, SH.alternativePath, SH.zeroOrMorePath, SH.oneOrMorePath)


@cache
def shapes_graph() -> Graph:
    """Return the union of the bundled shapes files, parsed once per process."""
    g = Graph()
    for f in shapes_files():
        g.parse(data=f.read_text(encoding="utf-8"), format="turtle")
    return g


@cache
def inverse_predicates() -> frozenset[str]:
    """Return the predicates the shapes follow backwards (``sh:inversePath``)."""
    g = shapes_graph()
    return frozenset(str(o) for o in g.objects(None, SH.inversePath) if isinstance(o, URIRef))


@cache
def shape_messages() -> dict[str, dict[str | None, str]]:
    """Return each shape's ``sh:message`` texts by language tag."""
    g = shapes_graph()
    out: dict[str, dict[str | None, str]] = {}
    for shape, msg in g.subject_objects(SH.message):
        if isinstance(msg, Literal):
            out.setdefault(str(shape), {})[msg.language] = str(msg)
    return out


def _path_predicates(g: Graph, path: Node) -> set[str]:
    """Every predicate a SHACL path uses."""
    if isinstance(path, URIRef):
        return {str(path)}
    out: set[str] = set()
    if isinstance(path, BNode):
        if (path, RDF.first, None) in g:
            for item in Collection(g, path):
                out |= _path_predicates(g, item)
        for key in (*_PATH_KEYS, SH.zeroOrOnePath):
            for o in g.objects(path, key):
                out |= _path_predicates(g, o)
    return out


def _later_steps(g: Graph, path: Node) -> set[str]:
    """The predicates a path reads after its first step (on nodes other than the focus)."""
    out: set[str] = set()
    if isinstance(path, BNode) and (path, RDF.first, None) in g:
        items = list(Collection(g, path))
        for item in items[1:]:
            out |= _path_predicates(g, item)
        if items:
            out |= _later_steps(g, items[0])
    elif isinstance(path, BNode):
        for key in (SH.zeroOrMorePath, SH.oneOrMorePath):
            for o in g.objects(path, key):
                out |= _path_predicates(g, o)
    return out


def _members(g: Graph, shape: Node) -> list[Node]:
    """The shapes that ``shape`` applies to the same node as itself."""
    out: list[Node] = [o for key in (SH.node, SH["not"]) for o in g.objects(shape, key)]
    for key in (SH["or"], SH["and"], SH.xone):
        for lst in g.objects(shape, key):
            out.extend(Collection(g, lst))
    return out


def _on_values(g: Graph, shape: Node, seen: set[Node]) -> set[str]:
    """Every predicate a shape applied to a value node reads on that node and beyond."""
    if shape in seen:
        return set()
    seen.add(shape)
    out: set[str] = set()
    for path in g.objects(shape, SH.path):
        out |= _path_predicates(g, path)
    for o in [*_members(g, shape), *g.objects(shape, SH.property)]:
        out |= _on_values(g, o, seen)
    for o in g.objects(shape, SH.qualifiedValueShape):
        out |= _on_values(g, o, seen)
    return out


def _on_focus(g: Graph, shape: Node, seen: set[Node]) -> set[str]:
    """What a shape applied to a focus node reads on nodes other than the focus node."""
    if shape in seen:
        return set()
    seen.add(shape)
    out: set[str] = set()
    paths = list(g.objects(shape, SH.path))
    for path in paths:
        out |= _later_steps(g, path)
    if paths:  # a property shape: what it applies to its values
        for o in [*_members(g, shape), *g.objects(shape, SH.qualifiedValueShape)]:
            out |= _on_values(g, o, set())
    else:  # a node shape: its members and property shapes start at the same node
        for o in [*_members(g, shape), *g.objects(shape, SH.property)]:
            out |= _on_focus(g, o, seen)
    return out


@cache
def value_predicates() -> frozenset[str]:
    """Return the predicates the shapes read on nodes other than the focus node.

    These are the steps after the first of a sequence path, and every path of a shape applied
    to value nodes (``sh:node``, ``sh:qualifiedValueShape``, the members of
    ``sh:or``/``sh:and``/``sh:xone``/``sh:not`` on a property shape, with their own
    ``sh:property`` shapes); ``rdf:type`` (for ``sh:class``) always. For ``shapes/`` that is
    rdf:type, skos:inScheme, skos:broader, skos:topConceptOf and prov:agent: nothing else of a
    referenced node matters to validation, so a chunk's context carries only these (measured at
    100k triples: context 5x faster to build, pyshacl on 1.35x the data instead of 3.2x).
    """
    g = shapes_graph()
    found = {str(RDF.type)}
    shapes = set(g.subjects(SH.path, None)) | set(g.subjects(RDF.type, SH.NodeShape))
    for shape in shapes:
        found |= _on_focus(g, shape, set())
    return frozenset(found)
