"""The metrics as RDF in the ``metrics`` named graph, with PROV, queryable next to the data.

Actor metrics are stated on the actor IRIs themselves (``?actor ukg:betweenness ?b``), so a
query joins them to the data without a detour. The analysis is a ``ukg:NetworkAnalysis``
(a ``prov:Activity``) that says when it ran (``prov:startedAtTime``/``prov:endedAtTime``), from
which data (``prov:used`` each data graph), with which parameters (``ukg:weighting``,
``ukg:groupLevel``, ``ukg:seed``, ``ukg:parameters`` and ``ukg:filters`` as JSON), and carries the
network-level figures. Per-group E-I and yearly snapshots are nodes of their own. The graph is
replaced as a whole on every write (``store.replace_graphs``); undefined values are left out.
The terms are listed in docs/model.md, "Network metrics".
"""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pyoxigraph as ox

from urbankg.graph.store import GraphStore
from urbankg.network.analysis import Analysis
from urbankg.network.report import node_metrics

_UKG = "https://w3id.org/urbankg/def#"
_PROV = "http://www.w3.org/ns/prov#"
_RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_RDFS_LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
_XSD = "http://www.w3.org/2001/XMLSchema#"
_SECTOR = "https://w3id.org/urbankg/def/sector/"

#: Node metric name (see report.node_metrics) → ukg: property local name.
ACTOR_PROPERTIES = {
    "degree": "degree",
    "strength": "strength",
    "betweenness": "betweenness",
    "cross_sector_betweenness": "crossSectorBetweenness",
    "constraint": "constraint",
    "effective_size": "effectiveSize",
    "ei_index": "eiIndex",
    "community": "community",
    "brokerage_coordinator": "brokerageCoordinator",
    "brokerage_itinerant": "brokerageItinerant",
    "brokerage_representative": "brokerageRepresentative",
    "brokerage_gatekeeper": "brokerageGatekeeper",
    "brokerage_liaison": "brokerageLiaison",
}


def _u(name: str) -> ox.NamedNode:
    return ox.NamedNode(_UKG + name)


def _lit(value: Any) -> ox.Literal:
    if isinstance(value, bool):
        return ox.Literal(str(value).lower(), datatype=ox.NamedNode(_XSD + "boolean"))
    if isinstance(value, int):
        return ox.Literal(str(value), datatype=ox.NamedNode(_XSD + "integer"))
    if isinstance(value, float):
        return ox.Literal(repr(value), datatype=ox.NamedNode(_XSD + "double"))
    return ox.Literal(str(value))


def _time(t: datetime) -> ox.Literal:
    return ox.Literal(t.isoformat(), datatype=ox.NamedNode(_XSD + "dateTime"))


def analysis_iri(store: GraphStore) -> str:
    """Return the IRI of the (single, replaced) network analysis of the store."""
    return f"{store.base}network/analysis"


def metrics_quads(
    store: GraphStore, a: Analysis, started: datetime, ended: datetime
) -> list[ox.Quad]:
    """Return the quads of the metrics graph for analysis ``a``."""
    graph = ox.NamedNode(store.graph_iri("metrics"))
    act = ox.NamedNode(analysis_iri(store))
    quads: list[ox.Quad] = []

    def add(s: ox.NamedNode, p: ox.NamedNode, o: Any) -> None:
        if o is None:
            return
        term = o if isinstance(o, ox.NamedNode | ox.Literal) else _lit(o)
        quads.append(ox.Quad(s, p, term, graph))

    data, g, params = a.network.data, a.network.graph, a.network.params
    add(act, _RDF_TYPE, _u("NetworkAnalysis"))
    add(act, _RDF_TYPE, ox.NamedNode(_PROV + "Activity"))
    add(act, _RDFS_LABEL, ox.Literal("partnership network analysis", language="en"))
    add(act, ox.NamedNode(_PROV + "startedAtTime"), _time(started))
    add(act, ox.NamedNode(_PROV + "endedAtTime"), _time(ended))
    for used in store.data_graph_iris():
        add(act, ox.NamedNode(_PROV + "used"), ox.NamedNode(used))
    add(act, ox.NamedNode(_PROV + "generated"), graph)
    add(act, _u("weighting"), params.weighting)
    add(act, _u("groupLevel"), params.group_by)
    add(act, _u("seed"), params.seed)
    add(act, _u("parameters"), json.dumps(params.as_dict(), sort_keys=True))
    add(act, _u("filters"), json.dumps(data.filters.as_dict(), sort_keys=True))
    add(act, _u("actorCount"), g.number_of_nodes())
    add(act, _u("tieCount"), g.number_of_edges())
    if a.ei is not None:
        add(act, _u("eiIndex"), a.ei.ei)
        add(act, _u("eiBaseline"), a.ei.baseline)
        for name, ge in a.ei.groups.items():
            node = ox.NamedNode(f"{act.value}/group/{name}")
            add(node, _RDF_TYPE, _u("GroupMetrics"))
            add(node, ox.NamedNode(_PROV + "wasGeneratedBy"), act)
            if name != "unknown":
                add(node, _u("group"), ox.NamedNode(_SECTOR + name))
            add(node, _u("actorCount"), ge.size)
            add(node, _u("eiIndex"), ge.ei)
            add(node, _u("eiBaseline"), ge.baseline)
    if a.ei_permutation is not None:
        add(act, _u("eiPermutationMean"), a.ei_permutation.mean)
        add(act, _u("eiPValueLower"), a.ei_permutation.p_lower)
        add(act, _u("eiPValueUpper"), a.ei_permutation.p_upper)
    if "mixing" in a.measures:
        add(act, _u("assortativity"), a.assortativity)
    if "communities" in a.measures:
        add(act, _u("modularity"), a.modularity)
        add(act, _u("communityNmi"), a.nmi)
    if a.helix:
        add(act, _u("tripleHelixMI"), a.helix["triple_helix_mi"])
        add(act, _u("quadrupleHelixMI"), a.helix["quadruple_helix_mi"])
    for snap in a.snapshots:
        node = ox.NamedNode(f"{act.value}/year/{snap.year}")
        add(node, _RDF_TYPE, _u("YearSnapshot"))
        add(node, ox.NamedNode(_PROV + "wasGeneratedBy"), act)
        add(node, _u("year"), ox.Literal(str(snap.year), datatype=ox.NamedNode(_XSD + "gYear")))
        add(node, _u("tieCount"), snap.ties)
        add(node, _u("newTieCount"), snap.new_ties)
        add(node, _u("newCrossSectorTieCount"), snap.new_cross_sector_ties)
        add(node, _u("churn"), snap.churn)
    for v, metrics in node_metrics(a).items():
        actor = ox.NamedNode(g.nodes[v]["iri"])
        for key, prop in ACTOR_PROPERTIES.items():
            add(actor, _u(prop), metrics.get(key))
        if v in a.positions:
            x, y = a.positions[v]
            add(actor, _u("layoutX"), float(x))
            add(actor, _u("layoutY"), float(y))
    return quads


def write_metrics_graph(
    store: GraphStore,
    a: Analysis,
    *,
    started: datetime | None = None,
    now: Callable[[], datetime] | None = None,
) -> int:
    """Replace the store's ``metrics`` graph by the results of ``a``.

    Args:
        store: the store.
        a: the analysis.
        started: when the analysis started (default: now).
        now: the clock (injected by tests).

    Returns:
        The number of quads written.
    """
    clock = now or (lambda: datetime.now(UTC))
    begun = started or clock()
    quads = metrics_quads(store, a, begun, clock())
    store.replace_graphs({store.graph_iri("metrics"): quads}, source="network analysis")
    return len(quads)


def stored_positions(store: GraphStore) -> dict[str, tuple[float, float]]:
    """Return actor IRI → (x, y) from the metrics graph (empty when none are stored)."""
    rows = store.select_named("network_positions", {"g": ox.NamedNode(store.graph_iri("metrics"))})
    return {r["a"].value: (float(r["x"].value), float(r["y"].value)) for r in rows}
