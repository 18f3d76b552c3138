"""Projection weights (count, Newman, Jaccard) on hand-computed examples."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

import networkx as nx
import pytest
from networkx.algorithms import bipartite

from urbankg.graph.errors import InputError
from urbankg.graph.store import OxigraphStore
from urbankg.network import Actor, Initiative, Participation, TwoMode, extract, project, tie_weights


def two_mode(rows: list[tuple[str, str]], helix: dict[str, str] | None = None) -> TwoMode:
    """Two-mode data from (initiative, actor) rows; every actor public unless told."""
    helix = helix or {}
    data = TwoMode()
    for i, a in rows:
        data.initiatives.setdefault(i, Initiative(i, "project", {}, 2020, 2020))
        h = helix.get(a, "public")
        data.actors.setdefault(a, Actor(a, {"fi": a.upper()}, h, h))
        data.participations.append(Participation(a, i, "partner", False))
    return data


# x, y, z share p1; x, y share p2; w is alone in p3.
ROWS = [("p1", "x"), ("p1", "y"), ("p1", "z"), ("p2", "x"), ("p2", "y"), ("p3", "w")]


def test_count_weights_are_shared_initiatives() -> None:
    assert tie_weights(two_mode(ROWS), "count") == {
        ("x", "y"): 2.0,
        ("x", "z"): 1.0,
        ("y", "z"): 1.0,
    }


def test_newman_weights_sum_one_over_n_minus_one() -> None:
    # p1 has 3 actors: 1/2 per pair; p2 has 2: 1 per pair.
    assert tie_weights(two_mode(ROWS), "newman") == {
        ("x", "y"): 1.5,
        ("x", "z"): 0.5,
        ("y", "z"): 0.5,
    }


def test_jaccard_weights_are_shared_over_either() -> None:
    # x: {p1, p2}, y: {p1, p2}, z: {p1}
    assert tie_weights(two_mode(ROWS), "jaccard") == {
        ("x", "y"): 1.0,
        ("x", "z"): 0.5,
        ("y", "z"): 0.5,
    }


def test_projection_matches_networkx_bipartite_projection() -> None:
    data = two_mode(ROWS)
    b = nx.Graph()
    b.add_nodes_from({a for _, a in ROWS}, bipartite=0)
    b.add_edges_from((a, i) for i, a in ROWS)
    actors = sorted({a for _, a in ROWS})
    expected = bipartite.collaboration_weighted_projected_graph(b, actors)
    ours = project(data, "newman")
    assert set(ours.edges) == set(expected.edges)
    for u, v, w in expected.edges(data="weight"):
        assert ours[u][v]["weight"] == pytest.approx(w)
    counted = bipartite.weighted_projected_graph(b, actors)
    for u, v, w in counted.edges(data="weight"):
        assert project(data, "count")[u][v]["weight"] == w


def test_projected_graph_keeps_isolates_attributes_and_names_the_weighting() -> None:
    g = project(two_mode(ROWS, {"z": "research"}), "jaccard", "helix")
    assert g.graph == {"weighting": "jaccard", "group_by": "helix"}
    assert "w" in g and g.degree("w") == 0
    assert g.nodes["z"]["group"] == "research"
    assert g["x"]["z"]["cross_sector"] is True
    assert g["x"]["y"]["cross_sector"] is False
    assert g["x"]["y"]["initiatives"] == ("p1", "p2")
    assert g["x"]["y"]["count"] == 2


def test_group_by_sector_uses_the_actor_type(mini_store: OxigraphStore) -> None:
    data = extract(mini_store)
    by_helix = project(data, group_by="helix")
    by_type = project(data, group_by="sector")
    a1, a2 = "https://w3id.org/urbankg/id/actor/a1", "https://w3id.org/urbankg/id/actor/a2"
    assert by_helix[a1][a2]["cross_sector"] is False  # city, ministry: both public
    assert by_type[a1][a2]["cross_sector"] is True


def test_unknown_weighting_or_grouping_is_refused() -> None:
    with pytest.raises(InputError, match="cosine"):
        project(two_mode(ROWS), "cosine")  # type: ignore[arg-type]
    with pytest.raises(InputError, match="region"):
        project(two_mode(ROWS), group_by="region")  # type: ignore[arg-type]


def _pairwise(data: TwoMode) -> dict[tuple[str, str], list[str]]:
    """Each actor pair with its shared initiatives, by a loop over every initiative's pairs."""
    ties: dict[tuple[str, str], list[str]] = {}
    for initiative, actors in data.members().items():
        for pair in combinations(actors, 2):
            ties.setdefault(pair, []).append(initiative)
    return dict(sorted(ties.items()))


@pytest.mark.parametrize("weighting", ["count", "newman", "jaccard"])
def test_projection_of_synthetic_data_equals_the_pairwise_loop(
    synthetic_store: OxigraphStore, weighting: str
) -> None:
    data = extract(synthetic_store)
    ties = _pairwise(data)
    per_actor = Counter(a for actors in data.members().values() for a in actors)
    g = project(data, weighting)  # type: ignore[arg-type]
    # The same ties in the same (sorted) order, so every later step sees the same graph.
    assert [(u, v) for u, v in g.edges] == list(ties)
    for (a, b), inits in ties.items():
        d = g.edges[a, b]
        assert d["initiatives"] == tuple(inits) and d["count"] == len(inits)
        if weighting == "count":
            assert d["weight"] == float(len(inits))
        elif weighting == "newman":
            # Summed in initiative order: equal to the last bit.
            assert d["weight"] == sum(1.0 / (len(data.members()[i]) - 1) for i in inits)
        else:
            assert d["weight"] == len(inits) / (per_actor[a] + per_actor[b] - len(inits))
    assert tie_weights(data, weighting) == {e: g.edges[e]["weight"] for e in ties}  # type: ignore[arg-type]
    assert set(g.nodes) == set(data.actors)
