"""The RDF importers: every syntax loads into the source's named graph; bad files are refused.

Fixtures: ``tests/data/fixtures/rdf/hinku.ttl`` (and the same data hand-written as JSON-LD,
``hinku.jsonld``) and ``hinku.trig`` (a default graph plus one named graph). The N-Triples,
RDF/XML and N-Quads variants are written from them by rdflib and pyoxigraph in each test.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from urbankg.graph.errors import InputError
from urbankg.graph.importers import Staged, stage_source
from urbankg.graph.load import load_sources
from urbankg.graph.store import ONTOLOGY_GRAPH, OxigraphStore

BASE = "https://w3id.org/urbankg/id/"
UKG = "https://w3id.org/urbankg/def#"


def graph_of(name: str) -> str:
    return f"{BASE}graph/{name}"


def stage(path: Path, name: str = "lahde") -> Staged:
    return stage_source(path, base=BASE, graph=graph_of(name), exists=lambda _iri, _cls: False)


def as_rdflib(quads: list[ox.Quad], parse_rdf: Callable[[bytes, str], Dataset]) -> Graph:
    """The triples of ``quads`` (all graphs merged) as an rdflib graph."""
    data = ox.serialize([q.triple for q in quads], format=ox.RdfFormat.N_TRIPLES) or b""
    g = Graph()
    for s, p, o, _g in parse_rdf(data, "ntriples").quads((None, None, None, None)):
        g.add((s, p, o))
    return g


@pytest.fixture
def rdf_fixtures(fixtures: Path) -> Path:
    return fixtures / "rdf"


@pytest.fixture
def expected(rdf_fixtures: Path) -> Graph:
    return Graph().parse(rdf_fixtures / "hinku.ttl", format="turtle")


# ---- every syntax -------------------------------------------------------------------------------
def _variant(rdf_fixtures: Path, tmp_path: Path, suffix: str) -> Path:
    """hinku.ttl, hinku.jsonld, or hinku.ttl written by rdflib as N-Triples or RDF/XML."""
    if suffix in (".ttl", ".jsonld"):
        return rdf_fixtures / f"hinku{suffix}"
    g = Graph().parse(rdf_fixtures / "hinku.ttl", format="turtle")
    out = tmp_path / f"hinku{suffix}"
    g.serialize(destination=out, format={".nt": "nt", ".rdf": "xml"}[suffix], encoding="utf-8")
    return out


@pytest.mark.parametrize("suffix", [".ttl", ".nt", ".jsonld", ".rdf"])
def test_each_triple_syntax_loads_into_the_sources_graph(
    parse_rdf: Callable[[bytes, str], Dataset],
    rdf_fixtures: Path,
    expected: Graph,
    store: OxigraphStore,
    tmp_path: Path,
    suffix: str,
) -> None:
    path = _variant(rdf_fixtures, tmp_path, suffix)
    staged = stage(path)
    try:
        assert staged.graphs == [graph_of("lahde")]
        quads = list(staged.store.quads_for_pattern(None, None, None, None))
        assert {q.graph_name for q in quads} == {ox.NamedNode(graph_of("lahde"))}
        assert isomorphic(as_rdflib(quads, parse_rdf), expected)
    finally:
        staged.close()

    result = load_sources(store, [path])
    assert result.graphs == [graph_of("hinku")]
    assert result.report.conforms
    assert len(list(store.quads(None, None, None, ox.NamedNode(graph_of("hinku"))))) == len(
        expected
    )


@pytest.fixture
def nquads_file(rdf_fixtures: Path, tmp_path: Path) -> Path:
    """hinku.trig as N-Quads: default-graph lines have no graph term."""
    quads = ox.parse(path=str(rdf_fixtures / "hinku.trig"), format=ox.RdfFormat.TRIG)
    out = tmp_path / "hinku-quads.nq"
    out.write_bytes(ox.serialize(quads, format=ox.RdfFormat.N_QUADS) or b"")
    assert "<https://w3id.org/urbankg/id/graph/trig-actors> ." in out.read_text()
    return out


@pytest.mark.parametrize("kind", ["trig", "nquads"])
def test_dataset_syntaxes_keep_named_graphs_and_put_the_default_graph_in_the_sources(
    rdf_fixtures: Path, nquads_file: Path, store: OxigraphStore, kind: str
) -> None:
    path = rdf_fixtures / "hinku.trig" if kind == "trig" else nquads_file
    staged = stage(path, "tietoaineisto")
    try:
        assert set(staged.graphs) == {graph_of("tietoaineisto"), graph_of("trig-actors")}
        actor = ox.NamedNode(BASE + "actor/oulu")
        project = ox.NamedNode(BASE + "project/trig-hanke")
        assert {
            q.graph_name.value for q in staged.store.quads_for_pattern(actor, None, None, None)
        } == {graph_of("trig-actors")}
        assert {
            q.graph_name.value for q in staged.store.quads_for_pattern(project, None, None, None)
        } == {graph_of("tietoaineisto")}
    finally:
        staged.close()

    result = load_sources(store, [path], names=["tietoaineisto"])
    assert sorted(result.graphs) == [graph_of("tietoaineisto"), graph_of("trig-actors")]
    info = {i.iri: i for i in store.graph_info()}
    assert info[graph_of("trig-actors")].triples == 7
    assert info[graph_of("trig-actors")].source == path.name
    # Queries see the union: the project's actor is found across the two graphs.
    rows = list(
        store.select(
            "SELECT ?name WHERE { ?p prov:wasAssociatedWith ?a . ?a skos:prefLabel ?name "
            'FILTER(LANG(?name) = "fi") }'
        )
    )
    assert [r["name"].value for r in rows] == ["Oulun kaupunki"]


@pytest.mark.parametrize(
    "graph",
    [graph_of("system"), ONTOLOGY_GRAPH],
    ids=["system-graph", "ontology-graph"],
)
def test_a_dataset_cannot_overwrite_the_provenance_or_ontology_graph(
    store: OxigraphStore, rdf_fixtures: Path, tmp_path: Path, graph: str
) -> None:
    load_sources(store, [rdf_fixtures / "hinku.ttl"])
    before = set(store.quads(None, None, None, ox.NamedNode(graph)))
    assert before
    bad = tmp_path / "kaappaus.trig"
    bad.write_text(
        f'<{graph}> {{ <https://example.org/x> <https://example.org/p> "x" . }}\n',
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        load_sources(store, [bad])
    assert info.value.file == "kaappaus.trig"
    assert graph in str(info.value)
    assert set(store.quads(None, None, None, ox.NamedNode(graph))) == before


# ---- bad files ----------------------------------------------------------------------------------
SYNTAX_ERRORS = [
    (
        "turtle-bad-iri",
        "bad.ttl",
        "@prefix ex: <http://example.org/> .\nex:a ex:b ex:c .\n"
        "ex:d ex:e <http://example.org/a b> .\n",
        3,
        11,
    ),
    (
        "turtle-missing-dot",
        "bad.ttl",
        '@prefix ex: <http://example.org/> .\n\nex:a ex:b ex:c ;\n    ex:d "Jyväskylä"@fi\n'
        "ex:e ex:f ex:g .\n",
        5,
        1,
    ),
    (
        "ntriples",
        "bad.nt",
        "<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n"
        '<http://example.org/a> <http://example.org/b> "open .\n',
        2,
        None,
    ),
    (
        "nquads-five-terms",
        "bad.nq",
        "<http://a> <http://b> <http://c> <http://g> .\n"
        "<http://a> <http://b> <http://c> <http://g> <http://h> .\n",
        2,
        45,
    ),
    (
        "trig-unclosed-graph",
        "bad.trig",
        "@prefix ex: <http://e/> .\nex:g {\n  ex:a ex:b ex:c .\n",
        4,
        1,
    ),
    (
        "jsonld-truncated",
        "bad.jsonld",
        '{\n  "@id": "http://example.org/a",\n  "http://example.org/p": \n',
        4,
        1,
    ),
]


@pytest.mark.parametrize(
    ("name", "text", "line", "column"),
    [c[1:] for c in SYNTAX_ERRORS],
    ids=[c[0] for c in SYNTAX_ERRORS],
)
def test_syntax_error_names_file_line_and_column(
    run_cli: Callable[..., object],
    store_path: Path,
    tmp_path: Path,
    name: str,
    text: str,
    line: int,
    column: int | None,
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as info:
        stage(path)
    err = info.value
    assert err.file == name
    assert err.line == line
    if column is not None:
        assert err.column == column
    assert isinstance(err.column, int)
    message = str(err)
    assert message.startswith(f"{name}:{line}:{err.column}: syntax error")
    assert "\n" not in message

    result = run_cli("load", path, "--store", store_path)
    assert result.code == 2  # type: ignore[attr-defined]
    assert result.err == f"error: {message}\n"  # type: ignore[attr-defined]


def test_malformed_json_ld_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kieli.jsonld"
    path.write_text(
        json.dumps(
            {"@id": "http://example.org/a", "http://example.org/p": {"@value": "x", "@language": 5}}
        ),
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        stage(path)
    assert info.value.file == "kieli.jsonld"
    assert "@language" in str(info.value)


def test_malformed_rdf_xml_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "rikki.rdf"
    path.write_text(
        '<?xml version="1.0"?>\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '  <rdf:Description rdf:about="http://example.org/a">\n'
        "</rdf:RDF>\n",
        encoding="utf-8",
    )
    with pytest.raises(InputError) as info:
        stage(path)
    assert str(info.value).startswith("rikki.rdf")
    assert "rdf:Description" in str(info.value)


FILE_ERRORS = [
    ("empty", "tyhja.ttl", b"", "empty"),
    ("blank", "tyhja.ttl", b"\n   \n\t\n", "empty"),
    (
        "no-triples",
        "prefiksit.ttl",
        b"@prefix ex: <http://example.org/> .\n# only this\n",
        "no triples",
    ),
    ("binary", "kuva.ttl", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
    ("unknown-suffix", "muistiinpanot.txt", b"hello\n", "unknown file type"),
]


@pytest.mark.parametrize(
    ("name", "data", "words"), [c[1:] for c in FILE_ERRORS], ids=[c[0] for c in FILE_ERRORS]
)
def test_unusable_file_is_refused_naming_it(
    tmp_path: Path, name: str, data: bytes, words: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError) as info:
        stage(path)
    assert info.value.file == name
    assert str(info.value).startswith(f"{name}: ")
    assert words in str(info.value)


def test_latin_1_text_is_refused_at_its_line(tmp_path: Path) -> None:
    path = tmp_path / "latin.nt"
    path.write_bytes(
        b"<http://example.org/a> <http://example.org/b> <http://example.org/c> .\n"
        + '<http://example.org/a> <http://example.org/n> "Jyväskylä" .\n'.encode("latin-1")
    )
    with pytest.raises(InputError) as info:
        stage(path)
    assert (info.value.file, info.value.line) == ("latin.nt", 2)
    assert "UTF-8" in str(info.value)


def test_missing_file_is_refused(store: OxigraphStore, tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        load_sources(store, [tmp_path / "ei-ole.ttl"])


def _rchar() -> int:
    """Bytes this process has read through read() calls so far (Linux)."""
    for line in Path("/proc/self/io").read_text().splitlines():
        if line.startswith("rchar:"):
            return int(line.split()[1])
    raise AssertionError("no rchar in /proc/self/io")


def test_a_huge_file_that_is_not_rdf_is_refused_at_its_first_line_without_reading_it(
    disk_store: OxigraphStore, tmp_path: Path
) -> None:
    if not Path("/proc/self/io").exists():
        pytest.skip("needs /proc/self/io to count the bytes read")
    path = tmp_path / "loki.ttl"
    junk = b"2024-05-01 12:00:00 INFO request served in 12 ms from cache node 7, all fine\n"
    block = junk * (1024 * 1024 // len(junk))
    with path.open("wb") as fh:
        for _ in range(200):
            fh.write(block)
    size = path.stat().st_size
    assert size > 190 * 1024 * 1024
    try:
        read_before = _rchar()
        t0 = time.perf_counter()
        with pytest.raises(InputError) as info:
            load_sources(disk_store, [path])
        seconds = time.perf_counter() - t0
        read = _rchar() - read_before
    finally:
        path.unlink()
    assert (info.value.file, info.value.line) == ("loki.ttl", 1)
    assert seconds < 5
    assert read < size / 20, f"read {read} of {size} bytes to refuse the file"
    assert disk_store.data_graph_iris() == []


# ---- a large valid file -----------------------------------------------------------------------
def write_ntriples(path: Path, projects: int, actors: int) -> int:
    """Write a valid programme-like N-Triples file; return its number of triples."""
    t = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
    label = "<http://www.w3.org/2004/02/skos/core#prefLabel>"
    src = "<http://purl.org/dc/terms/source> <https://example.org/lahde>"
    prov = "http://www.w3.org/ns/prov#"
    lines = [
        f"<{BASE}programme/iso> {t} <{UKG}Programme> .",
        f'<{BASE}programme/iso> {label} "Iso ohjelma"@fi .',
        f"<{BASE}programme/iso> {src} .",
    ]
    for a in range(actors):
        s = f"<{BASE}actor/toimija-{a}>"
        lines += [
            f"{s} {t} <{UKG}Actor> .",
            f'{s} {label} "Toimija {a} ry – Förening {a} rf"@fi .',
            f"{s} <http://www.w3.org/ns/org#classification> "
            "<https://w3id.org/urbankg/def/sector/association> .",
            f"{s} {src} .",
        ]
    for i in range(projects):
        s = f"<{BASE}project/hanke-{i}>"
        a = f"<{BASE}actor/toimija-{i % actors}>"
        part = f"<{BASE}participation/hanke-{i}/toimija-{i % actors}/partner>"
        lines += [
            f"{s} {t} <{UKG}Project> .",
            f'{s} {label} "Hanke {i}: Älykäs kävelykatu"@fi .',
            f"{s} <{UKG}projectType> <https://w3id.org/urbankg/def/project-type/pilot> .",
            f"{s} <http://purl.org/dc/terms/isPartOf> <{BASE}programme/iso> .",
            f"{s} {src} .",
            f"{s} <{prov}qualifiedAssociation> {part} .",
            f"{s} <{prov}wasAssociatedWith> {a} .",
            f"{part} {t} <{UKG}Participation> .",
            f"{part} <{prov}agent> {a} .",
            f"{part} <{prov}hadRole> <https://w3id.org/urbankg/def/role/partner> .",
            f"{part} {src} .",
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


MEMORY_PROBE = """
import json, sys
from pathlib import Path

def status(key):
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(key)

def reset_peak():
    # Peak RSS (VmHWM) starts again from the current RSS. getrusage's ru_maxrss would not do:
    # it keeps the parent's RSS across the fork and exec that started this process.
    Path("/proc/self/clear_refs").write_text("5")
    return status("VmRSS")

if __name__ == "__main__":
    mode, data, store_dir = sys.argv[1:4]
    import pyoxigraph as ox
    if mode == "objects":
        before = reset_peak()
        quads = list(ox.parse(path=data, format=ox.RdfFormat.N_TRIPLES))
        print(json.dumps({"growth": status("VmHWM") - before, "count": len(quads)}))
    else:
        from urbankg.graph.load import ensure_ontology, stage_all
        from urbankg.graph.store import open_store
        store = open_store(store_dir)
        ensure_ontology(store)
        before = reset_peak()
        # What the default (validated) load does in this process: stage in batches (on disk
        # for a large file), then commit in batches. Validation runs in worker processes on
        # chunks of bounded size, so it is left out here.
        staged = stage_all(store, [Path(data)])
        for s in staged:
            parts = {
                g: s.store.quads_for_pattern(None, None, None, ox.NamedNode(g)) for g in s.graphs
            }
            store.replace_graphs(parts, source=Path(data).name, bulk=True)
        growth = status("VmHWM") - before
        graph = ox.NamedNode(staged[0].graphs[0])
        for s in staged:
            s.close()
        count = sum(1 for _ in store.quads(None, None, None, graph))
        print(json.dumps({"growth": growth, "count": count}))
"""


def _probe(mode: str, data: Path, store_dir: Path) -> dict[str, int]:
    done = subprocess.run(
        [sys.executable, "-c", MEMORY_PROBE, mode, str(data), str(store_dir)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.mark.slow
def test_a_large_valid_ntriples_file_loads_with_bounded_memory(tmp_path: Path) -> None:
    """~315k triples (42 MB). The load (parse, stage, commit) must need well less memory than
    the same triples held as Python objects. Yardstick: a list of pyoxigraph quads, the most
    compact Python form, measured here; an rdflib Graph of the same data takes about three
    times as much (measured: 133 MB and 409 MB). Bound: 1.5 times the quad list, i.e. about
    half an rdflib Graph. (Validation is left out: it runs in worker processes on chunks.)"""
    if not Path("/proc/self/clear_refs").exists():
        pytest.skip("needs Linux's /proc/self/clear_refs and VmHWM to measure peak memory")
    data = tmp_path / "iso.nt"
    triples = write_ntriples(data, projects=25_000, actors=10_000)
    assert triples > 300_000
    objects = _probe("objects", data, tmp_path / "unused")
    assert objects["count"] == triples
    loaded = _probe("load", data, tmp_path / "store")
    assert loaded["count"] == triples
    mb = 1024 * 1024
    assert loaded["growth"] < 1.5 * objects["growth"], (
        f"loading took {loaded['growth'] / mb:.0f} MB more memory; the triples as a list of "
        f"pyoxigraph quads take {objects['growth'] / mb:.0f} MB"
    )
