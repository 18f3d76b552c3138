"""JSON-ready views of an analysis: per-node metrics and the network-level summary.

Every number is a finite float or int or ``None`` (undefined, documented per measure in
``docs/network.md``); :func:`check_finite` guards the outputs so that no NaN or infinity reaches
JSON, CSV or RDF.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any, TypeVar

import networkx as nx

from urbankg.network.analysis import Analysis
from urbankg.network.metrics import ROLES
from urbankg.network.projection import WEIGHTING_NOTES

#: How many actors the summary lists per ranking.
TOP = 5

Number = int | float | None
T = TypeVar("T")


def check_finite(value: T, where: str = "value") -> T:
    """Return ``value`` unchanged after checking that no float inside it is NaN or infinite.

    Raises:
        ValueError: naming the place of the first non-finite float.
    """
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError(f"non-finite number at {where}: {value}")
    if isinstance(value, Mapping):
        for k, v in value.items():
            check_finite(v, f"{where}.{k}")
    elif isinstance(value, list | tuple):
        for i, v in enumerate(value):
            check_finite(v, f"{where}[{i}]")
    return value


def _r(x: Number, digits: int = 6) -> Number:
    """Round floats for stable output (ints and None pass)."""
    return round(x, digits) + 0.0 if isinstance(x, float) else x


def node_metrics(a: Analysis) -> dict[Any, dict[str, Number]]:
    """Return node → metric name → value for the measures computed.

    Names: ``degree``, ``strength``, ``constraint``, ``effective_size``, ``ei_index``,
    ``betweenness``, ``cross_sector_betweenness``, ``community``, ``brokerage_<role>`` and
    ``brokerage_total``.
    """
    out: dict[Any, dict[str, Number]] = {}
    com = {v: k for k, members in enumerate(a.communities) for v in members}
    for v in a.network.graph.nodes:
        m: dict[str, Number] = {}
        if "degree" in a.measures:
            m["degree"] = a.degree[v]
            m["strength"] = _r(a.strength[v])
        if "holes" in a.measures:
            m["constraint"] = _r(a.constraint[v])
            m["effective_size"] = _r(a.effective_size[v])
        if a.ei is not None:
            m["ei_index"] = _r(a.ei.actors[v])
        if a.betweenness is not None:
            m["betweenness"] = _r(a.betweenness.betweenness[v])
            m["cross_sector_betweenness"] = _r(a.betweenness.cross_sector[v])
        if a.communities:
            m["community"] = com[v]
        if a.brokerage:
            roles = a.brokerage[v]
            for role in ROLES:
                m[f"brokerage_{role}"] = roles[role]
            m["brokerage_total"] = sum(roles.values())
        out[v] = m
    return out


def _actor(g: nx.Graph, v: Any, value: Number) -> dict[str, Any]:
    d = g.nodes[v]
    return {"iri": d["iri"], "label": d["label"], "group": d["group"], "value": _r(value)}


def _top(g: nx.Graph, values: Mapping[Any, Number], n: int = TOP) -> list[dict[str, Any]]:
    ranked = sorted(
        ((v, x) for v, x in values.items() if x is not None and x > 0),
        key=lambda item: (-float(item[1] or 0), str(item[0])),
    )
    return [_actor(g, v, x) for v, x in ranked[:n]]


def _matrix(m: Mapping[str, Mapping[str, float]], as_int: bool) -> dict[str, Any]:
    names = list(m)
    rows = [[int(m[a][b]) if as_int else _r(m[a][b]) for b in names] for a in names]
    return {"groups": names, "matrix": rows}


def summary(a: Analysis) -> dict[str, Any]:
    """Return the network-level results as a JSON-ready dictionary (sections per measure)."""
    net, g, data = a.network, a.network.graph, a.network.data
    n, m = g.number_of_nodes(), g.number_of_edges()
    kinds = [i.kind for i in data.initiatives.values()]
    out: dict[str, Any] = {
        "network": {
            "actors": n,
            "ties": m,
            "cross_sector_ties": sum(1 for *_, c in g.edges(data="cross_sector") if c),
            "initiatives": len(kinds),
            "projects": kinds.count("project"),
            "programmes": kinds.count("programme"),
            "participations": len(data.participations),
            "isolates": nx.number_of_isolates(g),
            "components": nx.number_connected_components(g) if n else 0,
            "density": _r(nx.density(g)) if n > 1 else None,
        },
        "weighting": net.params.weighting,
        "weighting_note": WEIGHTING_NOTES[net.params.weighting],
        "group_by": net.params.group_by,
        "filters": data.filters.as_dict(),
        "parameters": net.params.as_dict(),
        "measures": sorted(a.measures),
        "note": data.note,
    }
    if a.ei is not None:
        out["ei"] = _ei_section(a)
    if "mixing" in a.measures:
        out["assortativity"] = _r(a.assortativity)
        out["mixing"] = {
            "ties": _matrix(a.mixing, as_int=True),
            "weights": _matrix(a.mixing_weighted, as_int=False),
        }
    if a.helix:
        h = a.helix
        out["helix"] = {
            "initiatives": h["initiatives"],
            "spans": {str(k): v for k, v in h["spans"].items()},
            "shares": {str(k): _r(v) for k, v in h["shares"].items()},
            "triple_helix_mi_bits": _r(h["triple_helix_mi"]),
            "quadruple_helix_mi_bits": _r(h["quadruple_helix_mi"]),
        }
    if a.arcs is not None:
        totals = {r: sum(c[r] for c in a.brokerage.values()) for r in ROLES}
        out["brokerage"] = {
            "arcs": a.arcs.mode,
            "arcs_note": a.arcs.describe(),
            "totals": totals,
            "top": {r: _top(g, {v: c[r] for v, c in a.brokerage.items()}) for r in ROLES},
        }
    if a.betweenness is not None:
        b = a.betweenness
        out["betweenness"] = {
            "exact": b.exact,
            "sources": b.sources,
            "top": _top(g, b.betweenness),
            "top_cross_sector": _top(g, b.cross_sector),
            "pair_brokers": {
                k: {c: _r(x) for c, x in v.items()} for k, v in b.pair_brokers.items()
            },
        }
    if "communities" in a.measures:
        out["communities"] = {
            "count": len(a.communities),
            "modularity": _r(a.modularity),
            "nmi_with_groups": _r(a.nmi),
            "communities": [
                {"community": c.community, "size": c.size, "groups": c.groups, "blau": _r(c.blau)}
                for c in a.community_mix
            ],
        }
    if "snapshots" in a.measures:
        out["years"] = [{**vars(s), "churn": _r(s.churn)} for s in a.snapshots]
        out["undated_initiatives"] = a.undated
    return check_finite(out, "summary")


def _ei_section(a: Analysis) -> dict[str, Any]:
    e = a.ei
    assert e is not None
    perm = a.ei_permutation
    groups = []
    for name, ge in e.groups.items():
        row: dict[str, Any] = {
            "group": name,
            "actors": ge.size,
            "external": ge.external,
            "internal": ge.internal,
            "ei": _r(ge.ei),
            "baseline": _r(ge.baseline),
        }
        if perm is not None and name in perm.groups:
            row.update({k: _r(v) for k, v in perm.groups[name].items()})
        groups.append(row)
    section: dict[str, Any] = {
        "ties": "binary",
        "external": e.external,
        "internal": e.internal,
        "observed": _r(e.ei),
        "baseline": _r(e.baseline),
        "groups": groups,
    }
    if perm is not None:
        section["permutation"] = {
            "permutations": perm.permutations,
            "seed": perm.seed,
            "mean": _r(perm.mean),
            "sd": _r(perm.sd),
            "p_lower": _r(perm.p_lower),
            "p_upper": _r(perm.p_upper),
        }
    return section
