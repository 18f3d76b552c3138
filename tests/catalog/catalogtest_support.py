"""Helpers and fixtures of the catalogue tests: real data, a running server, DCAT-AP shapes."""

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
import pytest
import uvicorn

from urbankg.api import create_app
from urbankg.catalog.router import router
from urbankg.graph.load import init_store
from urbankg.graph.store import OxigraphStore, open_store
from urbankg.settings import Settings

REPO = Path(__file__).resolve().parents[2]
REFERENCE = REPO / ".." / "shared" / "reference"
SHAPES = REFERENCE / "dcat-ap" / "3.0.1" / "html-shacl"
FIXTURES_ROOT = REPO / "tests" / "data" / "fixtures"


def reference(path: Path) -> Path:
    """Return a reference path outside the repository, or skip (fail under CI=true)."""
    if not path.exists():
        reason = f"reference data {path} is absent (it lives outside the repository)"
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    return path


@pytest.fixture(scope="session")
def shapes() -> Path:
    """The DCAT-AP 3.0.1 shapes folder of the shared reference data."""
    return reference(SHAPES)


@pytest.fixture(scope="session")
def kk_store() -> OxigraphStore:
    """An in-memory store with the ontology and the bundled real programme data."""
    store = open_store(None)
    init_store(store, workers=1)
    gc.collect()
    return store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Server:
    """A uvicorn server running the app (with the catalogue router) in a thread."""

    url: str
    store: OxigraphStore
    server: uvicorn.Server
    thread: threading.Thread

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=60)

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=15)


def start(store: OxigraphStore, **overrides: object) -> Server:
    """Start the app over ``store`` on a free loopback port."""
    port = _free_port()
    values: dict[str, object] = {"access_log": False, "query_workers": 1, **overrides}
    settings = Settings(store=Path("/nonexistent"), host="127.0.0.1", port=port, **values)
    app = create_app(settings, store=store)
    app.include_router(router)
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 60
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test server did not start")
        time.sleep(0.02)
    return Server(f"http://127.0.0.1:{port}", store, server, thread)


@pytest.fixture(scope="session")
def kk_server(kk_store: OxigraphStore) -> Iterator[Server]:
    """The server over the real data."""
    running = start(kk_store)
    yield running
    running.stop()
