"""Fixtures of the network tests: the mini CSV source in a real in-memory store."""

from __future__ import annotations

import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import networkx as nx
import pyoxigraph as ox
import pytest

from benchgen import generator
from urbankg.graph.load import ensure_ontology, load_sources
from urbankg.graph.store import OxigraphStore, open_store

MINI = Path(__file__).parent / "data" / "mini"


def load_mini(store: OxigraphStore) -> OxigraphStore:
    load_sources(store, [MINI])
    return store


@pytest.fixture(scope="session")
def mini_store() -> Iterator[OxigraphStore]:
    """The mini source loaded (validated) into an in-memory store; do not write to it."""
    store = load_mini(open_store(None))
    yield store
    store.close()


@pytest.fixture
def fresh_store() -> Iterator[OxigraphStore]:
    """A store of its own holding the mini source (for tests that write)."""
    store = load_mini(open_store(None))
    yield store
    store.close()


@pytest.fixture
def design_graph() -> tuple[nx.Graph, dict[int, str]]:
    """DESIGN.md §6: path 1(gov)–2(gov)–3(research)–4(research)–5(business) plus 1–3."""
    g = nx.Graph()
    g.add_nodes_from(range(1, 6))
    g.add_edges_from([(1, 2), (2, 3), (3, 4), (4, 5), (1, 3)], weight=1.0)
    groups = {1: "gov", 2: "gov", 3: "research", 4: "research", 5: "business"}
    return g, groups


SECTORS = ("public", "research", "business", "civil-society")


@pytest.fixture(scope="session")
def synthetic_store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    """bench/generate.py's 10k-triple programme data (46 actors, 252 projects) in a store."""
    path = tmp_path_factory.mktemp("synthetic") / "synth-10k.nt"
    generator().generate(10_000, 1, path, "nt")
    store = open_store(None)
    ensure_ontology(store)
    graph = ox.NamedNode(store.graph_iri("synthetic"))
    store.raw.bulk_load(path=str(path), format=ox.RdfFormat.N_TRIPLES, to_graph=graph)
    yield store
    store.close()


def _weighted(g: nx.Graph, rng: random.Random, weights: list[float]) -> nx.Graph:
    for u, v in g.edges:
        g[u][v]["weight"] = rng.choice(weights)
    return g


@pytest.fixture(scope="session")
def sector_networks() -> list[tuple[str, nx.Graph, dict[Any, str]]]:
    """Seeded random weighted networks with sectors, and the degenerate cases.

    Random graphs with isolates (string and integer nodes), preferential-attachment graphs with
    hubs, a one-node graph, a graph without cross-sector ties, a one-sector graph, a graph of
    two actors and a network of twelve groups.
    """
    rng = random.Random(2026)
    weights = [0.25, 1 / 3, 0.5, 1.0, 2.0, 3.5]
    out: list[tuple[str, nx.Graph, dict[Any, str]]] = []
    for seed in (1, 2, 3):
        g = _weighted(nx.gnp_random_graph(40, 0.15, seed=seed), rng, weights)
        g.add_nodes_from(range(40, 43))  # isolates
        out.append((f"gnp-{seed}", g, {v: rng.choice(SECTORS) for v in g}))
        h = _weighted(nx.barabasi_albert_graph(80, 2, seed=seed), rng, weights)
        out.append((f"hubs-{seed}", h, {v: rng.choice(SECTORS) for v in h}))
    iris = nx.relabel_nodes(
        _weighted(nx.gnp_random_graph(30, 0.2, seed=7), rng, weights),
        {v: f"https://w3id.org/urbankg/id/actor/a{v}" for v in range(30)},
    )
    out.append(("iri-nodes", iris, {v: rng.choice(SECTORS) for v in iris}))
    one = nx.Graph()
    one.add_node("solo")
    out.append(("one-node", one, {"solo": "public"}))
    pair = nx.Graph()
    pair.add_edge("a", "b", weight=0.5)
    out.append(("two-actors", pair, {"a": "public", "b": "research"}))
    cliques = _weighted(nx.disjoint_union(nx.complete_graph(5), nx.complete_graph(4)), rng, weights)
    cliques.add_node(9)
    out.append(
        (
            "no-cross-sector-ties",
            cliques,
            {v: "public" if v < 5 or v == 9 else "research" for v in cliques},
        )
    )
    same = _weighted(nx.gnp_random_graph(15, 0.3, seed=4), rng, weights)
    out.append(("one-sector", same, dict.fromkeys(same, "public")))
    many = _weighted(nx.gnp_random_graph(50, 0.12, seed=5), rng, weights)
    out.append(("twelve-groups", many, {v: f"type-{v % 12:02d}" for v in many}))
    return out
