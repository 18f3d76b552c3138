"""Derived SDG goals (ukg:derivedSdg): from the themes' editorial closeMatch, in graph/derived."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from urbankg.api.update import apply_update
from urbankg.graph.derive import theme_goals
from urbankg.graph.errors import InputError
from urbankg.graph.load import init_store, load_sources
from urbankg.graph.store import OxigraphStore, open_store

THEME = "https://w3id.org/urbankg/def/theme/"
SDG = "http://metadata.un.org/sdg/"
KK = "https://w3id.org/urbankg/id/graph/kestava-kaupunki"


@pytest.fixture(scope="module")
def kk() -> Iterator[OxigraphStore]:
    store = open_store(None)
    init_store(store, workers=1)
    yield store
    store.close()


def _derived(store: OxigraphStore) -> set[tuple[str, str]]:
    rows = store.select(
        f"SELECT ?i ?g {{ GRAPH <{store.derived_graph}> {{ ?i ukg:derivedSdg ?g }} }}"
    )
    return {(r["i"].value, r["g"].value) for r in rows}


def test_theme_goals_follow_the_editorial_close_matches_and_broader_themes() -> None:
    table = theme_goals()
    assert table[THEME + "low-carbon"] == {SDG + "7", SDG + "13"}
    assert table[THEME + "healthy"] == {SDG + "3"}
    # a sub-theme gets the goals of the themes above it too
    children = {
        t for t in table if t != THEME + "low-carbon" and table[t] >= table[THEME + "low-carbon"]
    }
    assert children, "some theme below low-carbon (or sharing its goals) is expected"


def test_loading_the_real_data_derives_the_goals_of_every_themed_initiative(
    kk: OxigraphStore,
) -> None:
    table = theme_goals()
    themes: dict[str, set[str]] = {}
    for r in kk.select("SELECT ?i ?t { ?i dct:subject ?t }"):
        themes.setdefault(r["i"].value, set()).add(r["t"].value)
    expected = {(i, g) for i, ts in themes.items() for t in ts for g in table.get(t, ())}
    assert expected and _derived(kk) == expected
    # the source graph stays what its files say; the derived facts have a provenance record
    assert not kk.ask(f"ASK {{ GRAPH <{KK}> {{ ?i ukg:derivedSdg ?g }} }}")
    assert any(i.iri == kk.derived_graph and i.triples == len(expected) for i in kk.graph_info())
    # queries see them through the union default graph
    n = next(kk.select("SELECT (COUNT(*) AS ?n) { ?i ukg:derivedSdg ?g }"))["n"].value
    assert int(n) == len(expected)


def test_an_update_that_changes_themes_changes_the_derived_goals() -> None:
    store = open_store(None)
    init_store(store, workers=1)
    project = next(
        store.select("SELECT ?p { ?p a ukg:Project ; dct:subject ?t } ORDER BY ?p LIMIT 1")
    )["p"].value
    assert any(i == project for i, _ in _derived(store))
    apply_update(
        store,
        f"DELETE WHERE {{ GRAPH <{KK}> {{ <{project}> <http://purl.org/dc/terms/subject> ?t }} }}",
        workers=1,
    )
    assert not any(i == project for i, _ in _derived(store))
    apply_update(store, f"DROP GRAPH <{KK}>", workers=1)
    assert _derived(store) == set()
    store.close()


def test_no_source_may_write_the_derived_graph(store: OxigraphStore, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "derived.ttl"
    path.write_text("<https://example.org/a> <https://example.org/b> <https://example.org/c> .\n")
    with pytest.raises(InputError, match="reserved"):
        load_sources(store, [path])
    assert store.derived_graph not in store.graph_iris()
