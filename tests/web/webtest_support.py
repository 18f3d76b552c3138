"""Start a test server with the web app (whether or not ``create_app`` installs it already)."""

from __future__ import annotations

from testserver import Running, start_server
from urbankg.graph.store import OxigraphStore
from urbankg.web import install


def start_web_server(store: OxigraphStore, **overrides: object) -> Running:
    """Start the app with the web app over ``store`` (one query worker unless overridden)."""
    return start_server(store, install, **{"query_workers": 1, **overrides})
