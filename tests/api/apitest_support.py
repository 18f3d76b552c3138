"""Fixtures of the API tests: real uvicorn servers on free loopback ports, over real stores."""

from __future__ import annotations

import gc
import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pyoxigraph as ox
import pytest
import uvicorn

from urbankg.api import create_app
from urbankg.graph.load import init_store
from urbankg.graph.store import OxigraphStore, open_store
from urbankg.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[2]
SHARED = REPO_ROOT / ".." / "shared"
PROTOCOL = SHARED / "reference" / "sparql-protocol"
TOKEN = "s3cret-test-token"
USER_AGENT = "urbankg-tests/0.1 (+https://w3id.org/urbankg)"


def reference(path: Path) -> Path:
    """Return a reference path outside the repository, or skip (fail under CI=true)."""
    if not path.exists():
        reason = f"reference data {path} is absent (it lives outside the repository)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Running:
    """A server running in a thread of the test process."""

    url: str
    store: OxigraphStore
    settings: Settings
    server: uvicorn.Server
    thread: threading.Thread

    @property
    def sparql(self) -> str:
        return self.url + "/sparql"

    def client(self, headers: dict[str, str] | None = None) -> httpx.Client:
        return httpx.Client(
            base_url=self.url, headers={"User-Agent": USER_AGENT, **(headers or {})}, timeout=30
        )

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def start_server(store: OxigraphStore, **overrides: object) -> Running:
    port = free_port()
    values: dict[str, object] = {"access_log": False, **overrides}
    settings = Settings(store=Path("/nonexistent"), host="127.0.0.1", port=port, **values)
    app = create_app(settings, store=store)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    return Running(f"http://127.0.0.1:{port}", store, settings, server, thread)


@pytest.fixture(scope="session")
def real_store() -> OxigraphStore:
    """An in-memory store with the ontology and the bundled real programme data."""
    store = open_store(None)
    init_store(store, workers=1)
    # pyoxigraph iterators must be freed by the thread that made them: collect any left in
    # reference cycles now, before the server thread's garbage collector meets them.
    gc.collect()
    return store


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
