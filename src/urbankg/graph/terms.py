"""Conversion between rdflib and pyoxigraph terms.

The store speaks pyoxigraph terms; pyshacl and serialisers speak rdflib terms.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

OxTerm = ox.NamedNode | ox.BlankNode | ox.Literal
OxSubject = ox.NamedNode | ox.BlankNode


def to_ox(term: Node) -> OxTerm:
    """Convert an rdflib term to a pyoxigraph term.

    Args:
        term: an rdflib ``URIRef``, ``BNode`` or ``Literal``.

    Returns:
        The equivalent pyoxigraph term.
    """
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype is not None:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"cannot convert {term!r} to a pyoxigraph term")


_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


def to_rdflib(term: OxTerm | ox.Triple) -> Node:
    """Convert a pyoxigraph term to an rdflib term.

    Args:
        term: a pyoxigraph ``NamedNode``, ``BlankNode`` or ``Literal``.

    Returns:
        The equivalent rdflib term (plain ``xsd:string`` literals become untyped literals).
    """
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        dt = term.datatype.value
        if dt == _XSD_STRING:
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(dt))
    raise TypeError(f"cannot convert {term!r} to an rdflib term")


def triples_to_ox(
    triples: Iterable[tuple[Node, Node, Node]], graph: ox.NamedNode | ox.DefaultGraph
) -> Iterator[ox.Quad]:
    """Convert rdflib triples to pyoxigraph quads in ``graph``."""
    for s, p, o in triples:
        subject = to_ox(s)
        predicate = to_ox(p)
        if not isinstance(subject, ox.NamedNode | ox.BlankNode) or not isinstance(
            predicate, ox.NamedNode
        ):
            raise TypeError(f"not a valid triple: {s!r} {p!r} {o!r}")
        yield ox.Quad(subject, predicate, to_ox(o), graph)
