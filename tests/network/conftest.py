"""Fixtures of the network tests: the mini CSV source in a real in-memory store."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import networkx as nx
import pytest

from urbankg.graph.load import load_sources
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
