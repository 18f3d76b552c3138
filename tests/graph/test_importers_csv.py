"""The CSV importer: a coordinator's folder of tables becomes the triples of docs/model.md.

Every bad input is refused with an ``InputError`` naming file, line and column, and the CLI
exits 2 printing ``error: file:line: column: reason``.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Dataset, Graph, Literal, URIRef

from urbankg.graph.errors import InputError
from urbankg.graph.load import load_sources
from urbankg.graph.store import OxigraphStore

BASE = "https://w3id.org/urbankg/id/"
GRAPH = ox.NamedNode(BASE + "graph/testiohjelma")
UKG = "https://w3id.org/urbankg/def#"
DEF = "https://w3id.org/urbankg/def/"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS_PREF = ox.NamedNode("http://www.w3.org/2004/02/skos/core#prefLabel")
DCT = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
SDG = "http://metadata.un.org/sdg/"


def n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def objects(store: OxigraphStore, subject: str, predicate: str | ox.NamedNode) -> set[object]:
    p = predicate if isinstance(predicate, ox.NamedNode) else n(predicate)
    return {q.object for q in store.quads(n(subject), p, None, GRAPH)}


def graph_quads(store: OxigraphStore, graph: ox.NamedNode = GRAPH) -> set[ox.Quad]:
    return set(store.quads(None, None, None, graph))


# ---- a good source ------------------------------------------------------------------------------
@pytest.fixture
def loaded(store: OxigraphStore, csv_source: Path) -> OxigraphStore:
    result = load_sources(store, [csv_source])
    assert result.graphs == [GRAPH.value]
    assert result.report.conforms
    return store


def test_rows_become_typed_resources_with_stable_iris(loaded: OxigraphStore) -> None:
    expected = {
        "programme/testiohjelma": "Programme",
        "call/testihaku-2020": "FundingCall",
        "project/pyoraily-pilotti": "Project",
        "project/viherkatot-turku": "Project",
        "actor/ymparistoministerio": "Actor",
        "actor/jyvaskyla": "Actor",
        "actor/abo-akademi": "Actor",
        "actor/katto-oy": "Actor",
        "participation/programme/testiohjelma/ymparistoministerio/coordinator": "Participation",
        "participation/pyoraily-pilotti/jyvaskyla/lead": "Participation",
        "participation/viherkatot-turku/katto-oy/co-implementer": "Participation",
        "grant/pyoraily-avustus": "Grant",
        "budget/viherkatot-budjetti": "Budget",
    }
    for path, cls in expected.items():
        assert n(UKG + cls) in objects(loaded, BASE + path, RDF_TYPE), path
    # Public-helix actors are also CPOV public organisations; others are not.
    public = n("http://data.europa.eu/m8g/PublicOrganisation")
    assert public in objects(loaded, BASE + "actor/jyvaskyla", RDF_TYPE)
    assert public in objects(loaded, BASE + "actor/ymparistoministerio", RDF_TYPE)
    assert public not in objects(loaded, BASE + "actor/abo-akademi", RDF_TYPE)
    assert public not in objects(loaded, BASE + "actor/katto-oy", RDF_TYPE)
    # Every triple of the source is in the source's named graph.
    assert len(graph_quads(loaded)) == sum(1 for q in loaded.quads() if q.graph_name == GRAPH) > 150


def test_labels_carry_language_tags(loaded: OxigraphStore) -> None:
    assert objects(loaded, BASE + "project/pyoraily-pilotti", SKOS_PREF) == {
        ox.Literal("Pyöräilykokeilu Jyväskylässä", language="fi"),
        ox.Literal("Cykelförsök i Jyväskylä", language="sv"),
        ox.Literal("Cycling pilot in Jyväskylä", language="en"),
    }
    # Empty cells are "not known": no empty labels.
    assert objects(loaded, BASE + "actor/katto-oy", SKOS_PREF) == {
        ox.Literal("Kattoviheriö Oy", language="fi")
    }
    assert objects(loaded, BASE + "programme/testiohjelma", DCT + "description") == {
        ox.Literal("A programme made up for the tests.", language="en")
    }


def test_years_are_gyears_and_amounts_are_decimals(loaded: OxigraphStore) -> None:
    gyear = n(XSD + "gYear")
    project = BASE + "project/pyoraily-pilotti"
    assert objects(loaded, project, UKG + "startYear") == {ox.Literal("2020", datatype=gyear)}
    assert objects(loaded, project, UKG + "endYear") == {ox.Literal("2022", datatype=gyear)}
    assert objects(loaded, BASE + "call/testihaku-2020", UKG + "year") == {
        ox.Literal("2020", datatype=gyear)
    }
    (budget,) = objects(loaded, BASE + "budget/viherkatot-budjetti", UKG + "amount")
    assert isinstance(budget, ox.Literal)
    assert budget.datatype == n(XSD + "decimal")
    assert Decimal(budget.value) == Decimal("74760.50")
    (grant,) = objects(loaded, BASE + "grant/pyoraily-avustus", UKG + "amount")
    assert isinstance(grant, ox.Literal)
    assert grant.datatype == n(XSD + "decimal")
    assert Decimal(grant.value) == 30000
    assert objects(loaded, BASE + "grant/pyoraily-avustus", UKG + "currency") == {ox.Literal("EUR")}


def test_links_between_rows(loaded: OxigraphStore) -> None:
    project = BASE + "project/pyoraily-pilotti"
    part = BASE + "participation/pyoraily-pilotti/jyvaskyla/lead"
    assert objects(loaded, project, DCT + "isPartOf") == {n(BASE + "programme/testiohjelma")}
    assert objects(loaded, BASE + "project/viherkatot-turku", DCT + "isPartOf") == {
        n(BASE + "call/testihaku-2020")
    }
    assert objects(loaded, BASE + "call/testihaku-2020", DCT + "isPartOf") == {
        n(BASE + "programme/testiohjelma")
    }
    assert n(part) in objects(loaded, project, PROV + "qualifiedAssociation")
    assert n(BASE + "actor/jyvaskyla") in objects(loaded, project, PROV + "wasAssociatedWith")
    assert objects(loaded, part, PROV + "agent") == {n(BASE + "actor/jyvaskyla")}
    assert objects(loaded, part, PROV + "hadRole") == {n(DEF + "role/lead")}
    assert objects(loaded, part, UKG + "roleWording") == {ox.Literal("päätoteuttaja")}
    assert objects(loaded, project, DCT + "subject") == {
        n(DEF + "theme/sustainable-mobility"),
        n(DEF + "theme/low-carbon"),
    }
    assert objects(loaded, project, UKG + "projectType") == {n(DEF + "project-type/pilot")}
    assert objects(loaded, BASE + "programme/testiohjelma", UKG + "framework") == {
        n(DEF + "framework/agenda-2030"),
        n(DEF + "framework/new-urban-agenda"),
    }
    grant = BASE + "grant/pyoraily-avustus"
    assert objects(loaded, grant, "https://schema.org/funder") == {
        n(BASE + "actor/ymparistoministerio")
    }
    assert objects(loaded, grant, UKG + "grantee") == {n(BASE + "actor/jyvaskyla")}
    assert objects(loaded, grant, "https://schema.org/fundedItem") == {n(project)}
    assert objects(loaded, BASE + "budget/viherkatot-budjetti", UKG + "budgetOf") == {
        n(BASE + "project/viherkatot-turku")
    }


def test_project_municipalities_are_places(loaded: OxigraphStore) -> None:
    assert objects(loaded, BASE + "project/viherkatot-turku", DCT + "spatial") == {
        n(BASE + "municipality/853"),
        n(BASE + "municipality/091"),
    }
    assert objects(loaded, BASE + "municipality/091", UKG + "municipalityCode") == {
        ox.Literal("091")
    }
    assert objects(loaded, BASE + "municipality/091", RDF_TYPE) == {n(DCT + "Location")}


def test_actor_identifiers(loaded: OxigraphStore) -> None:
    actor = BASE + "actor/jyvaskyla"
    assert objects(loaded, actor, UKG + "businessId") == {ox.Literal("0208201-1")}
    assert objects(loaded, actor, UKG + "municipalityCode") == {ox.Literal("179")}
    assert objects(loaded, actor, UKG + "region") == {n("http://data.europa.eu/nuts/code/FI193")}
    assert objects(loaded, actor, "http://www.w3.org/ns/org#classification") == {
        n(DEF + "sector/city")
    }


def test_every_initiative_actor_participation_grant_and_budget_cites_its_source(
    loaded: OxigraphStore,
) -> None:
    rows = list(
        loaded.select(
            """
            SELECT ?s (COUNT(?src) AS ?n) WHERE {
              VALUES ?class { ukg:Programme ukg:Project ukg:Actor ukg:Participation
                              ukg:Grant ukg:Budget }
              GRAPH ?g { ?s a ?class }
              OPTIONAL { ?s dct:source ?src }
            } GROUP BY ?s
            """
        )
    )
    # 1 programme, 2 projects, 6 actors, 6 participations, 1 grant, 1 budget.
    assert len(rows) == 17
    assert all(int(r["n"].value) >= 1 for r in rows), rows
    # Several URLs in one cell give several sources.
    assert objects(loaded, BASE + "project/pyoraily-pilotti", DCT + "source") == {
        n("https://example.org/pyoraily"),
        n("https://example.org/pyoraily-2"),
    }


def test_sdg_cells_accept_goals_targets_ranges_and_https_iris(loaded: OxigraphStore) -> None:
    # "11|https://metadata.un.org/sdg/11.3": the https IRI is stored as the UN's http IRI.
    assert objects(loaded, BASE + "programme/testiohjelma", UKG + "sdg") == {
        n(SDG + "11"),
        n(SDG + "11.3"),
    }
    # "1-17": every goal.
    assert objects(loaded, BASE + "project/pyoraily-pilotti", UKG + "sdg") == {
        n(f"{SDG}{i}") for i in range(1, 18)
    }
    assert objects(loaded, BASE + "project/viherkatot-turku", UKG + "sdg") == {n(SDG + "11.3")}
    assert not any(
        q.object.value.startswith("https://metadata.un.org")
        for q in loaded.quads(None, None, None, GRAPH)
        if isinstance(q.object, ox.NamedNode)
    )


def test_a_fully_described_source_gets_no_spurious_warnings(
    store: OxigraphStore, csv_source: Path
) -> None:
    """Warnings point at what is really missing: the city of Jyväskylä (Swedish and English
    names, business id, municipality code, a public organisation) and the cycling pilot lack
    nothing; Kattoviheriö Oy has no Swedish or English name."""
    report = load_sources(store, [csv_source]).report
    by_focus: dict[str, list[str]] = {}
    for f in report.warnings:
        by_focus.setdefault(f.focus.rsplit("/", 1)[1], []).append(f.shape.rsplit("#", 1)[1])
    assert "jyvaskyla" not in by_focus, by_focus.get("jyvaskyla")
    assert "ymparistoministerio" not in by_focus, by_focus.get("ymparistoministerio")
    assert "pyoraily-pilotti" not in by_focus, by_focus.get("pyoraily-pilotti")
    assert "ActorHasSwedishOrEnglishName" in by_focus.get("katto-oy", [])


# ---- encodings, delimiters, characters -----------------------------------------------------------
def _rewrite(folder: Path, *, delimiter: str, bom: bool, eol: str) -> None:
    """Rewrite every table of ``folder`` with another delimiter, BOM and line ending."""
    for path in folder.glob("*.csv"):
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        buf = io.StringIO(newline="")
        csv.writer(buf, delimiter=delimiter, lineterminator=eol).writerows(rows)
        path.write_bytes(buf.getvalue().encode("utf-8-sig" if bom else "utf-8"))


@pytest.mark.parametrize(
    ("delimiter", "bom", "eol"),
    [
        (",", False, "\n"),
        (",", True, "\n"),
        (";", False, "\n"),
        # What Excel's "CSV UTF-8" gives in a Finnish locale: BOM, semicolons, CRLF.
        (";", True, "\r\n"),
        (",", True, "\r\n"),
    ],
    ids=["comma", "comma-bom", "semicolon", "excel-fi", "comma-bom-crlf"],
)
def test_bom_delimiter_and_line_endings_do_not_change_the_graph(
    store: OxigraphStore, csv_source: Path, tmp_path: Path, delimiter: str, bom: bool, eol: str
) -> None:
    load_sources(store, [csv_source])
    expected = graph_quads(store)

    variant = tmp_path / "variant" / "testiohjelma"
    variant.parent.mkdir()
    import shutil

    shutil.copytree(csv_source, variant)
    _rewrite(variant, delimiter=delimiter, bom=bom, eol=eol)
    if bom:
        assert (variant / "actors.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    other = OxigraphStore(None)
    try:
        load_sources(other, [variant])
        assert graph_quads(other) == expected
    finally:
        other.close()


NAMES = [
    "Älykäs ja kestävä kaupunki -testiohjelma",
    "Ympäristöministeriö",
    "Åbo Akademi",
    "Östersundomin kyläyhdistys ry",
    "Östersundom byaförening rf",
    "Gröna tak i Åbo",
    "Pyöräilykokeilu Jyväskylässä",
]


def test_finnish_and_swedish_letters_round_trip_through_store_and_export(
    run_cli: Callable[..., object],
    parse_rdf: Callable[[bytes, str], Dataset],
    csv_source: Path,
    store_path: Path,
    tmp_path: Path,
) -> None:
    loaded = run_cli("load", csv_source, "--store", store_path)
    assert loaded.code == 0, loaded.err  # type: ignore[attr-defined]
    store = OxigraphStore(store_path)
    try:
        labels = {
            q.object.value
            for q in store.quads(None, SKOS_PREF, None, GRAPH)
            if isinstance(q.object, ox.Literal)
        }
    finally:
        store.close()
    assert set(NAMES) <= labels

    for fmt in ("turtle", "ntriples", "nquads", "trig", "jsonld"):
        out = tmp_path / f"export.{fmt}"
        exported = run_cli("export", "--store", store_path, "--format", fmt, "--output", out)
        assert exported.code == 0, exported.err  # type: ignore[attr-defined]
        ds = parse_rdf(out.read_bytes(), fmt)
        values = {str(o) for _s, _p, o, _g in ds.quads((None, None, None, None))}
        assert set(NAMES) <= values, fmt
        if fmt != "jsonld":
            # Written as UTF-8 text that people can read, not as \u escapes.
            text = out.read_bytes().decode("utf-8")
            for name in NAMES:
                assert name in text, (fmt, name)


def test_multi_value_cells_with_pipes(loaded: OxigraphStore) -> None:
    assert objects(loaded, BASE + "programme/testiohjelma", DCT + "subject") == {
        n(DEF + "theme/low-carbon"),
        n(DEF + "theme/smart"),
    }


def test_semicolon_separates_values_in_a_comma_delimited_file(
    store: OxigraphStore, csv_source: Path
) -> None:
    """docs/csv-format.md: "`;` is accepted too when the file is `,`-delimited"."""
    projects = csv_source / "projects.csv"
    text = projects.read_text(encoding="utf-8")
    changed = text.replace("sustainable-mobility|low-carbon", "sustainable-mobility;low-carbon")
    assert changed != text
    projects.write_text(changed, encoding="utf-8")
    load_sources(store, [csv_source])
    assert objects(store, BASE + "project/pyoraily-pilotti", DCT + "subject") == {
        n(DEF + "theme/sustainable-mobility"),
        n(DEF + "theme/low-carbon"),
    }


# ---- bad input ----------------------------------------------------------------------------------
def _replace(old: str, new: str) -> Callable[[Path], None]:
    def mutate(path: Path) -> None:
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1, f"{old!r} must occur once in {path.name}"
        path.write_text(text.replace(old, new), encoding="utf-8")

    return mutate


def _append(line: str) -> Callable[[Path], None]:
    def mutate(path: Path) -> None:
        with path.open("a", encoding="utf-8") as fh:
            fh.write(line + "\n")

    return mutate


def _drop_column(column: str) -> Callable[[Path], None]:
    def mutate(path: Path) -> None:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        i = rows[0].index(column)
        buf = io.StringIO(newline="")
        csv.writer(buf, lineterminator="\n").writerows([r[:i] + r[i + 1 :] for r in rows])
        path.write_text(buf.getvalue(), encoding="utf-8")

    return mutate


def _add_column(column: str, value: str) -> Callable[[Path], None]:
    def mutate(path: Path) -> None:
        rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"), newline="")))
        rows = [[*rows[0], column]] + [[*r, value] for r in rows[1:]]
        buf = io.StringIO(newline="")
        csv.writer(buf, lineterminator="\n").writerows(rows)
        path.write_text(buf.getvalue(), encoding="utf-8")

    return mutate


def _bytes(data: bytes) -> Callable[[Path], None]:
    def mutate(path: Path) -> None:
        path.write_bytes(data)

    return mutate


def _latin1(path: Path) -> None:
    path.write_bytes(path.read_text(encoding="utf-8").encode("latin-1"))


#: (id, file, change, line, column, words the reason must contain)
CELL_ERRORS = [
    (
        "unknown-sector",
        "actors.csv",
        _replace(",city,0208201-1,", ",town,0208201-1,"),
        3,
        "sector",
        ["unknown sector", "town"],
    ),
    (
        "unknown-role",
        "participations.csv",
        _replace("pyoraily-pilotti,jyvaskyla,lead", "pyoraily-pilotti,jyvaskyla,boss"),
        3,
        "role",
        ["unknown role", "boss"],
    ),
    (
        "unknown-theme",
        "projects.csv",
        _replace("sustainable-mobility|low-carbon", "sustainable-mobility|greenwash"),
        2,
        "themes",
        ["unknown theme", "greenwash"],
    ),
    (
        "malformed-year",
        "projects.csv",
        _replace(",1-17,2020,2022,", ",1-17,20x9,2022,"),
        2,
        "start_year",
        ["20x9"],
    ),
    (
        "end-before-start",
        "projects.csv",
        _replace(",1-17,2020,2022,", ",1-17,2020,2018,"),
        2,
        "end_year",
        ["2018", "2020"],
    ),
    (
        "bad-business-id-check-digit",
        "actors.csv",
        _replace("0208201-1", "0208201-2"),
        3,
        "business_id",
        ["0208201-2"],
    ),
    (
        "two-digit-municipality-code",
        "actors.csv",
        _replace(",0204819-8,853,", ",0204819-8,91,"),
        4,
        "municipality_code",
        ["'91'"],
    ),
    (
        "duplicate-id",
        "actors.csv",
        _append("jyvaskyla,Jyväskylä uudestaan,,,city,,,,https://example.org/x"),
        8,
        "id",
        ["duplicate", "jyvaskyla", "actors.csv:3"],
    ),
    (
        "actor-never-defined",
        "participations.csv",
        _replace("pyoraily-pilotti,jyvaskyla,lead", "pyoraily-pilotti,ghost-oy,lead"),
        3,
        "actor",
        ["ghost-oy", "never defined"],
    ),
    (
        "unknown-sdg",
        "projects.csv",
        _replace(",11.3,2020,2020,", ",11.99,2020,2020,"),
        3,
        "sdgs",
        ["11.99"],
    ),
]


@pytest.mark.parametrize(
    ("file", "change", "line", "column", "words"),
    [c[1:] for c in CELL_ERRORS],
    ids=[c[0] for c in CELL_ERRORS],
)
def test_bad_cell_is_refused_naming_file_line_and_column(
    run_cli: Callable[..., object],
    store: OxigraphStore,
    csv_source: Path,
    store_path: Path,
    file: str,
    change: Callable[[Path], None],
    line: int,
    column: str,
    words: list[str],
) -> None:
    change(csv_source / file)
    with pytest.raises(InputError) as info:
        load_sources(store, [csv_source])
    err = info.value
    assert (err.file, err.line, err.column) == (file, line, column)
    message = str(err)
    assert "\n" not in message
    assert message.startswith(f"{file}:{line}: {column}: ")
    for word in words:
        assert word in message

    result = run_cli("load", csv_source, "--store", store_path)
    assert result.code == 2  # type: ignore[attr-defined]
    assert result.err == f"error: {message}\n"  # type: ignore[attr-defined]


#: (id, file, change, line or None, words the message must contain)
FILE_ERRORS = [
    (
        "missing-required-column",
        "projects.csv",
        _drop_column("project_type"),
        1,
        ["missing required column", "project_type"],
    ),
    (
        "unknown-column",
        "projects.csv",
        _add_column("budget", "100"),
        1,
        ["unknown column", "budget"],
    ),
    ("empty-file", "actors.csv", _bytes(b""), None, ["empty"]),
    ("only-blank-lines", "actors.csv", _bytes(b"\n\n  \n"), None, ["empty"]),
    # A spreadsheet saved with a .csv name (an XLSX file is a ZIP archive).
    (
        "binary-file",
        "actors.csv",
        _bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(64)),
        None,
        ["binary"],
    ),
    # Excel's plain "CSV" in a Finnish locale writes Latin-1/Windows-1252; the first
    # non-ASCII letter is the "ä" of Ympäristöministeriö on line 2.
    ("latin-1", "actors.csv", _latin1, 2, ["UTF-8"]),
]


@pytest.mark.parametrize(
    ("file", "change", "line", "words"),
    [c[1:] for c in FILE_ERRORS],
    ids=[c[0] for c in FILE_ERRORS],
)
def test_bad_file_is_refused_naming_the_file_and_line(
    run_cli: Callable[..., object],
    store: OxigraphStore,
    csv_source: Path,
    store_path: Path,
    file: str,
    change: Callable[[Path], None],
    line: int | None,
    words: list[str],
) -> None:
    change(csv_source / file)
    with pytest.raises(InputError) as info:
        load_sources(store, [csv_source])
    err = info.value
    assert err.file == file
    assert err.line == line
    message = str(err)
    assert "\n" not in message
    assert message.startswith(f"{file}:{line}: " if line else f"{file}: ")
    for word in words:
        assert word in message

    result = run_cli("load", csv_source, "--store", store_path)
    assert result.code == 2  # type: ignore[attr-defined]
    assert result.err == f"error: {message}\n"  # type: ignore[attr-defined]


def test_a_source_without_csv_files_is_refused(store: OxigraphStore, tmp_path: Path) -> None:
    empty = tmp_path / "tyhja"
    empty.mkdir()
    with pytest.raises(InputError, match=r"no \.csv files"):
        load_sources(store, [empty])


def test_finnish_decimal_comma_is_refused_with_its_place(
    store: OxigraphStore, csv_source: Path
) -> None:
    _replace(",74760.50,", ',"74760,50",')(csv_source / "grants.csv")
    with pytest.raises(InputError) as info:
        load_sources(store, [csv_source])
    assert (info.value.file, info.value.line, info.value.column) == (
        "grants.csv",
        3,
        "amount_eur",
    )


def test_rdflib_reads_the_same_labels(loaded: OxigraphStore) -> None:
    """The stored labels are ordinary RDF literals other tools read back exactly."""
    buf = io.BytesIO()
    loaded.dump(buf, ox.RdfFormat.N_TRIPLES)
    g = Graph().parse(data=buf.getvalue().decode("utf-8"), format="nt")
    assert (
        URIRef(BASE + "actor/abo-akademi"),
        URIRef(SKOS_PREF.value),
        Literal("Åbo Akademi", lang="fi"),
    ) in g
