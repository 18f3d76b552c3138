"""SPARQL Update through the validate-then-commit path.

The update runs on an in-memory staging copy of the store, never on the store itself. The
graphs it changed are found by comparing fingerprints; the nodes it changed in them (and the
nodes pointing at those) are validated with the staging copy as context, and only then are
the graphs written to the store with ``replace_graphs`` (or dropped). Any error
leaves the store as it was. Semantics (decision 0011): WHERE sees the union of the named graphs as
its default graph, as queries do, unless the update or the protocol names a dataset; writes go to
named graphs; the store's own graphs (load provenance, ontology) are not changed by updates.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import pyoxigraph as ox

from urbankg.api.sparql_text import RefusedError, has_dataset_clause, inject_using
from urbankg.graph.derive import refresh_derived
from urbankg.graph.load import ValidationFailedError, reserved_graphs
from urbankg.graph.store import OxigraphStore
from urbankg.graph.validate import Report, validate_quads
from urbankg.namespaces import PREFIXES

#: Changed triples above which validation uses several processes.
PARALLEL_VALIDATION = 40_000


class UpdateError(ValueError):
    """The update is malformed or failed while running (nothing was written)."""


@dataclass
class UpdateResult:
    """What an update changed."""

    changed: list[str] = field(default_factory=list)
    dropped: list[str] = field(default_factory=list)
    ignored: list[str] = field(default_factory=list)
    report: Report = field(default_factory=Report)
    seconds: float = 0.0

    def as_dict(self) -> dict[str, object]:
        """Return a JSON-ready summary."""
        return {
            "changed_graphs": self.changed,
            "dropped_graphs": self.dropped,
            "ignored_managed_graphs": self.ignored,
            "warnings": [f.as_dict() for f in self.report.warnings],
            "seconds": round(self.seconds, 3),
        }


def _fingerprints(
    store: ox.Store,
) -> dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, tuple[int, int]]:
    prints: dict[ox.NamedNode | ox.BlankNode | ox.DefaultGraph, tuple[int, int]] = {}
    for g in store.named_graphs():
        prints[g] = (0, 0)
    for q in store:
        n, h = prints.get(q.graph_name, (0, 0))
        prints[q.graph_name] = (n + 1, (h + hash(q)) & 0xFFFFFFFFFFFFFFFF)
    return prints


def _subject_prints(quads: Iterable[ox.Quad]) -> dict[ox.NamedNode | ox.BlankNode, int]:
    prints: dict[ox.NamedNode | ox.BlankNode, int] = {}
    for q in quads:
        s = q.subject
        if isinstance(s, ox.NamedNode | ox.BlankNode):
            prints[s] = (prints.get(s, 0) + hash(q)) & 0xFFFFFFFFFFFFFFFF
    return prints


def _affected(
    before: ox.Store, after: ox.Store, graphs: Sequence[str], managed: set[str]
) -> ox.Store:
    """What validation must see again: the changed nodes and the nodes that point at them.

    A node changed when its triples in a changed or dropped graph differ between ``before``
    and ``after``. Shapes read a node's own triples and, one step away, the nodes it points
    at (an agent's class, a concept's scheme), so the nodes pointing at a changed node are
    validated again too (as a reload does for its dependents). Returns the after-state
    triples of all of these, in every graph but the store's own.
    """
    changed: set[ox.NamedNode | ox.BlankNode] = set()
    for g in graphs:
        graph = ox.NamedNode(g)
        old = _subject_prints(before.quads_for_pattern(None, None, None, graph))
        new = _subject_prints(after.quads_for_pattern(None, None, None, graph))
        changed.update(s for s in old.keys() | new.keys() if old.get(s) != new.get(s))
    skip = {ox.NamedNode(g) for g in managed}
    focus = set(changed)
    for node in changed:
        for q in after.quads_for_pattern(None, None, node, None):
            if q.graph_name not in skip and isinstance(q.subject, ox.NamedNode | ox.BlankNode):
                focus.add(q.subject)
    out = ox.Store()
    out.extend(
        q
        for s in focus
        for q in after.quads_for_pattern(s, None, None, None)
        if q.graph_name not in skip and not isinstance(q.graph_name, ox.DefaultGraph)
    )
    return out


def apply_update(
    store: OxigraphStore,
    text: str,
    *,
    using: Sequence[str] = (),
    using_named: Sequence[str] = (),
    base_iri: str | None = None,
    workers: int = 0,
) -> UpdateResult:
    """Run a SPARQL update: stage, find the changed graphs, validate them, then commit.

    Args:
        store: the store to change.
        text: the update (already checked for LOAD and SERVICE).
        using: ``using-graph-uri`` values of the protocol.
        using_named: ``using-named-graph-uri`` values of the protocol.
        base_iri: the base IRI of relative IRIs (the endpoint).
        workers: validation processes for large changes.

    Returns:
        What changed.

    Raises:
        RefusedError: the update uses the protocol dataset and USING/WITH together, or writes
            into the default graph.
        UpdateError: the update is malformed or fails.
        ValidationFailedError: the changed graphs have violations (nothing written).
    """
    t0 = time.perf_counter()
    if (using or using_named) and has_dataset_clause(text):
        raise RefusedError(
            "using-graph-uri/using-named-graph-uri cannot be combined with USING or WITH "
            "in the update"
        )
    staging = ox.Store()
    staging.load(store.raw.dump(format=ox.RdfFormat.N_QUADS) or b"", format=ox.RdfFormat.N_QUADS)
    before = _fingerprints(staging)
    if using or using_named:
        runnable = inject_using(text, using, using_named)
    else:
        graphs = store.graph_iris()
        runnable = inject_using(text, graphs, graphs)
    try:
        staging.update(runnable, base_iri=base_iri, prefixes=PREFIXES)
    except SyntaxError as exc:
        message = str(exc)
        try:  # report positions in the client's own text where possible
            ox.Store().update(text, base_iri=base_iri, prefixes=PREFIXES)
        except SyntaxError as original:
            message = str(original)
        except (OSError, RuntimeError, ValueError):
            pass
        raise UpdateError(f"malformed update: {message}") from None
    except (OSError, RuntimeError, ValueError) as exc:
        raise UpdateError(f"the update failed: {exc}") from None
    after = _fingerprints(staging)
    touched = [g for g in before.keys() | after.keys() if before.get(g) != after.get(g)]
    if ox.DefaultGraph() in touched:
        raise RefusedError(
            "the update writes into the default graph; the default graph is the read-only "
            "union of the named graphs: put the triples into a named graph (GRAPH <…> { … })"
        )
    managed = reserved_graphs(store)
    names = sorted(g.value for g in touched if isinstance(g, ox.NamedNode))
    result = UpdateResult(ignored=[g for g in names if g in managed])
    exists = {g.value for g in staging.named_graphs() if isinstance(g, ox.NamedNode)}
    for g in names:
        if g in managed:
            continue
        (result.changed if g in exists else result.dropped).append(g)
    if result.changed or result.dropped:
        affected = _affected(store.raw, staging, [*result.changed, *result.dropped], managed)
        if len(affected):
            result.report = validate_quads(
                affected,
                context=[staging],
                workers=workers if len(affected) > PARALLEL_VALIDATION else 1,
            )
        if not result.report.conforms:
            raise ValidationFailedError(result.report)
    for g in result.changed:
        store.replace_graphs(
            {g: staging.quads_for_pattern(None, None, None, ox.NamedNode(g))},
            source="SPARQL Update",
        )
    for g in result.dropped:
        store.drop_graph(g)
    if result.changed or result.dropped:
        refresh_derived(store)
    result.seconds = time.perf_counter() - t0
    return result
