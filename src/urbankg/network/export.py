"""Exports of an analysed network: web JSON, GEXF (with time), GraphML and CSV.

Every node in every export carries its IRI (the ``iri`` attribute; also the node id) so that
results join back to SPARQL. Every export names the weighting of its tie weights. Undefined
values (``None``) are ``null`` in JSON, empty cells in CSV and absent attributes in GEXF/GraphML;
no export ever holds NaN.
"""

from __future__ import annotations

import csv
import io
import json
import math
from typing import IO, Any

import networkx as nx

from urbankg.network.analysis import Analysis
from urbankg.network.metrics import actor_years, tie_years
from urbankg.network.projection import WEIGHTING_NOTES
from urbankg.network.report import check_finite, node_metrics, summary

FORMATS = ("json", "gexf", "graphml", "csv")
CSV_TABLES = ("edges", "nodes")

_NODE_METRICS = (
    "degree",
    "strength",
    "betweenness",
    "cross_sector_betweenness",
    "constraint",
    "effective_size",
    "ei_index",
    "community",
    "brokerage_coordinator",
    "brokerage_itinerant",
    "brokerage_representative",
    "brokerage_gatekeeper",
    "brokerage_liaison",
    "brokerage_total",
)


def _labels(d: dict[str, Any]) -> dict[str, str]:
    return {lang: d[f"label_{lang}"] for lang in ("fi", "sv", "en") if d.get(f"label_{lang}")}


def web_json(a: Analysis, *, positions_source: str = "computed") -> dict[str, Any]:
    """Return the JSON document of the web view.

    Args:
        a: the analysis.
        positions_source: ``computed`` or ``stored`` (said in ``meta``).

    Returns:
        ``{"meta", "summary", "nodes", "edges", "initiatives"}``; nodes carry ``id`` = ``iri``,
        labels fi/sv/en, sector, helix, group, metrics and x/y in [−1, 1]; edges carry weight,
        count, initiatives and ``cross_sector``.
    """
    g, data = a.network.graph, a.network.data
    metrics = node_metrics(a)
    nodes = []
    for v, d in g.nodes(data=True):
        x, y = a.positions.get(v, (None, None))
        nodes.append(
            {
                "id": d["iri"],
                "iri": d["iri"],
                "label": d["label"],
                "labels": _labels(d),
                "sector": d["sector"],
                "helix": d["helix"],
                "group": d["group"],
                "metrics": metrics[v],
                "x": x,
                "y": y,
            }
        )
    edges = [
        {
            "source": u,
            "target": v,
            "weight": round(d["weight"], 6),
            "count": d["count"],
            "initiatives": list(d["initiatives"]),
            "cross_sector": d["cross_sector"],
        }
        for u, v, d in g.edges(data=True)
    ]
    initiatives = {
        iri: {
            "kind": i.kind,
            "labels": i.labels,
            "start": i.start,
            "end": i.end,
            "themes": list(i.themes),
            "programmes": list(i.programmes),
        }
        for iri, i in data.initiatives.items()
    }
    p = a.network.params
    meta = {
        "weighting": p.weighting,
        "weighting_note": WEIGHTING_NOTES[p.weighting],
        "group_by": p.group_by,
        "cross_sector": f"the two actors' {p.group_by} differ",
        "filters": data.filters.as_dict(),
        "measures": sorted(a.measures),
        "positions": positions_source if a.positions else None,
        "seed": p.seed,
        "nodes": len(nodes),
        "edges": len(edges),
        "note": data.note,
    }
    doc = {
        "meta": meta,
        "summary": summary(a),
        "nodes": nodes,
        "edges": edges,
        "initiatives": initiatives,
    }
    # summary() checks itself; weights and positions are finite by construction.
    return _checked_metrics(doc)


def _checked_metrics(doc: dict[str, Any]) -> dict[str, Any]:
    for node in doc["nodes"]:
        # Node metrics are flat: check their floats directly, name the place on a failure.
        if not all(math.isfinite(x) for x in node["metrics"].values() if isinstance(x, float)):
            check_finite(node["metrics"], f"json.nodes[{node['iri']}].metrics")
    return doc


def dump_json(doc: Any, out: IO[str]) -> None:
    """Write ``doc`` as JSON (NaN refused) with a final newline."""
    json.dump(doc, out, ensure_ascii=False, indent=2, allow_nan=False)
    out.write("\n")


def _spells(years: set[int]) -> list[tuple[str, str]]:
    """Turn a set of years into GEXF date spells of consecutive years."""
    spells: list[tuple[str, str]] = []
    for y in sorted(years):
        if spells and spells[-1][1] == f"{y - 1}-12-31":
            spells[-1] = (spells[-1][0], f"{y}-12-31")
        else:
            spells.append((f"{y}-01-01", f"{y}-12-31"))
    return spells


def _flat_graph(a: Analysis, *, time: bool) -> nx.Graph:
    """Copy the network with scalar attributes only (None dropped) for GEXF and GraphML."""
    g, data, p = a.network.graph, a.network.data, a.network.params
    metrics = node_metrics(a)
    flat = nx.Graph(weighting=p.weighting, group_by=p.group_by, note=WEIGHTING_NOTES[p.weighting])
    a_years = actor_years(data)
    t_years = tie_years(data)
    for v, d in g.nodes(data=True):
        attrs: dict[str, Any] = {
            k: d[k] for k in ("iri", "label", "sector", "helix", "group") if d.get(k) is not None
        }
        attrs.update({f"label_{k}": s for k, s in _labels(d).items()})
        attrs.update({k: x for k, x in metrics[v].items() if x is not None})
        if v in a.positions:
            x, y = a.positions[v]
            if time:
                attrs["viz"] = {"position": {"x": x * 1000, "y": y * 1000, "z": 0.0}}
            else:
                attrs["x"], attrs["y"] = x, y
        years = a_years.get(v, set())
        if time and years:
            attrs["spells"] = _spells(years)
        elif years:
            attrs["first_year"], attrs["last_year"] = min(years), max(years)
        flat.add_node(v, **attrs)
    for u, v, d in g.edges(data=True):
        attrs = {
            "weight": float(d["weight"]),
            "count": int(d["count"]),
            "cross_sector": bool(d["cross_sector"]),
            "initiatives": " ".join(d["initiatives"]),
        }
        years = t_years.get((u, v) if str(u) < str(v) else (v, u), set())
        if time and years:
            attrs["spells"] = _spells(years)
        elif years:
            attrs["first_year"], attrs["last_year"] = min(years), max(years)
        flat.add_edge(u, v, **attrs)
    return flat


def write_gexf(a: Analysis, out: IO[bytes]) -> None:
    """Write GEXF 1.2 with yearly spells on nodes and ties (Gephi's timeline), positions in viz."""
    nx.write_gexf(_flat_graph(a, time=True), out, encoding="utf-8", prettyprint=True)


def write_graphml(a: Analysis, out: IO[bytes]) -> None:
    """Write GraphML with first/last active year, positions and metrics as attributes."""
    nx.write_graphml(_flat_graph(a, time=False), out, encoding="utf-8", prettyprint=True)


def edges_csv(a: Analysis) -> str:
    """Return the ties as CSV (one row per tie; the weighting in its own column)."""
    g, p = a.network.graph, a.network.params
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(
        [
            "source",
            "target",
            "source_label",
            "target_label",
            "source_group",
            "target_group",
            "weight",
            "weighting",
            "count",
            "cross_sector",
            "initiatives",
        ]
    )
    for u, v, d in g.edges(data=True):
        nu, nv = g.nodes[u], g.nodes[v]
        w.writerow(
            [
                nu["iri"],
                nv["iri"],
                nu["label"],
                nv["label"],
                nu["group"],
                nv["group"],
                round(d["weight"], 6),
                p.weighting,
                d["count"],
                str(d["cross_sector"]).lower(),
                " ".join(d["initiatives"]),
            ]
        )
    return buf.getvalue()


def nodes_csv(a: Analysis) -> str:
    """Return the actors and their metrics as CSV (empty cell: undefined or not computed)."""
    g = a.network.graph
    metrics = node_metrics(a)
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    head = [
        "iri",
        "label",
        "label_fi",
        "label_sv",
        "label_en",
        "sector",
        "helix",
        "group",
        "x",
        "y",
    ]
    w.writerow(head + list(_NODE_METRICS))
    for v, d in g.nodes(data=True):
        x, y = a.positions.get(v, (None, None))
        row: list[Any] = [d["iri"], d["label"]]
        row += [d.get(f"label_{k}", "") for k in ("fi", "sv", "en")]
        row += [d["sector"], d["helix"], d["group"], x, y]
        row += [metrics[v].get(k) for k in _NODE_METRICS]
        w.writerow(["" if c is None else c for c in row])
    return buf.getvalue()
