"""Fixtures of the web app tests: a real uvicorn server over the real data, with the web app."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))

from apitest_support import USER_AGENT, Running, real_store
from webtest_support import start_web_server

from urbankg.graph.store import OxigraphStore

__all__ = ["real_store", "web_client", "web_server"]


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
