"""Filters select the expected part of the mini fixture; bad values are refused by name."""

from __future__ import annotations

import pytest

from urbankg.graph.errors import InputError
from urbankg.graph.store import OxigraphStore
from urbankg.network import (
    NetworkCache,
    NetworkFilters,
    apply_filters,
    build_network,
    extract,
    network_json,
)

ID = "https://w3id.org/urbankg/id/"


def _ties(store: OxigraphStore, **filters: object) -> tuple[set[str], set[tuple[str, str]]]:
    g = build_network(store, NetworkFilters(**filters)).graph  # type: ignore[arg-type]
    nodes = {v.rsplit("/", 1)[1] for v in g.nodes}
    edges = {tuple(sorted(x.rsplit("/", 1)[1] for x in e)) for e in g.edges}
    return nodes, edges  # type: ignore[return-value]


def test_without_filters_every_project_and_programme_with_participations(
    mini_store: OxigraphStore,
) -> None:
    data = extract(mini_store)
    kinds = {i.rsplit("/", 1)[1]: x.kind for i, x in data.initiatives.items()}
    # prog-b has no participation of its own: not an initiative of the network.
    assert kinds == {
        "p12": "project",
        "p23": "project",
        "p34": "project",
        "p45": "project",
        "p13": "project",
        "p6": "project",
        "prog-a": "programme",
    }
    nodes, edges = _ties(mini_store)
    assert nodes == {"a1", "a2", "a3", "a4", "a5", "a6"}
    assert edges == {("a1", "a2"), ("a2", "a3"), ("a3", "a4"), ("a4", "a5"), ("a1", "a3")}


def test_two_mode_rows_carry_role_sector_helix_years_themes_sdgs_programme(
    mini_store: OxigraphStore,
) -> None:
    data = extract(mini_store)
    p12 = data.initiatives[f"{ID}project/p12"]
    assert (p12.start, p12.end) == (2019, 2020)
    assert p12.themes == ("https://w3id.org/urbankg/def/theme/sustainable-mobility",)
    assert p12.sdgs == ("http://metadata.un.org/sdg/11.2",)
    assert p12.programmes == (f"{ID}programme/prog-a",)
    assert p12.labels == {"fi": "Hanke 12", "sv": "Projekt 12", "en": "Project 12"}
    # Through the call: p23 is part of call-a, which is part of prog-a.
    assert data.initiatives[f"{ID}project/p23"].programmes == (f"{ID}programme/prog-a",)
    # Only an end year: active in that one year.
    p6 = data.initiatives[f"{ID}project/p6"]
    assert (p6.start, p6.end) == (2023, 2023)
    a3 = data.actors[f"{ID}actor/a3"]
    assert (a3.sector, a3.helix, a3.label) == ("university", "research", "Yliopisto 3")
    roles = {
        (p.initiative.rsplit("/", 1)[1], p.actor.rsplit("/", 1)[1]): p for p in data.participations
    }
    assert roles[("p34", "a3")].role == "research-lead"
    assert roles[("p34", "a3")].leading  # narrower than role:coordinator
    assert roles[("p13", "a1")].leading  # chair
    assert not roles[("p13", "a3")].leading  # member


@pytest.mark.parametrize(
    ("filters", "nodes", "edges"),
    [
        # Theme with its sub-themes: p12 (sustainable-mobility), p13, prog-a.
        ({"theme": "low-carbon"}, {"a1", "a2", "a3"}, {("a1", "a2"), ("a1", "a3")}),
        ({"theme": "smart"}, {"a2", "a3", "a4", "a5"}, {("a2", "a3"), ("a4", "a5")}),
        # Goal 11 matches its target 11.2; target 11.2 only itself.
        ({"sdg": "11"}, {"a1", "a2", "a3"}, {("a1", "a2"), ("a1", "a3")}),
        ({"sdg": "11.2"}, {"a1", "a2"}, {("a1", "a2")}),
        ({"sdg": "http://metadata.un.org/sdg/9"}, {"a2", "a3"}, {("a2", "a3")}),
        # The programme itself, its projects and the projects of its calls.
        ({"programme": "prog-a"}, {"a1", "a2", "a3"}, {("a1", "a2"), ("a2", "a3"), ("a1", "a3")}),
        # Overlap with the years: p13 (2021-22), p45 (2022-23), p6 (2023), prog-a (2019-23).
        ({"year_from": 2022}, {"a1", "a2", "a3", "a4", "a5", "a6"}, {("a1", "a3"), ("a4", "a5")}),
        ({"year_to": 2019}, {"a1", "a2"}, {("a1", "a2")}),
        (
            {"year_from": 2021, "year_to": 2021},
            {"a1", "a2", "a3", "a4"},
            {("a2", "a3"), ("a3", "a4"), ("a1", "a3")},
        ),
        # Sector filters select participations: a helix or an actor type.
        ({"sector": "research"}, {"a3", "a4"}, {("a3", "a4")}),
        ({"sector": "ministry"}, {"a2"}, set()),
        # Leading roles: coordinator and its narrower lead, research-lead, chair.
        ({"role": "coordinator"}, {"a1", "a2", "a3", "a6"}, set()),
        ({"role": "partner"}, {"a2", "a3", "a4", "a5"}, {("a4", "a5")}),
        # Combined filters are ANDed.
        ({"theme": "smart", "year_to": 2021}, {"a2", "a3"}, {("a2", "a3")}),
    ],
)
def test_filters_select_the_expected_network(
    mini_store: OxigraphStore,
    filters: dict[str, object],
    nodes: set[str],
    edges: set[tuple[str, str]],
) -> None:
    assert _ties(mini_store, **filters) == (nodes, edges)


@pytest.mark.parametrize(
    "filters",
    [
        {"theme": "low-carbon"},
        {"theme": "smart", "year_to": 2021},
        {"sdg": "11"},
        {"sdg": "11.2"},
        {"sdg": "9", "derived_sdgs": True},
        {"programme": "prog-a"},
        {"programme": "prog-b"},
        {"year_from": 2022},
        {"year_to": 2019},
        {"year_from": 2021, "year_to": 2021},
        {"sector": "research"},
        {"sector": "ministry"},
        {"role": "coordinator"},
        {"role": "partner", "sector": "public"},
        {"theme": "open-data"},
    ],
)
def test_python_filters_give_what_the_query_gives(
    mini_store: OxigraphStore, filters: dict[str, object]
) -> None:
    f = NetworkFilters(**filters)  # type: ignore[arg-type]
    by_query = extract(mini_store, f)
    in_python = apply_filters(mini_store, extract(mini_store), f)
    assert in_python.participations == by_query.participations
    assert in_python.initiatives == by_query.initiatives
    assert in_python.actors == by_query.actors


def test_python_filters_refuse_unknown_values(mini_store: OxigraphStore) -> None:
    with pytest.raises(InputError, match="nope"):
        apply_filters(mini_store, extract(mini_store), NetworkFilters(theme="nope"))


def test_a_filter_that_matches_nothing_gives_an_empty_network_with_a_note(
    mini_store: OxigraphStore,
) -> None:
    network = build_network(mini_store, NetworkFilters(theme="open-data"))
    assert network.graph.number_of_nodes() == 0
    assert network.data.note is not None
    assert "theme=open-data" in network.data.note


def test_derived_sdgs_match_only_when_asked(fresh_store: OxigraphStore) -> None:
    import pyoxigraph as ox

    fresh_store.replace_graphs(
        {
            fresh_store.graph_iri("derived"): [
                ox.Quad(
                    ox.NamedNode(f"{ID}project/p45"),
                    ox.NamedNode("https://w3id.org/urbankg/def#derivedSdg"),
                    ox.NamedNode("http://metadata.un.org/sdg/9"),
                    ox.NamedNode(fresh_store.graph_iri("derived")),
                )
            ]
        },
        source="test",
    )
    assert _ties(fresh_store, sdg="9")[1] == {("a2", "a3")}
    assert _ties(fresh_store, sdg="9", derived_sdgs=True)[1] == {("a2", "a3"), ("a4", "a5")}


@pytest.mark.parametrize(
    ("filters", "named"),
    [
        ({"theme": "low-carbn"}, "low-carbn"),
        ({"sdg": "18"}, "18"),
        ({"sdg": "11.99"}, "11.99"),
        ({"programme": "no-such-programme"}, "no-such-programme"),
        ({"programme": "p12"}, "p12"),  # a project, not a programme
        ({"sector": "government"}, "government"),
        ({"role": "boss"}, "boss"),
        ({"year_from": 2023, "year_to": 2019}, "2023"),
        ({"year_from": 19}, "19"),
    ],
)
def test_unknown_filter_values_are_refused_by_name(
    mini_store: OxigraphStore, filters: dict[str, object], named: str
) -> None:
    with pytest.raises(InputError, match=named):
        extract(mini_store, NetworkFilters(**filters))  # type: ignore[arg-type]


def test_filters_describe_themselves() -> None:
    f = NetworkFilters(theme="smart", year_from=2020)
    assert f.as_dict() == {"theme": "smart", "year_from": 2020}
    assert f.describe() == "theme=smart, year_from=2020"
    assert NetworkFilters().describe() == "none"
    assert NetworkFilters(derived_sdgs=True).is_empty()


SYNTHETIC_FILTERS = [
    {"theme": "low-carbon", "year_from": 2020, "year_to": 2021},
    {"theme": "healthy"},
    {"sdg": "11"},
    {"sdg": "11", "derived_sdgs": True},
    {"year_from": 2015},
    {"year_to": 2012},
    {"sector": "research"},
    {"sector": "city"},
    {"role": "coordinator"},
    {"role": "partner", "year_from": 2018, "year_to": 2019},
]


@pytest.mark.parametrize("filters", SYNTHETIC_FILTERS)
def test_python_filters_give_what_the_query_gives_on_synthetic_data(
    synthetic_store: OxigraphStore, filters: dict[str, object]
) -> None:
    f = NetworkFilters(**filters)  # type: ignore[arg-type]
    by_query = extract(synthetic_store, f)
    in_python = apply_filters(synthetic_store, extract(synthetic_store), f)
    assert by_query.participations, "the filter should select something"
    assert in_python.participations == by_query.participations
    assert list(in_python.initiatives.items()) == list(by_query.initiatives.items())
    assert list(in_python.actors.items()) == list(by_query.actors.items())


def test_programme_filter_in_python_on_synthetic_data(synthetic_store: OxigraphStore) -> None:
    data = extract(synthetic_store)
    for iri in sorted({p for i in data.initiatives.values() for p in i.programmes})[:3]:
        f = NetworkFilters(programme=iri.rsplit("/", 1)[1])
        assert apply_filters(synthetic_store, data, f).participations == (
            extract(synthetic_store, f).participations
        )


def test_cached_filtered_view_is_the_queried_view(synthetic_store: OxigraphStore) -> None:
    cache = NetworkCache()
    view = NetworkFilters(theme="low-carbon", year_from=2020, year_to=2021)
    from_cache = network_json(synthetic_store, view, cache=cache)
    assert from_cache == network_json(synthetic_store, view)
    assert from_cache["meta"]["nodes"] > 10
    # A second view from the same cache: the data is read once.
    network_json(synthetic_store, NetworkFilters(sector="research"), cache=cache)
    assert cache.loads == 1
