"""Metrics as RDF in the metrics graph, with PROV, queryable next to the data."""

from __future__ import annotations

from datetime import UTC, datetime

import pyoxigraph as ox
import pytest

from urbankg.graph.store import OxigraphStore
from urbankg.network import AnalysisParams, NetworkFilters, stored_positions, update_metrics_graph

UKG = "https://w3id.org/urbankg/def#"
ID = "https://w3id.org/urbankg/id/"
T0 = datetime(2024, 5, 1, 12, 0, 0, tzinfo=UTC)


def _clock() -> datetime:
    return T0


def test_actor_metrics_join_the_data_in_sparql(fresh_store: OxigraphStore) -> None:
    update_metrics_graph(fresh_store, now=_clock)
    rows = list(
        fresh_store.select(
            """PREFIX ukg: <https://w3id.org/urbankg/def#>
            PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
            PREFIX org: <http://www.w3.org/ns/org#>
            SELECT ?name ?type ?b ?ei ?gk WHERE {
              ?a a ukg:Actor ; skos:prefLabel ?name ; org:classification ?type ;
                 ukg:betweenness ?b ; ukg:brokerageGatekeeper ?gk .
              OPTIONAL { ?a ukg:eiIndex ?ei }
              FILTER(LANG(?name) = "fi")
            } ORDER BY DESC(?b) ?name"""
        )
    )
    assert rows[0]["name"].value == "Yliopisto 3"
    assert float(rows[0]["b"].value) == pytest.approx(0.4)
    assert int(rows[0]["gk"].value) == 2
    assert rows[0]["b"].datatype == ox.NamedNode("http://www.w3.org/2001/XMLSchema#double")
    a6 = next(r for r in rows if r["name"].value == "Yhdistys 6 ry")
    assert "ei" not in a6  # undefined for an isolate: no triple


def test_analysis_provenance(fresh_store: OxigraphStore) -> None:
    update_metrics_graph(
        fresh_store,
        NetworkFilters(year_from=2020),
        AnalysisParams(weighting="count", seed=5),
        now=_clock,
    )
    act = ox.NamedNode(f"{ID}network/analysis")
    graph = ox.NamedNode(fresh_store.graph_iri("metrics"))

    def values(p: str) -> set[str]:
        return {q.object.value for q in fresh_store.quads(act, ox.NamedNode(p), None, graph)}

    prov = "http://www.w3.org/ns/prov#"
    assert values(prov + "startedAtTime") == {"2024-05-01T12:00:00Z"}
    assert values(prov + "endedAtTime") == {"2024-05-01T12:00:00Z"}
    assert values(prov + "used") == {fresh_store.graph_iri("mini")}
    assert values(prov + "generated") == {fresh_store.graph_iri("metrics")}
    assert values(UKG + "weighting") == {"count"}
    assert values(UKG + "groupLevel") == {"helix"}
    assert values(UKG + "seed") == {"5"}
    assert values(UKG + "filters") == {'{"year_from": 2020}'}
    assert '"permutations": 999' in values(UKG + "parameters").pop()
    assert values(UKG + "eiIndex")
    group = ox.NamedNode(f"{ID}network/analysis/group/research")
    assert {
        q.object.value for q in fresh_store.quads(group, ox.NamedNode(UKG + "group"), None, graph)
    } == {"https://w3id.org/urbankg/def/sector/research"}


def test_rewriting_replaces_the_graph_and_keeps_load_records_intact(
    fresh_store: OxigraphStore,
) -> None:
    update_metrics_graph(fresh_store, now=_clock)
    first = len(
        list(fresh_store.quads(None, None, None, ox.NamedNode(fresh_store.graph_iri("metrics"))))
    )
    update_metrics_graph(fresh_store, now=_clock)
    again = len(
        list(fresh_store.quads(None, None, None, ox.NamedNode(fresh_store.graph_iri("metrics"))))
    )
    assert first == again
    info = {i.iri: i for i in fresh_store.graph_info()}
    assert info[fresh_store.graph_iri("metrics")].complete
    assert info[fresh_store.graph_iri("metrics")].source == "network analysis"
    # The metrics graph is not a data graph: validation and dumps skip it.
    assert fresh_store.graph_iri("metrics") not in fresh_store.data_graph_iris()


def test_stored_positions_and_year_snapshots(fresh_store: OxigraphStore) -> None:
    assert stored_positions(fresh_store) == {}
    a = update_metrics_graph(fresh_store, now=_clock)
    assert stored_positions(fresh_store) == {k: v for k, v in a.positions.items()}
    rows = list(
        fresh_store.select(
            """PREFIX ukg: <https://w3id.org/urbankg/def#>
            SELECT ?y ?new WHERE { ?s a ukg:YearSnapshot ; ukg:year ?y ;
              ukg:newCrossSectorTieCount ?new } ORDER BY ?y"""
        )
    )
    assert [(r["y"].value, int(r["new"].value)) for r in rows] == [
        ("2019", 0),
        ("2020", 1),
        ("2021", 1),
        ("2022", 1),
        ("2023", 0),
    ]
