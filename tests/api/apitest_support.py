"""Fixtures of the API tests: real uvicorn servers on free loopback ports, over real stores."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest

from testserver import (
    REFERENCE,
    USER_AGENT,
    Running,
    free_port,
    real_data_store,
    reference,
    start_server,
)
from urbankg.graph.store import OxigraphStore, open_store

PROTOCOL = REFERENCE / "sparql-protocol"
TOKEN = "s3cret-test-token"
__all__ = ["USER_AGENT", "Running", "free_port", "reference", "start_server"]


@pytest.fixture(scope="session")
def real_store() -> OxigraphStore:
    """An in-memory store with the ontology and the bundled real programme data."""
    return real_data_store()


@pytest.fixture(scope="session")
def server(real_store: OxigraphStore) -> Iterator[Running]:
    """The read-only server over the real data (short query time limit for the bound tests)."""
    running = start_server(
        real_store,
        query_timeout=2.0,
        max_result_rows=5000,
        query_workers=2,
        max_query_bytes=100_000,
    )
    yield running
    running.stop()


@pytest.fixture(scope="session")
def client(server: Running) -> Iterator[httpx.Client]:
    with server.client() as c:
        yield c


def protocol_store() -> OxigraphStore:
    """A store holding the W3C protocol test graphs data1..3 (data0 is empty)."""
    store = open_store(None)
    folder = reference(PROTOCOL / "protocol")
    for n in (1, 2, 3):
        graph = f"http://kasei.us/2009/09/sparql/data/data{n}.rdf"
        triples = ox.parse(path=str(folder / f"data{n}.nt"), format=ox.RdfFormat.N_TRIPLES)
        quads = [ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(graph)) for t in triples]
        store.replace_graphs({graph: quads}, source=f"data{n}.nt")
    gc.collect()
    return store


@pytest.fixture(scope="session")
def update_server() -> Iterator[Running]:
    """A server with SPARQL Update enabled (token required) over the W3C protocol data."""
    running = start_server(
        protocol_store(), update_enabled=True, update_token=TOKEN, query_workers=2
    )
    yield running
    running.stop()
