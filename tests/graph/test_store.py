"""The embedded store: named graph per source, provenance of loads, dumps, locking."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, URIRef
from rdflib.compare import isomorphic

from urbankg.graph.errors import StoreError
from urbankg.graph.load import load_sources
from urbankg.graph.store import ONTOLOGY_GRAPH, OxigraphStore, open_store

BASE = "https://w3id.org/urbankg/id/"
PROV = "http://www.w3.org/ns/prov#"
XSD_DATETIME = ox.NamedNode("http://www.w3.org/2001/XMLSchema#dateTime")
CSV_GRAPH = BASE + "graph/testiohjelma"
TTL_GRAPH = BASE + "graph/hinku"
TRIG_GRAPHS = [BASE + "graph/tietoaineisto", BASE + "graph/trig-actors"]


def quads_of(store: OxigraphStore, graph: str | None = None) -> set[ox.Quad]:
    return set(store.quads(None, None, None, ox.NamedNode(graph) if graph else None))


@pytest.fixture
def hinku(fixtures: Path) -> Path:
    return fixtures / "rdf" / "hinku.ttl"


@pytest.fixture
def trig(fixtures: Path, tmp_path: Path) -> Path:
    return Path(shutil.copy(fixtures / "rdf" / "hinku.trig", tmp_path / "tietoaineisto.trig"))


def test_on_disk_store_survives_reopen(
    store_path: Path, csv_source: Path, hinku: Path, trig: Path
) -> None:
    store = open_store(store_path)
    load_sources(store, [csv_source, hinku, trig])
    before = quads_of(store)
    info = store.graph_info()
    store.close()

    again = open_store(store_path)
    try:
        assert quads_of(again) == before
        assert again.graph_info() == info
        assert set(again.data_graph_iris()) == {CSV_GRAPH, TTL_GRAPH, *TRIG_GRAPHS}
    finally:
        again.close()


def test_each_source_is_a_named_graph_and_queries_see_the_union(
    store: OxigraphStore, csv_source: Path, hinku: Path
) -> None:
    load_sources(store, [csv_source])
    load_sources(store, [hinku])
    assert store.data_graph_iris() == [TTL_GRAPH, CSV_GRAPH]
    assert set(store.graph_iris()) == {
        TTL_GRAPH,
        CSV_GRAPH,
        store.system_graph,
        ONTOLOGY_GRAPH,
        store.derived_graph,  # the SDG goals of the sources' themes (urbankg.graph.derive)
    }
    csv_projects = {q.subject for q in store.quads(None, None, None, ox.NamedNode(CSV_GRAPH))} & {
        q.subject
        for q in store.quads(None, None, ox.NamedNode("https://w3id.org/urbankg/def#Project"))
    }
    assert len(csv_projects) == 2
    rows = list(store.select("SELECT ?p WHERE { ?p a ukg:Project } ORDER BY ?p"))
    assert [r["p"].value.rsplit("/", 1)[1] for r in rows] == [
        "pyoraily-pilotti",
        "vaasa-aurinko",
        "viherkatot-turku",
    ]
    # A graph holds its own source only.
    assert not quads_of(store, TTL_GRAPH) & quads_of(store, CSV_GRAPH)


def test_reloading_a_source_replaces_its_graph(
    store: OxigraphStore, hinku: Path, csv_source: Path, tmp_path: Path
) -> None:
    load_sources(store, [csv_source])
    load_sources(store, [hinku])
    csv_quads = quads_of(store, CSV_GRAPH)

    changed = tmp_path / "v2" / "hinku.ttl"
    changed.parent.mkdir()
    text = hinku.read_text(encoding="utf-8")
    text = text.replace("Vaasan aurinkosähkökokeilu", "Vaasan aurinkovoimakokeilu")
    text = text.replace(
        '    org:hasSite [ a org:Site ; rdfs:label "Vaasan kaupungintalo"@fi ] ;\n', ""
    )
    changed.write_text(text, encoding="utf-8")
    load_sources(store, [changed])

    names = {
        q.object.value
        for q in store.quads(
            ox.NamedNode(BASE + "project/vaasa-aurinko"),
            ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel"),
            None,
            None,
        )
    }
    assert "Vaasan aurinkovoimakokeilu" in names
    assert "Vaasan aurinkosähkökokeilu" not in names
    assert len(quads_of(store, TTL_GRAPH)) == len(Graph().parse(changed)) == 35
    assert not any(isinstance(q.object, ox.BlankNode) for q in quads_of(store, TTL_GRAPH))
    assert quads_of(store, CSV_GRAPH) == csv_quads


def _time(value: str | None) -> datetime:
    assert value is not None
    return datetime.fromisoformat(value)


def test_graph_info_counts_triples_and_dates_each_load(
    store: OxigraphStore, hinku: Path, csv_source: Path
) -> None:
    load_sources(store, [hinku, csv_source])
    info = {i.iri: i for i in store.graph_info()}
    first = info[TTL_GRAPH]
    assert first.triples == len(quads_of(store, TTL_GRAPH)) == 38
    assert info[CSV_GRAPH].triples == len(quads_of(store, CSV_GRAPH))
    assert first.source == "hinku.ttl"
    assert info[CSV_GRAPH].source == "testiohjelma"
    assert first.complete
    assert _time(first.issued) <= _time(first.modified)

    load_sources(store, [hinku])
    second = {i.iri: i for i in store.graph_info()}[TTL_GRAPH]
    assert second.issued == first.issued
    assert _time(second.modified) > _time(first.modified)
    assert second.triples == 38
    assert second.complete
    # The untouched graph keeps its dates.
    assert {i.iri: i for i in store.graph_info()}[CSV_GRAPH] == info[CSV_GRAPH]


def test_drop_graph_removes_the_graph_and_its_provenance(
    store: OxigraphStore, hinku: Path, csv_source: Path
) -> None:
    load_sources(store, [hinku, csv_source])
    csv_quads = quads_of(store, CSV_GRAPH)
    store.drop_graph(TTL_GRAPH)
    assert TTL_GRAPH not in store.graph_iris()
    assert not quads_of(store, TTL_GRAPH)
    assert TTL_GRAPH not in {i.iri for i in store.graph_info()}
    # Nothing in the system graph is about the dropped graph or one of its loads any more.
    system = quads_of(store, store.system_graph)
    assert not [q for q in system if TTL_GRAPH in str(q.subject) or TTL_GRAPH in str(q.object)]
    assert quads_of(store, CSV_GRAPH) == csv_quads


# ---- dumps --------------------------------------------------------------------------------------
def _rdflib_graph(quads: set[ox.Quad], parse_rdf: Callable[[bytes, str], Dataset]) -> Graph:
    data = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""
    g = Graph()
    for s, p, o, _ in parse_rdf(data, "ntriples").quads((None, None, None, None)):
        g.add((s, p, o))
    return g


DUMP_FORMATS = {
    "turtle": ox.RdfFormat.TURTLE,
    "ntriples": ox.RdfFormat.N_TRIPLES,
    "nquads": ox.RdfFormat.N_QUADS,
    "trig": ox.RdfFormat.TRIG,
    "jsonld": ox.RdfFormat.JSON_LD,
    "rdfxml": ox.RdfFormat.RDF_XML,
}


@pytest.mark.parametrize("fmt", list(DUMP_FORMATS))
def test_dump_parses_back_to_an_isomorphic_graph(
    parse_rdf: Callable[[bytes, str], Dataset],
    store: OxigraphStore,
    csv_source: Path,
    hinku: Path,
    trig: Path,
    fmt: str,
) -> None:
    load_sources(store, [csv_source, hinku, trig])
    data_graphs = store.data_graph_iris()
    assert len(data_graphs) == 4
    buf = io.BytesIO()
    store.dump(buf, DUMP_FORMATS[fmt])
    ds = parse_rdf(buf.getvalue(), fmt)

    if fmt in ("nquads", "trig"):
        named = {str(g.identifier) for g in ds.graphs() if len(g)}
        assert named == set(data_graphs)  # no provenance, no ontology
        for g in data_graphs:
            expected = _rdflib_graph(quads_of(store, g), parse_rdf)
            assert isomorphic(ds.graph(URIRef(g)), expected), g
    else:
        union = set()
        for g in data_graphs:
            union |= {ox.Quad(q.subject, q.predicate, q.object) for q in quads_of(store, g)}
        got = Graph()
        for s, p, o, _ in ds.quads((None, None, None, None)):
            got.add((s, p, o))
        assert isomorphic(got, _rdflib_graph(union, parse_rdf))


def test_dump_of_one_graph(
    parse_rdf: Callable[[bytes, str], Dataset], store: OxigraphStore, csv_source: Path, hinku: Path
) -> None:
    load_sources(store, [csv_source, hinku])
    buf = io.BytesIO()
    store.dump(buf, ox.RdfFormat.TURTLE, graph=TTL_GRAPH)
    got = Graph()
    for s, p, o, _ in parse_rdf(buf.getvalue(), "turtle").quads((None, None, None, None)):
        got.add((s, p, o))
    assert isomorphic(got, Graph().parse(hinku))


# ---- locking and interrupted loads --------------------------------------------------------------
HOLD = """
import sys
from urbankg.graph.store import open_store
store = open_store(sys.argv[1])
print("ready", flush=True)
sys.stdin.read()
store.close()
"""


def test_a_store_held_by_another_process_gives_a_store_error_naming_it(
    run_cli: Callable[..., object], store_path: Path
) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(store_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None
        assert holder.stdout.readline().strip() == "ready"
        with pytest.raises(StoreError) as info:
            open_store(store_path)
        assert str(store_path) in str(info.value)
        assert "\n" not in str(info.value)

        result = run_cli("stats", "--store", store_path)
        assert result.code == 2  # type: ignore[attr-defined]
        assert result.err.startswith("error: ")  # type: ignore[attr-defined]
        assert str(store_path) in result.err  # type: ignore[attr-defined]
    finally:
        holder.communicate(input="", timeout=30)
    assert holder.returncode == 0, holder.stderr
    # Released: the store opens again.
    open_store(store_path).close()


def test_a_store_path_that_is_a_file_gives_a_store_error(tmp_path: Path) -> None:
    path = tmp_path / "not-a-directory"
    path.write_text("x")
    with pytest.raises(StoreError, match="not-a-directory"):
        open_store(path)


def _interrupt_a_reload(store: OxigraphStore, graph: str) -> None:
    """Write what a reload writes first, the start of its activity, and nothing else."""
    system = ox.NamedNode(store.system_graph)
    now = datetime.now(UTC)
    activity = ox.NamedNode(f"{graph}/load/{now:%Y%m%dT%H%M%S%fZ}")
    started = ox.Literal(now.isoformat(), datatype=XSD_DATETIME)
    store.raw.extend(
        [
            ox.Quad(ox.NamedNode(graph), ox.NamedNode(PROV + "wasGeneratedBy"), activity, system),
            ox.Quad(
                activity,
                ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                ox.NamedNode(PROV + "Activity"),
                system,
            ),
            ox.Quad(activity, ox.NamedNode(PROV + "startedAtTime"), started, system),
        ]
    )


def test_a_load_without_an_end_time_is_reported_as_incomplete(
    store_path: Path, csv_source: Path, hinku: Path
) -> None:
    store = open_store(store_path)
    load_sources(store, [csv_source, hinku])
    assert store.incomplete_graphs() == []
    _interrupt_a_reload(store, TTL_GRAPH)
    assert store.incomplete_graphs() == [TTL_GRAPH]
    store.close()

    store = open_store(store_path)
    try:
        assert store.incomplete_graphs() == [TTL_GRAPH]
        info = {i.iri: i for i in store.graph_info()}
        assert not info[TTL_GRAPH].complete
        assert info[CSV_GRAPH].complete
        # Loading the source again completes it.
        load_sources(store, [hinku])
        assert store.incomplete_graphs() == []
    finally:
        store.close()


FIRST_VALIDATION = """
import sys
from urbankg.cli import main
from urbankg.graph.store import open_store
if __name__ == "__main__":
    source, store = sys.argv[1:3]
    assert main(["load", source, "--store", store]) == 0
    open_store(store).close()  # the load's store must be released by now
    print("reopened")
"""


def test_store_is_released_after_the_first_validation_in_a_process(
    csv_source: Path, tmp_path: Path
) -> None:
    """Calling the CLI (or the API) twice in one process on the same store must work."""
    done = subprocess.run(
        [sys.executable, "-c", FIRST_VALIDATION, str(csv_source), str(tmp_path / "store")],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip().endswith("reopened")
