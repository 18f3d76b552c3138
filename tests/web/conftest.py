"""Fixtures of the web app tests: a real uvicorn server over the real data, with the web app."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest
from webtest_support import start_web_server

from testserver import USER_AGENT, Running, real_data_store
from urbankg.graph.store import OxigraphStore


@pytest.fixture(scope="session")
def real_store() -> OxigraphStore:
    """An in-memory store with the ontology and the bundled real programme data."""
    return real_data_store()


@pytest.fixture(scope="session")
def web_server(real_store: OxigraphStore) -> Iterator[Running]:
    """The read-only server over the real data, with the web app installed."""
    running = start_web_server(real_store)
    yield running
    running.stop()


@pytest.fixture(scope="session")
def web_client(web_server: Running) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=web_server.url, headers={"User-Agent": USER_AGENT}, timeout=60) as c:
        yield c
