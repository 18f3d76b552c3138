"""Gould–Fernandez brokerage roles on hand-made arcs and on the mini fixture."""

from __future__ import annotations

import networkx as nx
import pytest

from urbankg.graph.store import OxigraphStore
from urbankg.network import extract
from urbankg.network.metrics import ROLES, brokerage_arcs, gould_fernandez, role_of

Fixture = tuple[nx.Graph, dict[int, str]]
ID = "https://w3id.org/urbankg/id/actor/"


@pytest.mark.parametrize(
    ("groups", "role"),
    [
        ("AAA", "coordinator"),
        ("ABA", "itinerant"),
        ("AAB", "representative"),
        ("ABB", "gatekeeper"),
        ("ABC", "liaison"),
    ],
)
def test_each_role_on_a_two_step_path(groups: str, role: str) -> None:
    dg = nx.DiGraph([("a", "b"), ("b", "c")])
    counts = gould_fernandez(dg, dict(zip("abc", groups, strict=True)))
    assert counts["b"] == {r: int(r == role) for r in ROLES}
    assert sum(counts["a"].values()) == sum(counts["c"].values()) == 0
    assert role_of(*groups) == role


def test_no_brokerage_when_the_arc_exists() -> None:
    dg = nx.DiGraph([("a", "b"), ("b", "c"), ("a", "c")])
    assert sum(gould_fernandez(dg, dict.fromkeys("abc", "x"))["b"].values()) == 0
    # A reverse arc c -> a does not close a -> b -> c.
    dg = nx.DiGraph([("a", "b"), ("b", "c"), ("c", "a")])
    assert gould_fernandez(dg, dict.fromkeys("abc", "x"))["b"]["coordinator"] == 1


def test_symmetric_design_example(design_graph: Fixture) -> None:
    g, groups = design_graph
    counts = gould_fernandez(g.to_directed(), groups)
    # Node 3 brokers 1-4 and 2-4 (1-2 are tied) both ways: gov -> research -> research is
    # gatekeeping, research -> research -> gov is representing.
    assert counts[3] == {**dict.fromkeys(ROLES, 0), "gatekeeper": 2, "representative": 2}
    assert counts[4] == {**dict.fromkeys(ROLES, 0), "gatekeeper": 1, "representative": 1}
    assert sum(counts[1].values()) == sum(counts[2].values()) == sum(counts[5].values()) == 0


def test_arcs_follow_roles_in_the_mini_fixture(mini_store: OxigraphStore) -> None:
    data = extract(mini_store)
    arcs = brokerage_arcs(data)
    edges = {(u.rsplit("/", 1)[1], v.rsplit("/", 1)[1]) for u, v in arcs.graph.edges}
    # Leaders -> partners; p45 has no leader, so its arcs go both ways.
    assert edges == {
        ("a1", "a2"),
        ("a2", "a3"),
        ("a3", "a4"),
        ("a1", "a3"),
        ("a4", "a5"),
        ("a5", "a4"),
    }
    assert (arcs.directed_initiatives, arcs.symmetric_initiatives, arcs.mode) == (4, 1, "mixed")
    helix = {a.iri: a.helix for a in data.actors.values()}
    counts = gould_fernandez(arcs.graph, helix)
    # a2 -> a3 -> a4 and a1 -> a3 -> a4: public -> research -> research, gatekeeper twice;
    # a3 -> a4 -> a5: research -> research -> business, representative.
    assert counts[ID + "a3"]["gatekeeper"] == 2
    assert counts[ID + "a4"]["representative"] == 1
    assert sum(sum(c.values()) for c in counts.values()) == 3


def test_symmetric_arcs_on_request(mini_store: OxigraphStore) -> None:
    arcs = brokerage_arcs(extract(mini_store), "symmetric")
    assert (arcs.directed_initiatives, arcs.symmetric_initiatives, arcs.mode) == (0, 5, "symmetric")
    assert arcs.graph.number_of_edges() == 10
    assert "symmetric" in arcs.describe()
