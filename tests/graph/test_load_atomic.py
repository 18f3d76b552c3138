"""Validate-then-commit: a bad batch leaves the store exactly as it was (docs/decisions/0003).

The store is compared as the set of all its quads, provenance included: a refused load must not
even leave a start record behind.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

import urbankg.graph.validate as validate_module
from urbankg.graph.errors import InputError
from urbankg.graph.load import ValidationFailedError, load_sources, validate_store
from urbankg.graph.store import OxigraphStore, open_store

BASE = "https://w3id.org/urbankg/id/"
CSV_GRAPH = BASE + "graph/testiohjelma"


def snapshot(store: OxigraphStore) -> frozenset[ox.Quad]:
    return frozenset(store.quads())


@pytest.fixture
def loaded(store_path: Path, csv_source: Path) -> Iterator[OxigraphStore]:
    """An on-disk store holding the good CSV source (graph ``testiohjelma``)."""
    store = open_store(store_path)
    load_sources(store, [csv_source])
    yield store
    store.close()


def _edit(path: Path, old: str, new: str) -> Path:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


def _hinku(fixtures: Path, tmp_path: Path, name: str = "hinku.ttl") -> Path:
    target = tmp_path / "sources" / name
    target.parent.mkdir(exist_ok=True)
    return Path(shutil.copy(fixtures / "rdf" / "hinku.ttl", target))


# ---- each kind of bad batch ---------------------------------------------------------------------
def turtle_syntax_error(fixtures: Path, csv_source: Path, tmp_path: Path) -> list[Path]:
    path = _hinku(fixtures, tmp_path)
    return [_edit(path, "ukg:projectType ptype:pilot ;", "ukg:projectType ptype:pilot ;;; ,")]


def role_outside_the_role_scheme(fixtures: Path, csv_source: Path, tmp_path: Path) -> list[Path]:
    path = _hinku(fixtures, tmp_path)
    # A concept, but of the theme scheme.
    return [
        _edit(
            path,
            "prov:hadRole role:lead ;",
            "prov:hadRole <https://w3id.org/urbankg/def/theme/smart> ;",
        )
    ]


def project_without_finnish_label(fixtures: Path, csv_source: Path, tmp_path: Path) -> list[Path]:
    path = _hinku(fixtures, tmp_path)
    return [_edit(path, '"Vaasan aurinkosähkökokeilu"@fi , ', "")]


def csv_reload_with_a_bad_row_among_good_ones(
    fixtures: Path, csv_source: Path, tmp_path: Path
) -> list[Path]:
    # The source already in the store, with a changed label and a bad row 4 of 7.
    _edit(csv_source / "actors.csv", "Turun kaupunki", "Turun kaupunki (uusi nimi)")
    _edit(
        csv_source / "participations.csv",
        "pyoraily-pilotti,ostersundom-ry,partner",
        "pyoraily-pilotti,ostersundom-ry,sponsor",
    )
    return [csv_source]


def csv_reload_that_violates_a_shape(
    fixtures: Path, csv_source: Path, tmp_path: Path
) -> list[Path]:
    # Without participations no project has anyone carrying it out.
    (csv_source / "participations.csv").unlink()
    _edit(csv_source / "grants.csv", "pyoraily-pilotti,jyvaskyla,", "pyoraily-pilotti,,")
    return [csv_source]


def batch_whose_second_source_does_not_parse(
    fixtures: Path, csv_source: Path, tmp_path: Path
) -> list[Path]:
    _edit(csv_source / "actors.csv", "Turun kaupunki", "Turun kaupunki (uusi nimi)")
    bad = tmp_path / "rikki.ttl"
    bad.write_text("<http://example.org/a> <http://example.org/b> .\n", encoding="utf-8")
    return [_hinku(fixtures, tmp_path), csv_source, bad]


def batch_whose_second_source_violates_a_shape(
    fixtures: Path, csv_source: Path, tmp_path: Path
) -> list[Path]:
    _edit(csv_source / "actors.csv", "Turun kaupunki", "Turun kaupunki (uusi nimi)")
    return [csv_source, *project_without_finnish_label(fixtures, csv_source, tmp_path)]


BAD_BATCHES: list[Callable[[Path, Path, Path], list[Path]]] = [
    turtle_syntax_error,
    role_outside_the_role_scheme,
    project_without_finnish_label,
    csv_reload_with_a_bad_row_among_good_ones,
    csv_reload_that_violates_a_shape,
    batch_whose_second_source_does_not_parse,
    batch_whose_second_source_violates_a_shape,
]


@pytest.mark.parametrize("make", BAD_BATCHES, ids=[f.__name__ for f in BAD_BATCHES])
def test_a_bad_batch_leaves_the_store_exactly_as_it_was(
    loaded: OxigraphStore,
    fixtures: Path,
    csv_source: Path,
    tmp_path: Path,
    make: Callable[[Path, Path, Path], list[Path]],
) -> None:
    before = snapshot(loaded)
    info = loaded.graph_info()
    batch = make(fixtures, csv_source, tmp_path)
    with pytest.raises((InputError, ValidationFailedError)):
        load_sources(loaded, batch)
    assert snapshot(loaded) == before
    assert loaded.graph_info() == info
    assert loaded.incomplete_graphs() == []


def test_a_violation_report_names_the_source_file_and_focus(
    loaded: OxigraphStore, fixtures: Path, csv_source: Path, tmp_path: Path
) -> None:
    batch = project_without_finnish_label(fixtures, csv_source, tmp_path)
    with pytest.raises(ValidationFailedError) as info:
        load_sources(loaded, batch)
    (violation,) = info.value.report.violations
    assert violation.focus == BASE + "project/vaasa-aurinko"
    assert violation.path == "http://www.w3.org/2004/02/skos/core#prefLabel"
    assert violation.source == "hinku.ttl"
    assert "Finnish" in violation.message
    assert "hinku.ttl" in str(info.value)


def test_a_refused_first_load_leaves_an_empty_store_empty(
    disk_store: OxigraphStore, tmp_path: Path
) -> None:
    bad = tmp_path / "rikki.ttl"
    bad.write_text("<http://example.org/a> <http://example.org/b> .\n", encoding="utf-8")
    with pytest.raises(InputError):
        load_sources(disk_store, [bad])
    assert len(disk_store) == 0
    assert disk_store.graph_iris() == []


# ---- references across sources ------------------------------------------------------------------
@pytest.fixture
def second_source(tmp_path: Path) -> Path:
    """A CSV source whose project belongs to a programme, and has an actor, of the store."""
    folder = tmp_path / "lisahanke"
    folder.mkdir()
    (folder / "projects.csv").write_text(
        "id,name_fi,project_type,programme,source_url\n"
        "kavelykatu-jkl,Kävelykatukokeilu Jyväskylässä,pilot,testiohjelma,"
        "https://example.org/kavelykatu\n",
        encoding="utf-8",
    )
    (folder / "participations.csv").write_text(
        "project,actor,role,source_url\n"
        "kavelykatu-jkl,jyvaskyla,lead,https://example.org/kavelykatu\n",
        encoding="utf-8",
    )
    return folder


def test_a_batch_may_refer_to_actors_and_programmes_already_in_the_store(
    loaded: OxigraphStore, second_source: Path
) -> None:
    result = load_sources(loaded, [second_source])
    assert result.report.conforms
    rows = list(
        loaded.select(
            """
            SELECT ?name ?programme WHERE {
              GRAPH <https://w3id.org/urbankg/id/graph/lisahanke> {
                ?p prov:wasAssociatedWith ?a ; dct:isPartOf ?programme }
              ?a skos:prefLabel ?name FILTER(LANG(?name) = "fi")
            }
            """
        )
    )
    assert [(r["name"].value, r["programme"].value) for r in rows] == [
        ("Jyväskylän kaupunki", BASE + "programme/testiohjelma")
    ]


def test_a_turtle_source_may_refer_to_an_actor_of_another_graph(
    loaded: OxigraphStore, fixtures: Path, tmp_path: Path
) -> None:
    path = _hinku(fixtures, tmp_path, "toinen.ttl")
    text = path.read_text(encoding="utf-8")
    # Drop the actor block: the participation then refers to the CSV source's Turku.
    text = text[: text.index("actor:vaasa\n    a ukg:Actor")]
    text = text.replace("actor:vaasa", "actor:turku").replace("/vaasa/lead", "/turku/lead")
    path.write_text(text, encoding="utf-8")
    result = load_sources(loaded, [path])
    assert result.report.conforms


def test_two_sources_of_one_batch_may_refer_to_each_other(
    store: OxigraphStore, fixtures: Path, tmp_path: Path
) -> None:
    """Actors in one file, the projects that name them in another, loaded together."""
    text = (fixtures / "rdf" / "hinku.ttl").read_text(encoding="utf-8")
    cut = text.index("actor:vaasa\n    a ukg:Actor")
    prefixes = text[: text.index("# A small, valid source")]
    (tmp_path / "hankkeet.ttl").write_text(text[:cut], encoding="utf-8")
    (tmp_path / "toimijat.ttl").write_text(prefixes + text[cut:], encoding="utf-8")
    result = load_sources(store, [tmp_path / "hankkeet.ttl", tmp_path / "toimijat.ttl"])
    assert result.report.conforms
    assert sorted(result.graphs) == [BASE + "graph/hankkeet", BASE + "graph/toimijat"]


def test_a_batch_validated_in_several_chunks_loads(
    store: OxigraphStore, csv_source: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Large batches are validated in chunks (docs/decisions/0002); a participation whose
    actor falls in another chunk than its own is still valid."""
    monkeypatch.setattr(validate_module, "CHUNK_TRIPLES", 40)
    result = load_sources(store, [csv_source], workers=2)
    assert result.report.conforms, [(f.focus, f.message) for f in result.report.violations[:5]]
    assert result.triples > 4 * 40


def test_a_reload_that_removes_an_actor_another_graph_refers_to_is_refused(
    loaded: OxigraphStore, csv_source: Path, second_source: Path
) -> None:
    load_sources(loaded, [second_source])
    before = snapshot(loaded)
    # The first source, internally consistent, without the city of Jyväskylä.
    actors = csv_source / "actors.csv"
    actors.write_text(
        "".join(
            line
            for line in actors.read_text(encoding="utf-8").splitlines(keepends=True)
            if not line.startswith("jyvaskyla,")
        ),
        encoding="utf-8",
    )
    _edit(
        csv_source / "participations.csv",
        "pyoraily-pilotti,jyvaskyla,lead,päätoteuttaja,https://example.org/pyoraily\n",
        "",
    )
    _edit(csv_source / "grants.csv", "pyoraily-pilotti,jyvaskyla,", "pyoraily-pilotti,,")

    dangling = BASE + "participation/kavelykatu-jkl/jyvaskyla/lead"
    try:
        result = load_sources(loaded, [csv_source])
    except ValidationFailedError as exc:
        assert dangling in {f.focus for f in exc.report.violations}
        assert snapshot(loaded) == before
        return
    later = validate_store(loaded, workers=1)
    found = [f.shape.rsplit("#")[-1] for f in later.violations if f.focus == dangling]
    pytest.fail(
        f"the reload was accepted: the participation {dangling} now names an actor that no "
        f"longer exists (load report: {len(result.report.violations)} violation(s); a later "
        f"whole-store validation finds {found})"
    )
