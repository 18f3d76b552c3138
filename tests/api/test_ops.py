"""Operations: /health, the JSON-lines access log, settings from the environment, /docs offline."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest
from apitest_support import start_server

from urbankg.graph.store import OxigraphStore
from urbankg.settings import Settings


def test_health(client: httpx.Client) -> None:
    h = client.get("/health").json()
    assert h["status"] == "ok" and h["query_workers"] == 2 and h["triples"] > 3000


def test_access_log_is_json_lines(
    real_store: OxigraphStore, capfd: pytest.CaptureFixture[str]
) -> None:
    running = start_server(real_store, access_log=True, query_workers=1)
    try:
        with running.client() as c:
            c.get("/api/v1/themes", params={"lang": "fi"})
            c.get("/sparql", params={"query": "ASK {}"})
            c.get('/id/actor/ä"\\x')  # quotes, a backslash and non-ASCII stay valid JSON
    finally:
        running.stop()  # flushes the log
    lines = [json.loads(x) for x in capfd.readouterr().err.splitlines() if x.startswith("{")]
    themes = next(x for x in lines if x["path"] == "/api/v1/themes")
    assert themes["status"] == 200 and themes["query"] == "lang=fi" and themes["ms"] > 0
    assert {"time", "client", "method", "bytes"} <= set(themes)
    assert any(x["path"] == "/sparql" for x in lines)
    odd = next(x for x in lines if x["path"].startswith("/id/actor/"))
    assert odd["path"] == '/id/actor/ä"\\x' and odd["status"] == 404


def test_settings_from_environment_and_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    config = tmp_path / "urbankg.toml"
    config.write_text('query_timeout = 12.5\nservice_allowlist = ["https://example.org/sparql"]\n')
    monkeypatch.setenv("URBANKG_CONFIG", str(config))
    monkeypatch.setenv("URBANKG_MAX_RESULT_ROWS", "77")
    monkeypatch.setenv("URBANKG_UPDATE_TOKEN", "t0k3n")
    s = Settings()
    assert s.query_timeout == 12.5 and s.max_result_rows == 77 and s.update_token == "t0k3n"
    assert s.service_allowlist == ["https://example.org/sparql"]


def test_docs_are_served_offline(client: httpx.Client) -> None:
    page = client.get("/docs").text
    assets = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert assets and all(a.startswith("/") for a in assets), assets
    for a in assets:
        assert client.get(a).status_code == 200, a
    assert "validatorUrl" in page and "null" in page
    redoc = client.get("/redoc").text
    assert "fonts.googleapis" not in redoc
    spec = client.get("/openapi.json").json()
    assert "/api/v1/projects" in spec["paths"] and "/sparql" in spec["paths"]
    params = {p["name"]: p for p in spec["paths"]["/api/v1/projects"]["get"]["parameters"]}
    assert params["theme"]["schema"]["examples"] == ["low-carbon"]


def test_home_page(client: httpx.Client) -> None:
    assert "urbankg" in client.get("/").text
