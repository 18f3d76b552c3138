"""Real servers for the tests: the app under uvicorn on a free loopback port, in a thread.

Shared by the API, catalogue and web tests (importable as ``testserver``: ``tests/`` is on
``sys.path`` through its conftest).
"""

from __future__ import annotations

import gc
import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI

from urbankg.api import create_app
from urbankg.graph.load import init_store
from urbankg.graph.store import OxigraphStore, open_store
from urbankg.settings import Settings

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED = REPO_ROOT / ".." / "shared"
REFERENCE = SHARED / "reference"
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
    """A free TCP port on the loopback interface."""
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
        """The SPARQL endpoint's URL."""
        return self.url + "/sparql"

    def client(self, headers: dict[str, str] | None = None) -> httpx.Client:
        """An HTTP client for this server (with the tests' User-Agent)."""
        return httpx.Client(
            base_url=self.url, headers={"User-Agent": USER_AGENT, **(headers or {})}, timeout=60
        )

    def stop(self) -> None:
        """Stop the server and wait for its thread."""
        self.server.should_exit = True
        self.thread.join(timeout=15)


def start_server(
    store: OxigraphStore, prepare: Callable[[FastAPI], None] | None = None, **overrides: object
) -> Running:
    """Start the app over ``store`` (settings ``overrides``; ``prepare`` may change the app)."""
    port = free_port()
    values: dict[str, object] = {"access_log": False, **overrides}
    settings = Settings(store=Path("/nonexistent"), host="127.0.0.1", port=port, **values)
    app = create_app(settings, store=store)
    if prepare is not None:
        prepare(app)
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


def real_data_store() -> OxigraphStore:
    """An in-memory store with the ontology and the bundled real programme data."""
    store = open_store(None)
    init_store(store, workers=1)
    # pyoxigraph iterators must be freed by the thread that made them: collect any left in
    # reference cycles now, before a server thread's garbage collector meets them.
    gc.collect()
    return store
