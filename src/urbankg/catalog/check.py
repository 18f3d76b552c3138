"""A built-in check of the properties DCAT-AP 3 makes mandatory, run on every catalogue made.

The official DCAT-AP shapes are not shipped with urbankg (``urbankg catalog --validate`` runs
them, see :mod:`urbankg.catalog.validate`); this check guards the server and the command
against serving a catalogue that misses a mandatory property, whatever the data or settings.
"""

from __future__ import annotations

from collections import defaultdict

import pyoxigraph as ox

from urbankg.catalog import vocab as v
from urbankg.catalog.errors import CatalogError

#: class → (property, minimum count, maximum count or None, value kind "literal"/"iri"/None).
MANDATORY: dict[str, list[tuple[str, int, int | None, str | None]]] = {
    v.DCAT + "Catalog": [
        (v.DCT + "title", 1, None, "literal"),
        (v.DCT + "description", 1, None, "literal"),
        (v.DCT + "publisher", 1, 1, "iri"),
    ],
    v.DCAT + "Dataset": [
        (v.DCT + "title", 1, None, "literal"),
        (v.DCT + "description", 1, None, "literal"),
    ],
    v.DCAT + "Distribution": [
        (v.DCAT + "accessURL", 1, None, "iri"),
        (v.DCAT + "mediaType", 0, 1, "iri"),
        (v.DCT + "format", 0, 1, "iri"),
        (v.DCAT + "byteSize", 0, 1, "literal"),
    ],
    v.DCAT + "DataService": [
        (v.DCT + "title", 1, None, "literal"),
        (v.DCAT + "endpointURL", 1, None, "iri"),
    ],
    v.FOAF + "Agent": [(v.FOAF + "name", 1, None, "literal")],
    v.SPDX + "Checksum": [
        (v.SPDX + "algorithm", 1, 1, "iri"),
        (v.SPDX + "checksumValue", 1, 1, "literal"),
    ],
    v.SKOS + "Concept": [(v.SKOS + "prefLabel", 1, None, "literal")],
    v.SKOS + "ConceptScheme": [(v.DCT + "title", 1, None, "literal")],
}


def check_catalog(triples: list[ox.Triple]) -> None:
    """Refuse a catalogue that misses a property DCAT-AP 3 requires.

    Raises:
        CatalogError: naming the resource, its class and the property.
    """
    types: dict[object, set[str]] = defaultdict(set)
    values: dict[tuple[object, str], list[object]] = defaultdict(list)
    for t in triples:
        if t.predicate == v.RDF_TYPE and isinstance(t.object, ox.NamedNode):
            types[t.subject].add(t.object.value)
        values[(t.subject, t.predicate.value)].append(t.object)
    if not any(v.DCAT + "Catalog" in classes for classes in types.values()):
        raise CatalogError("the catalogue has no dcat:Catalog")
    for subject, classes in types.items():
        for cls in sorted(classes):
            for prop, low, high, kind in MANDATORY.get(cls, []):
                found = values.get((subject, prop), [])
                if len(found) < low or (high is not None and len(found) > high):
                    raise CatalogError(
                        f"invalid catalogue: {subject} ({cls}) has {len(found)} {prop}, "
                        f"DCAT-AP requires {low}..{high if high is not None else 'n'}"
                    )
                wrong = [
                    o
                    for o in found
                    if (kind == "literal" and not isinstance(o, ox.Literal))
                    or (kind == "iri" and not isinstance(o, ox.NamedNode))
                    or (isinstance(o, ox.Literal) and not o.value.strip())
                ]
                if wrong:
                    raise CatalogError(
                        f"invalid catalogue: {subject} ({cls}) has a bad {prop}: {wrong[0]}"
                    )
