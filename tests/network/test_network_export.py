"""Exports: web JSON (never NaN), GEXF with time, GraphML, CSV; every node carries its IRI."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import networkx as nx
import pytest

from urbankg.graph.errors import InputError
from urbankg.graph.load import load_sources
from urbankg.graph.store import OxigraphStore, open_store
from urbankg.network import (
    ALL,
    AnalysisParams,
    NetworkCache,
    NetworkFilters,
    analyse,
    analyse_store,
    build_network,
    edges_csv,
    export_network,
    network_json,
    nodes_csv,
    update_metrics_graph,
    web_json,
)

ID = "https://w3id.org/urbankg/id/"


def _export(store: OxigraphStore, fmt: str, **kw: object) -> bytes:
    out = io.BytesIO()
    export_network(store, fmt, out, **kw)  # type: ignore[arg-type]
    return out.getvalue()


def test_web_json_nodes_and_edges(mini_store: OxigraphStore) -> None:
    doc = network_json(mini_store)
    assert doc["meta"]["weighting"] == "newman"
    assert "Newman 2001" in doc["meta"]["weighting_note"]
    assert doc["meta"]["positions"] == "computed"  # nothing stored in this store
    a1 = next(n for n in doc["nodes"] if n["iri"] == f"{ID}actor/a1")
    assert a1["id"] == a1["iri"]
    assert a1["labels"] == {"fi": "Kaupunki 1", "sv": "Stad 1", "en": "City 1"}
    assert (a1["sector"], a1["helix"]) == ("city", "public")
    assert a1["metrics"]["degree"] == 2
    assert a1["metrics"]["ei_index"] == 0.0
    assert -1 <= a1["x"] <= 1 and -1 <= a1["y"] <= 1
    edge = next(
        e for e in doc["edges"] if e["source"].endswith("a1") and e["target"].endswith("a3")
    )
    assert edge == {
        "source": f"{ID}actor/a1",
        "target": f"{ID}actor/a3",
        "weight": 1.0,
        "count": 1,
        "initiatives": [f"{ID}project/p13"],
        "cross_sector": True,
    }
    assert doc["initiatives"][f"{ID}programme/prog-a"]["kind"] == "programme"
    assert doc["summary"]["ei"]["observed"] == pytest.approx(0.2)
    json.dumps(doc, allow_nan=False)


def test_json_is_the_same_for_the_same_data(mini_store: OxigraphStore) -> None:
    assert network_json(mini_store) == network_json(mini_store)


@pytest.mark.parametrize(
    "filters",
    [
        NetworkFilters(theme="open-data"),  # empty network
        NetworkFilters(sector="ministry"),  # one node
        NetworkFilters(role="coordinator"),  # four isolates
        NetworkFilters(programme="prog-a", sector="public"),  # no cross-sector tie
        NetworkFilters(year_from=2023),  # tie + isolates, one year
    ],
)
def test_degenerate_networks_give_defined_values_never_nan(
    mini_store: OxigraphStore, filters: NetworkFilters
) -> None:
    network = build_network(mini_store, filters)
    doc = web_json(analyse(network, ALL))
    text = json.dumps(doc, allow_nan=False)
    assert "NaN" not in text and "Infinity" not in text
    for fmt in ("csv", "graphml", "gexf"):
        assert "nan" not in _export(mini_store, fmt, filters=filters).decode().lower().split(",")


def test_one_node_values(mini_store: OxigraphStore) -> None:
    doc = web_json(analyse(build_network(mini_store, NetworkFilters(sector="ministry")), ALL))
    (node,) = doc["nodes"]
    m = node["metrics"]
    assert (m["degree"], m["strength"], m["betweenness"], m["effective_size"]) == (0, 0.0, 0.0, 0.0)
    assert m["constraint"] is None and m["ei_index"] is None
    s = doc["summary"]
    assert s["ei"]["observed"] is None and s["ei"]["baseline"] is None
    assert s["assortativity"] is None and s["communities"]["modularity"] is None
    assert s["network"]["density"] is None
    assert (node["x"], node["y"]) == (0.0, 0.0)


def test_no_cross_sector_ties(mini_store: OxigraphStore) -> None:
    s = web_json(analyse(build_network(mini_store, NetworkFilters(sector="public")), ALL))[
        "summary"
    ]
    assert s["ei"]["observed"] == -1.0
    assert s["assortativity"] is None  # every tie end in one group
    assert s["network"]["cross_sector_ties"] == 0


def test_empty_network_note(mini_store: OxigraphStore) -> None:
    doc = network_json(mini_store, NetworkFilters(theme="open-data"))
    assert doc["nodes"] == [] and doc["edges"] == []
    assert "no participations match" in doc["meta"]["note"]


def test_gexf_has_time_spells_and_iris(mini_store: OxigraphStore, tmp_path: Path) -> None:
    raw = _export(mini_store, "gexf")
    assert b'mode="dynamic"' in raw and b'timeformat="date"' in raw
    path = tmp_path / "net.gexf"
    path.write_bytes(raw)
    g = nx.read_gexf(path)
    assert all(d["iri"] == v for v, d in g.nodes(data=True))
    a3 = g.nodes[f"{ID}actor/a3"]
    assert a3["spells"] == [("2020-01-01", "2022-12-31")]
    edge = g.edges[f"{ID}actor/a4", f"{ID}actor/a5"]
    assert edge["spells"] == [("2022-01-01", "2023-12-31")]
    assert edge["cross_sector"] is True
    assert g.graph.get("weighting") is None or g.graph["weighting"] == "newman"


def test_graphml_round_trips_with_iris_and_metrics(
    mini_store: OxigraphStore, tmp_path: Path
) -> None:
    path = tmp_path / "net.graphml"
    path.write_bytes(_export(mini_store, "graphml"))
    g = nx.read_graphml(path)
    assert g.graph["weighting"] == "newman"
    assert all(d["iri"] == v for v, d in g.nodes(data=True))
    a3 = g.nodes[f"{ID}actor/a3"]
    assert a3["degree"] == 3 and a3["brokerage_gatekeeper"] == 2
    assert (a3["first_year"], a3["last_year"]) == (2020, 2022)
    assert "constraint" not in g.nodes[f"{ID}actor/a6"]  # undefined for the isolate


def test_csv_tables(mini_store: OxigraphStore) -> None:
    edges = list(csv.DictReader(io.StringIO(_export(mini_store, "csv").decode())))
    assert len(edges) == 5
    assert {e["weighting"] for e in edges} == {"newman"}
    nodes = list(csv.DictReader(io.StringIO(_export(mini_store, "csv", table="nodes").decode())))
    a6 = next(n for n in nodes if n["iri"].endswith("a6"))
    assert (a6["degree"], a6["constraint"], a6["ei_index"]) == ("0", "", "")
    a, _ = analyse_store(mini_store)
    assert edges_csv(a).splitlines()[0].startswith("source,target")
    assert nodes_csv(a).splitlines()[0].startswith("iri,label")


def test_filtered_view_uses_the_stored_layout(fresh_store: OxigraphStore) -> None:
    whole = update_metrics_graph(fresh_store)
    doc = network_json(fresh_store, NetworkFilters(theme="low-carbon"))
    assert doc["meta"]["positions"] == "stored"
    for node in doc["nodes"]:
        assert (node["x"], node["y"]) == whole.positions[node["iri"]]


def test_bad_format_or_table(mini_store: OxigraphStore) -> None:
    with pytest.raises(InputError, match="pdf"):
        _export(mini_store, "pdf")
    with pytest.raises(InputError, match="ties"):
        _export(mini_store, "csv", table="ties")


def test_other_weightings_are_named_everywhere(mini_store: OxigraphStore) -> None:
    params = AnalysisParams(weighting="jaccard")
    doc = network_json(mini_store, params=params)
    assert doc["meta"]["weighting"] == doc["summary"]["weighting"] == "jaccard"
    j = {(e["source"][-2:], e["target"][-2:]): e["weight"] for e in doc["edges"]}
    # a4: {p34, p45}, a5: {p45}: 1/2; a2: {p12, p23, prog-a}, a3: {p23, p34, p13}: 1/5.
    assert j[("a4", "a5")] == 0.5 and j[("a2", "a3")] == 0.2


def test_unvalidated_partial_data_is_handled(tmp_path: Path) -> None:
    # An actor without a sector (deliberately partial: loaded with validate=False).
    src = tmp_path / "partial.ttl"
    src.write_text(
        """@prefix ukg: <https://w3id.org/urbankg/def#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
<https://w3id.org/urbankg/id/project/x> a ukg:Project ;
    prov:qualifiedAssociation <https://w3id.org/urbankg/id/participation/x/a/partner> ,
        <https://w3id.org/urbankg/id/participation/x/b/partner> .
<https://w3id.org/urbankg/id/participation/x/a/partner>
    prov:agent <https://w3id.org/urbankg/id/actor/a> ;
    prov:hadRole <https://w3id.org/urbankg/def/role/partner> .
<https://w3id.org/urbankg/id/participation/x/b/partner>
    prov:agent <https://w3id.org/urbankg/id/actor/b> ;
    prov:hadRole <https://w3id.org/urbankg/def/role/partner> .
<https://w3id.org/urbankg/id/actor/a> a ukg:Actor .
<https://w3id.org/urbankg/id/actor/b> a ukg:Actor .
""",
        encoding="utf-8",
    )
    store = open_store(None)
    load_sources(store, [src], validate=False)
    doc = network_json(store)
    assert {n["group"] for n in doc["nodes"]} == {"unknown"}
    assert [n["label"] for n in doc["nodes"]] == [f"{ID}actor/a", f"{ID}actor/b"]
    assert doc["summary"]["years"] == [] and doc["summary"]["undated_initiatives"] == 1
    json.dumps(doc, allow_nan=False)


def test_non_finite_numbers_are_refused() -> None:
    from urbankg.network.report import check_finite

    with pytest.raises(ValueError, match=r"summary\.ei\[1\]"):
        check_finite({"ei": [0.5, float("nan")]}, "summary")
    with pytest.raises(ValueError):
        json.dumps({"x": float("inf")}, allow_nan=False)
    assert check_finite({"a": None, "b": [1, 2.5]}) == {"a": None, "b": [1, 2.5]}


def test_cached_views_equal_queried_views_and_follow_the_store(fresh_store: OxigraphStore) -> None:
    cache = NetworkCache()
    view = NetworkFilters(theme="low-carbon", year_from=2020)
    assert network_json(fresh_store, view, cache=cache) == network_json(fresh_store, view)
    network_json(fresh_store, NetworkFilters(sector="research"), cache=cache)
    assert cache.loads == 1
    # Storing the metrics changes the store: the cache reloads and gets the stored layout.
    update_metrics_graph(fresh_store)
    doc = network_json(fresh_store, view, cache=cache)
    assert cache.loads == 2
    assert doc["meta"]["positions"] == "stored"
    assert doc == network_json(fresh_store, view)
