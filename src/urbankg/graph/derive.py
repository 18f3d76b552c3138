"""Facts the store derives after every write: SDG goals from themes (``ukg:derivedSdg``).

The theme scheme links themes to UN SDG goals with editorial ``skos:closeMatch`` links (see
``ontology/themes.ttl``; the programme does not assert them). Every initiative with a theme gets
those goals as ``ukg:derivedSdg`` (a sub-theme also those of the themes above it), never as
``ukg:sdg``, which stays what a source says. The derived triples are a computed graph,
``{base}graph/derived``, like the network metrics: recomputed from the source graphs after
every load, update or drop, with a provenance record, and seen by every query (the default
graph is the union); source graphs stay exactly what their files say.
"""

from __future__ import annotations

from functools import cache

import pyoxigraph as ox

from urbankg.graph.base import GraphStore
from urbankg.graph.vocab import vocab_store
from urbankg.namespaces import SDG, THEME

DERIVED_SDG = ox.NamedNode("https://w3id.org/urbankg/def#derivedSdg")
SOURCE = "ukg:derivedSdg from the themes' editorial skos:closeMatch links (ontology/themes.ttl)"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_SUBJECT = ox.NamedNode("http://purl.org/dc/terms/subject")


@cache
def theme_goals() -> dict[str, frozenset[str]]:
    """Return theme IRI → the SDG goal IRIs it (or a broader theme) is a close match of."""
    vocab = vocab_store()
    matches: dict[str, set[str]] = {}
    parents: dict[str, set[str]] = {}
    for q in vocab.quads_for_pattern(None, ox.NamedNode(_SKOS + "closeMatch"), None, None):
        s, o = q.subject, q.object
        if (
            isinstance(s, ox.NamedNode)
            and isinstance(o, ox.NamedNode)
            and s.value.startswith(str(THEME))
            and o.value.startswith(str(SDG))
        ):
            matches.setdefault(s.value, set()).add(o.value)
    for q in vocab.quads_for_pattern(None, ox.NamedNode(_SKOS + "broader"), None, None):
        s, o = q.subject, q.object
        if (
            isinstance(s, ox.NamedNode)
            and isinstance(o, ox.NamedNode)
            and s.value.startswith(str(THEME))
        ):
            parents.setdefault(s.value, set()).add(o.value)

    def goals(theme: str, seen: frozenset[str]) -> set[str]:
        found = set(matches.get(theme, ()))
        for parent in parents.get(theme, ()):
            if parent not in seen:
                found |= goals(parent, seen | {theme})
        return found

    table = {t: frozenset(goals(t, frozenset())) for t in set(matches) | set(parents)}
    return {t: g for t, g in table.items() if g}


def refresh_derived(store: GraphStore) -> int:
    """Recompute the graph of derived facts from the source graphs of ``store``.

    Returns:
        The number of derived triples now stored.
    """
    target = store.derived_graph
    table = theme_goals()
    graph = ox.NamedNode(target)
    found: dict[ox.Quad, None] = {}
    for g in store.data_graph_iris():
        for q in store.quads(None, _SUBJECT, None, ox.NamedNode(g)):
            if isinstance(q.object, ox.NamedNode):
                for goal in sorted(table.get(q.object.value, ())):
                    found[ox.Quad(q.subject, DERIVED_SDG, ox.NamedNode(goal), graph)] = None
    if not found and target not in store.graph_iris():
        return 0
    store.replace_graphs({target: list(found)}, source=SOURCE)
    return len(found)
