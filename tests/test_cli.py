"""The ``urbankg`` command line, run in-process through ``urbankg.cli.main``.

Exit codes: 0 success, 1 validation found violations, 2 usage or input error.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from rdflib import Dataset, Graph
from rdflib.compare import isomorphic

from urbankg.graph.store import open_store

REPO_ROOT = Path(__file__).resolve().parents[1]
BUNDLED = REPO_ROOT / "src" / "urbankg" / "data" / "kestava-kaupunki"
BASE = "https://w3id.org/urbankg/id/"
UKG = "https://w3id.org/urbankg/def#"
DEF = "https://w3id.org/urbankg/def/"

Cli = Callable[..., Any]


@pytest.fixture
def loaded_store(run_cli: Cli, csv_source: Path, store_path: Path) -> Path:
    """A store holding the good CSV source of tests/data/fixtures/csv-good."""
    result = run_cli("load", csv_source, "--store", store_path)
    assert result.code == 0, result.err
    return store_path


@pytest.fixture
def unnamed_project(fixtures: Path, tmp_path: Path) -> Path:
    """A Turtle source whose project has no Finnish name (a violation)."""
    text = (fixtures / "rdf" / "hinku.ttl").read_text(encoding="utf-8")
    assert '"Vaasan aurinkosähkökokeilu"@fi , ' in text
    path = tmp_path / "nimeton.ttl"
    path.write_text(text.replace('"Vaasan aurinkosähkökokeilu"@fi , ', ""), encoding="utf-8")
    return path


# ---- init ---------------------------------------------------------------------------------------
def test_init_loads_the_bundled_data_and_it_validates(run_cli: Cli, tmp_path: Path) -> None:
    if not BUNDLED.is_dir():
        pytest.skip(f"the bundled data {BUNDLED} does not exist yet")
    store_dir = tmp_path / "uusi" / "store"
    result = run_cli("init", "--store", store_dir)
    assert result.code == 0, result.err
    assert "kestava-kaupunki" in result.out

    store = open_store(store_dir)
    try:
        assert BASE + "graph/kestava-kaupunki" in store.data_graph_iris()
        rows = list(
            store.select(
                "SELECT ?name WHERE { <https://w3id.org/urbankg/id/programme/kestava-kaupunki> "
                'a ukg:Programme ; skos:prefLabel ?name FILTER(LANG(?name) = "fi") }'
            )
        )
        assert [r["name"].value for r in rows] == ["Kestävä kaupunki -ohjelma"]
        projects = list(store.select("SELECT (COUNT(?p) AS ?n) WHERE { ?p a ukg:Project }"))
        assert int(projects[0]["n"].value) > 10
        assert store.incomplete_graphs() == []
    finally:
        store.close()

    checked = run_cli("validate", "--store", store_dir)
    assert checked.code == 0, checked.out
    assert "0 violation(s)" in checked.out


def test_urbankg_store_variable_works_like_the_store_option(
    run_cli: Cli,
    csv_source: Path,
    store_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    monkeypatch.setenv("URBANKG_STORE", str(store_path))
    assert run_cli("load", csv_source).code == 0
    by_env = run_cli("stats", "--format", "json")
    assert by_env.code == 0, by_env.err
    monkeypatch.delenv("URBANKG_STORE")
    by_option = run_cli("stats", "--format", "json", "--store", store_path)
    assert json.loads(by_env.out) == json.loads(by_option.out)
    assert {"class": UKG + "Project", "count": 2} in json.loads(by_env.out)["classes"]


# ---- validate -----------------------------------------------------------------------------------
def test_validate_a_good_file_exits_0_and_stores_nothing(
    run_cli: Cli, fixtures: Path, store_path: Path
) -> None:
    result = run_cli("validate", fixtures / "rdf" / "hinku.ttl", "--store", store_path)
    assert result.code == 0, result.out
    assert "0 violation(s)" in result.out
    store = open_store(store_path)
    try:
        assert store.data_graph_iris() == []
    finally:
        store.close()


def test_validate_a_file_with_a_violation_exits_1(
    run_cli: Cli, unnamed_project: Path, store_path: Path
) -> None:
    result = run_cli("validate", unnamed_project, "--store", store_path)
    assert result.code == 1
    assert "Violation" in result.out
    assert "nimeton.ttl" in result.out
    assert "1 violation(s)" in result.out


def test_validate_json_lists_severity_focus_path_message_and_source(
    run_cli: Cli, unnamed_project: Path, store_path: Path
) -> None:
    result = run_cli("validate", unnamed_project, "--store", store_path, "--format", "json")
    assert result.code == 1
    report = json.loads(result.out)
    assert report["conforms"] is False
    assert report["violations"] == 1
    (violation,) = [r for r in report["results"] if r["severity"] == "Violation"]
    assert violation["focus"] == BASE + "project/vaasa-aurinko"
    assert violation["path"] == "http://www.w3.org/2004/02/skos/core#prefLabel"
    assert "Finnish" in violation["message"]
    assert violation["source"] == "nimeton.ttl"
    for finding in report["results"]:
        assert {"severity", "focus", "path", "message", "source"} <= set(finding)


def test_validate_json_names_the_csv_row_of_a_violation(
    run_cli: Cli, csv_source: Path, store_path: Path
) -> None:
    # Without participations, no project has anyone carrying it out.
    (csv_source / "participations.csv").unlink()
    grants = csv_source / "grants.csv"
    grants.write_text(
        grants.read_text(encoding="utf-8").replace(",jyvaskyla,", ",,"), encoding="utf-8"
    )
    result = run_cli("validate", csv_source, "--store", store_path, "--format", "json")
    assert result.code == 1
    sources = {
        r["focus"]: r["source"]
        for r in json.loads(result.out)["results"]
        if r["severity"] == "Violation"
    }
    assert sources == {
        BASE + "project/pyoraily-pilotti": "projects.csv:2",
        BASE + "project/viherkatot-turku": "projects.csv:3",
    }


def test_validate_a_store_with_a_violation_exits_1(
    run_cli: Cli, unnamed_project: Path, store_path: Path
) -> None:
    loaded = run_cli("load", "--no-validate", unnamed_project, "--store", store_path)
    assert loaded.code == 0, loaded.err
    result = run_cli("validate", "--store", store_path, "--format", "json")
    assert result.code == 1
    report = json.loads(result.out)
    assert BASE + "project/vaasa-aurinko" in {
        r["focus"] for r in report["results"] if r["severity"] == "Violation"
    }


def test_whole_store_validation_names_the_source_of_each_finding(
    run_cli: Cli, unnamed_project: Path, store_path: Path
) -> None:
    """DESIGN §5: report rows carry the source file; the store knows it from provenance."""
    assert run_cli("load", "--no-validate", unnamed_project, "--store", store_path).code == 0
    report = json.loads(run_cli("validate", "--store", store_path, "--format", "json").out)
    (violation,) = [r for r in report["results"] if r["severity"] == "Violation"]
    assert violation["source"] is not None
    assert "nimeton.ttl" in violation["source"]


def test_validate_a_missing_file_exits_2(run_cli: Cli, store_path: Path, tmp_path: Path) -> None:
    result = run_cli("validate", tmp_path / "ei-ole.csv", "--store", store_path)
    assert result.code == 2
    assert result.err.startswith("error: ")
    assert "ei-ole.csv" in result.err
    assert "no such file" in result.err


# ---- query --------------------------------------------------------------------------------------
PROJECT_NAMES = (
    "SELECT ?project ?name WHERE { ?project a ukg:Project ; skos:prefLabel ?name "
    'FILTER(LANG(?name) = "fi") } ORDER BY ?project'
)


def test_query_csv_follows_the_sparql_csv_results_format(run_cli: Cli, loaded_store: Path) -> None:
    result = run_cli("query", PROJECT_NAMES, "--format", "csv", "--store", loaded_store)
    assert result.code == 0, result.err
    assert result.out == (
        "project,name\r\n"
        f"{BASE}project/pyoraily-pilotti,Pyöräilykokeilu Jyväskylässä\r\n"
        f"{BASE}project/viherkatot-turku,Viherkatot Turussa\r\n"
    )
    quoted = run_cli(
        "query",
        'SELECT ?x WHERE { BIND("a, \\"b\\"" AS ?x) }',
        "--format",
        "csv",
        "--store",
        loaded_store,
    )
    assert quoted.out == 'x\r\n"a, ""b"""\r\n'
    assert list(csv.reader(io.StringIO(quoted.out, newline=""))) == [["x"], ['a, "b"']]


def test_query_json_and_table(run_cli: Cli, loaded_store: Path) -> None:
    result = run_cli("query", PROJECT_NAMES, "--format", "json", "--store", loaded_store)
    assert result.code == 0, result.err
    doc = json.loads(result.out)
    assert doc["head"]["vars"] == ["project", "name"]
    assert doc["results"]["bindings"][0] == {
        "project": {"type": "uri", "value": f"{BASE}project/pyoraily-pilotti"},
        "name": {"type": "literal", "value": "Pyöräilykokeilu Jyväskylässä", "xml:lang": "fi"},
    }

    shown = run_cli("query", PROJECT_NAMES, "--store", loaded_store)
    assert shown.code == 0
    lines = shown.out.splitlines()
    assert lines[0].split() == ["project", "name"]
    assert "Pyöräilykokeilu Jyväskylässä@fi" in shown.out
    assert lines[-1] == "(2 rows)"

    asked = run_cli("query", "ASK { ?p a ukg:Grant }", "--store", loaded_store)
    assert asked.out == "true\n"


def test_query_construct_gives_rdf(run_cli: Cli, loaded_store: Path) -> None:
    result = run_cli(
        "query",
        "CONSTRUCT { ?a skos:prefLabel ?n } WHERE { ?a a ukg:Actor ; skos:prefLabel ?n }",
        "--format",
        "ntriples",
        "--store",
        loaded_store,
    )
    assert result.code == 0, result.err
    g = Graph().parse(data=result.out, format="nt")
    assert len(g) == 16  # the names of the 6 actors in fi, sv and en, where given
    assert "Östersundomin kyläyhdistys ry" in {str(o) for o in g.objects()}


def test_query_from_a_file(run_cli: Cli, loaded_store: Path, tmp_path: Path) -> None:
    path = tmp_path / "nimet.rq"
    path.write_text(f"# Project names\n{PROJECT_NAMES}\n", encoding="utf-8")
    from_file = run_cli("query", "--file", path, "--format", "csv", "--store", loaded_store)
    inline = run_cli("query", PROJECT_NAMES, "--format", "csv", "--store", loaded_store)
    assert from_file.code == 0, from_file.err
    assert from_file.out == inline.out


def test_malformed_query_exits_2_with_the_parsers_message(run_cli: Cli, loaded_store: Path) -> None:
    result = run_cli("query", "SELECT ?x WHERE { ?x ?y }", "--store", loaded_store)
    assert result.code == 2
    assert result.out == ""
    assert result.err.startswith("error: query: malformed query: ")
    assert "1:" in result.err  # where the parser stopped
    assert len(result.err.strip().splitlines()) == 1


def test_query_file_that_does_not_exist_exits_2(
    run_cli: Cli, loaded_store: Path, tmp_path: Path
) -> None:
    result = run_cli("query", "--file", tmp_path / "ei-ole.rq", "--store", loaded_store)
    assert result.code == 2
    assert result.err.startswith("error: ")
    assert "ei-ole.rq" in result.err


# ---- export -------------------------------------------------------------------------------------
@pytest.fixture
def two_source_store(run_cli: Cli, loaded_store: Path, fixtures: Path) -> Path:
    result = run_cli("load", fixtures / "rdf" / "hinku.ttl", "--store", loaded_store)
    assert result.code == 0, result.err
    return loaded_store


def test_export_in_each_format_parses_to_the_same_graph(
    run_cli: Cli,
    parse_rdf: Callable[[bytes, str], Dataset],
    two_source_store: Path,
    tmp_path: Path,
) -> None:
    graphs: dict[str, Graph] = {}
    for fmt in ("turtle", "ntriples", "nquads", "trig", "jsonld"):
        out = tmp_path / f"vienti.{fmt}"
        result = run_cli("export", "--format", fmt, "-o", out, "--store", two_source_store)
        assert result.code == 0, result.err
        ds = parse_rdf(out.read_bytes(), fmt)
        if fmt in ("nquads", "trig"):
            assert {str(g.identifier) for g in ds.graphs() if len(g)} == {
                BASE + "graph/testiohjelma",
                BASE + "graph/hinku",
            }
        merged = Graph()
        for s, p, o, _g in ds.quads((None, None, None, None)):
            merged.add((s, p, o))
        graphs[fmt] = merged
    reference = graphs["ntriples"]
    assert len(reference) > 190
    for fmt, g in graphs.items():
        assert isomorphic(g, reference), fmt


def test_export_to_standard_output_and_of_one_graph(
    run_cli: Cli,
    parse_rdf: Callable[[bytes, str], Dataset],
    two_source_store: Path,
    fixtures: Path,
) -> None:
    result = run_cli(
        "export", "--graph", BASE + "graph/hinku", "--format", "turtle", "--store", two_source_store
    )
    assert result.code == 0, result.err
    g = Graph()
    for s, p, o, _g in parse_rdf(result.out.encode("utf-8"), "turtle").quads(
        (None, None, None, None)
    ):
        g.add((s, p, o))
    assert isomorphic(g, Graph().parse(fixtures / "rdf" / "hinku.ttl"))


# ---- stats --------------------------------------------------------------------------------------
def test_stats_json_counts_by_class_theme_sector_programme_and_year(
    run_cli: Cli, loaded_store: Path
) -> None:
    result = run_cli("stats", "--format", "json", "--store", loaded_store)
    assert result.code == 0, result.err
    stats = json.loads(result.out)
    assert stats["graphs"] == 4  # the source, the ontology, the provenance, derived facts
    assert stats["triples"] > 162
    assert {r["class"].rsplit("#", 1)[1]: r["count"] for r in stats["classes"]} == {
        "Programme": 1,
        "FundingCall": 1,
        "Project": 2,
        "Actor": 6,
        "Participation": 6,
        "Grant": 1,
        "Budget": 1,
    }
    assert {r["key"].rsplit("/", 1)[1]: r["count"] for r in stats["themes"]} == {
        "low-carbon": 2,
        "smart": 1,
        "sustainable-mobility": 1,
        "urban-green": 1,
    }
    sectors = {r["key"].rsplit("/", 1)[1]: r for r in stats["sectors"]}
    assert {k: r["count"] for k, r in sectors.items()} == {
        "city": 2,
        "ministry": 1,
        "university": 1,
        "company": 1,
        "association": 1,
    }
    assert sectors["city"]["helix"] == DEF + "sector/public"
    (programme,) = stats["programmes"]
    assert programme["key"] == BASE + "programme/testiohjelma"
    assert programme["label"] == "Älykäs ja kestävä kaupunki -testiohjelma"
    assert programme["count"] == 2  # one directly, one through its funding call
    assert programme["participations"] == 5
    # The cycling pilot runs 2020-2022, the green roofs 2020 only.
    assert stats["years"] == [
        {"year": 2020, "count": 2},
        {"year": 2021, "count": 1},
        {"year": 2022, "count": 1},
    ]


def test_stats_table(run_cli: Cli, loaded_store: Path) -> None:
    result = run_cli("stats", "--store", loaded_store)
    assert result.code == 0, result.err
    out = result.out
    for section in ("classes", "themes", "sectors", "programmes", "years"):
        assert f"## {section}" in out
    rows = {tuple(line.split()) for line in out.splitlines()}
    assert ("ukg:Participation", "6") in rows
    assert ("2021", "1") in rows
    assert "Älykäs ja kestävä kaupunki -testiohjelma" in out


# ---- template -----------------------------------------------------------------------------------
ONE_ROW = {
    "programmes.csv": {
        "id": "oma-ohjelma",
        "name_fi": "Oma ohjelma",
        "name_sv": "Eget program",
        "start_year": "2024",
        "themes": "healthy",
        "source_url": "https://example.org/oma",
    },
    "calls.csv": {
        "id": "oma-haku",
        "programme": "oma-ohjelma",
        "name_fi": "Oma haku",
        "year": "2024",
        "source_url": "https://example.org/oma",
    },
    "projects.csv": {
        "id": "oma-hanke",
        "name_fi": "Oma hanke Äänekoskella",
        "project_type": "pilot",
        "call": "oma-haku",
        "themes": "urban-green",
        "start_year": "2024",
        "end_year": "2025",
        "source_url": "https://example.org/oma",
    },
    "actors.csv": {
        "id": "aanekoski",
        "name_fi": "Äänekosken kaupunki",
        "sector": "city",
        "municipality_code": "992",
        "source_url": "https://example.org/oma",
    },
    "participations.csv": {
        "project": "oma-hanke",
        "actor": "aanekoski",
        "role": "lead",
        "source_url": "https://example.org/oma",
    },
    "grants.csv": {
        "id": "oma-avustus",
        "kind": "total-budget",
        "project": "oma-hanke",
        "amount_eur": "12500.00",
        "source_url": "https://example.org/oma",
    },
}


def test_template_copies_the_csv_templates_and_a_filled_copy_loads(
    run_cli: Cli, tmp_path: Path, store_path: Path
) -> None:
    target = tmp_path / "pohjat"
    result = run_cli("template", target)
    assert result.code == 0, result.err
    assert sorted(p.name for p in target.iterdir()) == sorted(ONE_ROW)

    again = run_cli("template", target)
    assert again.code == 2
    assert "--force" in again.err
    assert run_cli("template", target, "--force").code == 0

    for name, row in ONE_ROW.items():
        path = target / name
        header = next(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
        assert set(row) <= set(header), name
        with path.open("a", encoding="utf-8", newline="") as fh:
            csv.DictWriter(fh, fieldnames=header, lineterminator="\n").writerow(row)

    loaded = run_cli("load", target, "--store", store_path)
    assert loaded.code == 0, loaded.err
    stats = json.loads(run_cli("stats", "--format", "json", "--store", store_path).out)
    assert {r["class"].rsplit("#", 1)[1]: r["count"] for r in stats["classes"]} == {
        "Programme": 1,
        "FundingCall": 1,
        "Project": 1,
        "Actor": 1,
        "Participation": 1,
        "Budget": 1,
    }


def test_version(run_cli: Cli) -> None:
    from urbankg import __version__

    result = run_cli("--version")
    assert result.code == 0
    assert result.out.strip() == f"urbankg {__version__}"
