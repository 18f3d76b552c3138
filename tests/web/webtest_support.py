"""Start a test server with the web app (whether or not ``create_app`` installs it already)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import uvicorn
from apitest_support import Running, free_port

from urbankg.api import create_app
from urbankg.graph.store import OxigraphStore
from urbankg.settings import Settings
from urbankg.web import install


def start_web_server(store: OxigraphStore, **overrides: object) -> Running:
    port = free_port()
    values: dict[str, object] = {"access_log": False, "query_workers": 1, **overrides}
    settings = Settings(store=Path("/nonexistent"), host="127.0.0.1", port=port, **values)
    app = create_app(settings, store=store)
    install(app)
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
