"""The network API of the web app, its pages and the SPARQL routing, over a real server."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import httpx
import pytest

from testserver import Running
from urbankg.web import assets
from urbankg.web.router import script_json, wants_editor


def test_network_json_has_positions_and_counts(web_client: httpx.Client) -> None:
    r = web_client.get("/api/v1/network")
    assert r.status_code == 200
    doc = r.json()
    assert doc["meta"]["nodes"] == len(doc["nodes"]) > 50
    assert doc["meta"]["edges"] == len(doc["edges"]) > 100
    assert all(n["x"] is not None and n["y"] is not None for n in doc["nodes"])
    assert {"ei", "assortativity", "helix", "brokerage", "years"} <= set(doc["summary"])


def test_filter_reduces_the_network(web_client: httpx.Client) -> None:
    whole = web_client.get("/api/v1/network").json()
    part = web_client.get("/api/v1/network", params={"theme": "low-carbon"}).json()
    assert 0 < len(part["nodes"]) < len(whole["nodes"])
    assert {n["id"] for n in part["nodes"]} <= {n["id"] for n in whole["nodes"]}
    assert part["meta"]["filters"] == {"theme": "low-carbon"}
    years = web_client.get("/api/v1/network", params={"from": 2020, "to": 2021}).json()
    assert years["meta"]["filters"] == {"year_from": 2020, "year_to": 2021}


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("theme", "no-such-theme"),
        ("sdg", "99"),
        ("sector", "pirates"),
        ("role", "king"),
        ("programme", "no-such-programme"),
    ],
)
def test_unknown_filter_value_is_422_naming_it(
    web_client: httpx.Client, param: str, value: str
) -> None:
    r = web_client.get("/api/v1/network", params={param: value})
    assert r.status_code == 422
    assert value in r.json()["detail"]
    m = web_client.get("/api/v1/network/metrics", params={param: value})
    assert m.status_code == 422
    assert value in m.json()["detail"]


def test_valid_filter_matching_nothing_is_empty_not_error(web_client: httpx.Client) -> None:
    r = web_client.get("/api/v1/network", params={"from": 2090})
    assert r.status_code == 200
    assert r.json()["nodes"] == []


def test_bad_year_is_422(web_client: httpx.Client) -> None:
    assert web_client.get("/api/v1/network", params={"from": "soon"}).status_code == 422


def test_metrics(web_client: httpx.Client) -> None:
    r = web_client.get("/api/v1/network/metrics", params={"sdg": "11"})
    assert r.status_code == 200
    doc = r.json()
    assert doc["filters"] == {"sdg": "11"}
    assert "baseline" in doc["ei"]


def test_exports(web_client: httpx.Client) -> None:
    whole = web_client.get("/api/v1/network").json()
    gexf = web_client.get("/api/v1/network.gexf")
    assert gexf.status_code == 200
    assert gexf.headers["content-type"].startswith("application/gexf+xml")
    ET.fromstring(gexf.content)
    graphml = web_client.get("/api/v1/network.graphml", params={"theme": "low-carbon"})
    assert graphml.status_code == 200
    root = ET.fromstring(graphml.content)
    ns = "{http://graphml.graphdrawing.org/xmlns}"
    part = web_client.get("/api/v1/network", params={"theme": "low-carbon"}).json()
    assert len(root.findall(f".//{ns}node")) == len(part["nodes"])
    nodes = web_client.get("/api/v1/network.csv", params={"table": "nodes"})
    assert nodes.headers["content-type"].startswith("text/csv")
    assert len(nodes.text.strip().splitlines()) == len(whole["nodes"]) + 1
    edges = web_client.get("/api/v1/network.csv")
    assert len(edges.text.strip().splitlines()) == len(whole["edges"]) + 1
    assert web_client.get("/api/v1/network.xlsx").status_code == 404
    assert web_client.get("/api/v1/network.gexf", params={"sdg": "99"}).status_code == 422


def test_network_is_computed_once_per_generation(
    web_server: Running, web_client: httpx.Client
) -> None:
    web_client.get("/api/v1/network", params={"role": "coordinator"})
    ctx = web_server.server.config.app.state.ctx  # type: ignore[attr-defined]
    loads = ctx.cache["web:network-data"].loads
    memo = ctx.cache["web:json"]
    before = len(memo)
    for _ in range(3):
        assert web_client.get("/api/v1/network", params={"role": "coordinator"}).status_code == 200
    assert ctx.cache["web:network-data"].loads == loads
    assert len(memo) == before


def test_pages(web_client: httpx.Client) -> None:
    home = web_client.get("/", headers={"Accept": "text/html"})
    assert home.status_code == 200
    assert "network.js" in home.text and 'id="cy"' in home.text
    matrix = web_client.get("/matrix")
    assert matrix.status_code == 200
    assert "SDG 11" in matrix.text and "low-carbon" in matrix.text
    for path in ("/static/web/network.js", "/static/web/web.css", "/static/style.css"):
        assert web_client.get(path).status_code == 200, path


def test_vendor_bundles_are_served(web_client: httpx.Client) -> None:
    if assets.missing():
        pytest.fail(f"run python -m urbankg.web.assets: missing {assets.missing()}")
    for _, name in assets.BUNDLES:
        assert web_client.get(f"/static/web/vendor/{name}").status_code == 200


def test_sparql_editor_for_browsers_protocol_for_programs(web_client: httpx.Client) -> None:
    page = web_client.get("/sparql", headers={"Accept": "text/html,application/xhtml+xml"})
    assert page.status_code == 200
    assert "yasgui.min.js" in page.text and "01-" in page.text
    sd = web_client.get("/sparql", headers={"Accept": "text/turtle"})
    assert sd.status_code == 200 and sd.headers["content-type"].startswith("text/turtle")
    ask = web_client.get(
        "/sparql",
        params={"query": "ASK {}"},
        headers={"Accept": "text/html,application/sparql-results+json;q=0.9"},
    )
    assert ask.status_code == 200
    assert "yasgui" not in ask.text
    post = web_client.post(
        "/sparql",
        content="ASK {}",
        headers={"Content-Type": "application/sparql-query", "Accept": "text/html"},
    )
    assert "yasgui" not in post.text


def test_wants_editor() -> None:
    def scope(method: str, path: str, qs: bytes, accept: bytes) -> dict[str, object]:
        return {
            "type": "http",
            "method": method,
            "path": path,
            "query_string": qs,
            "headers": [(b"accept", accept)],
        }

    assert wants_editor(scope("GET", "/sparql", b"", b"text/html"))  # type: ignore[arg-type]
    assert not wants_editor(scope("GET", "/sparql", b"query=ASK%7B%7D", b"text/html"))  # type: ignore[arg-type]
    assert not wants_editor(scope("GET", "/sparql", b"", b"application/sparql-results+json"))  # type: ignore[arg-type]
    assert not wants_editor(scope("POST", "/sparql", b"", b"text/html"))  # type: ignore[arg-type]


def test_script_json_cannot_close_the_script() -> None:
    text = script_json({"q": "</script><script>alert(1)</script> & co"})
    assert "<" not in text and ">" not in text and "&" not in text
    assert json.loads(text) == {"q": "</script><script>alert(1)</script> & co"}


def test_assets_fail_clearly_without_npm(monkeypatch: pytest.MonkeyPatch, tmp_path: object) -> None:
    monkeypatch.setattr(assets.shutil, "which", lambda _: None)
    with pytest.raises(assets.AssetError, match="npm is not installed"):
        assets.build(vendor=tmp_path)  # type: ignore[arg-type]
