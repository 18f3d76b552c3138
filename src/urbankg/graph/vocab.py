"""The ontology and vocabularies, loaded once into an in-memory store.

Importers use it to check slugs (themes, sectors, roles, project types, frameworks, SDGs) and
validation uses it as context.
"""

from __future__ import annotations

from functools import cache

import pyoxigraph as ox

from urbankg.namespaces import DEF, SDG
from urbankg.resources import ontology_files

_SKOS = "http://www.w3.org/2004/02/skos/core#"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")

#: Scheme IRIs by short name.
SCHEMES = {
    "theme": f"{DEF}/theme",
    "sector": f"{DEF}/sector",
    "role": f"{DEF}/role",
    "project-type": f"{DEF}/project-type",
    "framework": f"{DEF}/framework",
    "sdg": "http://metadata.un.org/sdg",
}


@cache
def vocab_store() -> ox.Store:
    """Return an in-memory store holding every ontology and vocabulary file (loaded once)."""
    store = ox.Store()
    for f in ontology_files():
        store.load(f.read_bytes(), format=ox.RdfFormat.TURTLE, base_iri=DEF)
    return store


def _in_scheme(scheme: str) -> list[str]:
    store = vocab_store()
    return [
        q.subject.value
        for q in store.quads_for_pattern(
            None, ox.NamedNode(_SKOS + "inScheme"), ox.NamedNode(SCHEMES[scheme]), None
        )
        if isinstance(q.subject, ox.NamedNode)
    ]


@cache
def concept_slugs(scheme: str) -> frozenset[str]:
    """Return the slugs (last IRI segment) of every concept of a scheme, e.g. ``"role"``."""
    prefix = SCHEMES[scheme] + "/"
    return frozenset(iri[len(prefix) :] for iri in _in_scheme(scheme) if iri.startswith(prefix))


@cache
def actor_type_slugs() -> frozenset[str]:
    """Return the sector concepts that are actor types (they have a broader helix concept)."""
    store = vocab_store()
    prefix = SCHEMES["sector"] + "/"
    broader = ox.NamedNode(_SKOS + "broader")
    return frozenset(
        q.subject.value[len(prefix) :]
        for q in store.quads_for_pattern(None, broader, None, None)
        if isinstance(q.subject, ox.NamedNode) and q.subject.value.startswith(prefix)
    )


@cache
def helix_of() -> dict[str, str]:
    """Map each actor-type slug to its helix slug (public, research, business, civil-society)."""
    store = vocab_store()
    prefix = SCHEMES["sector"] + "/"
    broader = ox.NamedNode(_SKOS + "broader")
    out: dict[str, str] = {}
    for q in store.quads_for_pattern(None, broader, None, None):
        s, o = q.subject, q.object
        if (
            isinstance(s, ox.NamedNode)
            and isinstance(o, ox.NamedNode)
            and s.value.startswith(prefix)
            and o.value.startswith(prefix)
        ):
            out[s.value[len(prefix) :]] = o.value[len(prefix) :]
    return out


@cache
def sdg_codes() -> frozenset[str]:
    """Return the notations of every SDG goal and target we know (``"11"``, ``"11.3"``)."""
    base = str(SDG)
    return frozenset(i[len(base) :] for i in _in_scheme("sdg") if i.startswith(base))
