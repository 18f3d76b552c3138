"""Helpers and fixtures of the catalogue tests: real data, a running server, DCAT-AP shapes."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from testserver import REFERENCE, REPO_ROOT, Running, real_data_store, reference, start_server
from urbankg.graph.store import OxigraphStore

SHAPES = REFERENCE / "dcat-ap" / "3.0.1" / "html-shacl"
FIXTURES_ROOT = REPO_ROOT / "tests" / "data" / "fixtures"
Server = Running  # the name the catalogue tests use


def start(store: OxigraphStore, **overrides: object) -> Running:
    """Start the app over ``store`` with one query worker."""
    return start_server(store, **{"query_workers": 1, **overrides})


@pytest.fixture(scope="session")
def shapes() -> Path:
    """The DCAT-AP 3.0.1 shapes folder of the shared reference data."""
    return reference(SHAPES)


@pytest.fixture(scope="session")
def kk_store() -> OxigraphStore:
    """An in-memory store with the ontology and the bundled real programme data."""
    return real_data_store()


@pytest.fixture(scope="session")
def kk_server(kk_store: OxigraphStore) -> Iterator[Running]:
    """The server over the real data."""
    running = start(kk_store)
    yield running
    running.stop()
