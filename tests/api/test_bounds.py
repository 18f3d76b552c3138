"""Bounded queries and a safe public endpoint: time and size limits, SERVICE, LOAD, files."""

from __future__ import annotations

import threading
import time

import httpx
import pytest
from apitest_support import Running, start_server

from urbankg.graph.store import OxigraphStore

RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
STREAMING_RUNAWAY = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
NORMAL = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a ukg:Project }"


def test_runaway_query_is_stopped_while_others_are_served(server: Running) -> None:
    results: dict[str, httpx.Response] = {}

    def runaway() -> None:
        with server.client() as c:
            results["runaway"] = c.get("/sparql", params={"query": RUNAWAY})

    thread = threading.Thread(target=runaway)
    t0 = time.perf_counter()
    thread.start()
    time.sleep(0.3)  # the runaway is now busy in a worker
    latencies = []
    with server.client() as c:
        while thread.is_alive() and time.perf_counter() - t0 < 10:
            t = time.perf_counter()
            r = c.get("/sparql", params={"query": NORMAL})
            latencies.append(time.perf_counter() - t)
            assert r.status_code == 200
            time.sleep(0.05)
    thread.join()
    elapsed = time.perf_counter() - t0
    assert results["runaway"].status_code == 503
    assert "longer than 2 s" in results["runaway"].text
    assert 1.9 < elapsed < 5
    assert len(latencies) >= 5 and max(latencies) < 0.5, latencies
    with server.client() as c:  # the killed worker was replaced
        deadline = time.monotonic() + 5
        while c.get("/health").json()["query_workers"] < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert c.get("/health").json()["query_workers"] == 2


def test_streaming_runaway_is_stopped(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": STREAMING_RUNAWAY, "format": "tsv"})
    assert r.status_code in (400, 503), r.text
    assert "too large" in r.text or "longer than" in r.text


def test_result_row_limit(client: httpx.Client) -> None:
    too_many = client.get("/sparql", params={"query": "SELECT * { ?s ?p ?o }"})
    assert too_many.status_code == 400 and "more than 5000 rows" in too_many.text
    for fmt in ("json", "xml", "csv", "tsv"):
        r = client.get(
            "/sparql", params={"query": "SELECT * { ?s ?p ?o } LIMIT 5000", "format": fmt}
        )
        assert r.status_code == 200, (fmt, r.text)
        r = client.get(
            "/sparql", params={"query": "SELECT * { ?s ?p ?o } LIMIT 5001", "format": fmt}
        )
        assert r.status_code == 400, fmt
    r = client.get("/sparql", params={"query": "CONSTRUCT WHERE { ?s ?p ?o }"})
    assert r.status_code == 400 and "triples" in r.text


@pytest.mark.parametrize(
    "query",
    [
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "SELECT * WHERE { service silent <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
        "PREFIX e: <http://127.0.0.1:9/> SELECT * WHERE { SERVICE e:sparql { ?s ?p ?o } }",
        "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sp\\u0061rql> { ?s ?p ?o } }",
        "SELECT * WHERE { VALUES ?e { <http://127.0.0.1:9/> } SERVICE ?e { ?s ?p ?o } }",
        "SELECT * WHERE { #comment\n SERVICE\t<http://127.0.0.1:9/x> { ?s ?p ?o } }",
    ],
)
def test_service_outside_allowlist_is_refused(client: httpx.Client, query: str) -> None:
    r = client.get("/sparql", params={"query": query})
    assert r.status_code == 403, r.text
    assert "not allowed" in r.text


def test_words_that_look_like_keywords_are_fine(client: httpx.Client) -> None:
    q = 'SELECT * WHERE { BIND("SERVICE <http://x/> LOAD" AS ?x) } # SERVICE <http://y/>'
    assert client.get("/sparql", params={"query": q}).status_code == 200


def test_from_file_reads_no_file(client: httpx.Client) -> None:
    q = "SELECT * FROM <file:///etc/passwd> WHERE { ?s ?p ?o }"
    r = client.get("/sparql", params={"query": q})
    assert r.status_code == 200
    assert r.json()["results"]["bindings"] == []


def test_allowlisted_service_is_called(server: Running, real_store: OxigraphStore) -> None:
    federating = start_server(real_store, service_allowlist=[server.sparql], query_workers=1)
    try:
        q = (
            f"SELECT ?n WHERE {{ SERVICE <{server.sparql}> "
            "{ SELECT (COUNT(?p) AS ?n) WHERE { ?p a ukg:Project } } }"
        )
        with federating.client() as c:
            r = c.get("/sparql", params={"query": q})
            assert r.status_code == 200, r.text
            assert int(r.json()["results"]["bindings"][0]["n"]["value"]) > 10
            other = q.replace(server.sparql, server.sparql + "x")
            assert c.get("/sparql", params={"query": other}).status_code == 403
    finally:
        federating.stop()
