"""The /sparql endpoint: formats, negotiation, real clients, bad input."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import socket
from collections.abc import Iterator

import httpx
import pytest
from apitest_support import USER_AGENT, Running
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import CSV, JSON, JSONLD, N3, RDFXML, TSV, TURTLE, XML, SPARQLWrapper

COUNT_PROJECTS = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a ukg:Project }"
PROJECT_LABELS = """SELECT ?p ?label WHERE { ?p a ukg:Project ; skos:prefLabel ?label
  FILTER(lang(?label) = "fi") } ORDER BY ?p LIMIT 10"""
CONSTRUCT = """CONSTRUCT { ?p skos:prefLabel ?l } WHERE {
  ?p a ukg:Project ; skos:prefLabel ?l } ORDER BY ?p ?l LIMIT 20"""


def _projects(client: httpx.Client) -> int:
    r = client.get("/sparql", params={"query": COUNT_PROJECTS})
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize(
    ("accept", "media"),
    [
        (None, "application/sparql-results+json"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("text/csv;q=0.5, text/tab-separated-values;q=0.9", "text/tab-separated-values"),
        ("text/*;q=0.8, application/sparql-results+xml;q=0.1", "text/csv"),
        ("*/*", "application/sparql-results+json"),
        ("application/json", "application/sparql-results+json"),
    ],
)
def test_select_formats_by_accept(client: httpx.Client, accept: str | None, media: str) -> None:
    headers = {"Accept": accept} if accept else {}
    r = client.get("/sparql", params={"query": PROJECT_LABELS}, headers=headers)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == media
    if media == "text/csv":
        rows = list(csv.reader(io.StringIO(r.text)))
        assert rows[0] == ["p", "label"] and len(rows) == 11


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib
@pytest.mark.parametrize(
    ("fmt", "media"),
    [
        ("turtle", "text/turtle"),
        ("ntriples", "application/n-triples"),
        ("rdfxml", "application/rdf+xml"),
        ("jsonld", "application/ld+json"),
        ("application/n-triples", "application/n-triples"),
    ],
)
def test_construct_formats_by_format_parameter(client: httpx.Client, fmt: str, media: str) -> None:
    r = client.post("/sparql", data={"query": CONSTRUCT, "format": fmt})
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == media
    parse_as = {
        "text/turtle": "turtle",
        "application/n-triples": "nt",
        "application/rdf+xml": "xml",
        "application/ld+json": "json-ld",
    }[media]
    g = Graph().parse(data=r.content, format=parse_as)
    assert len(g) == 20


def test_construct_by_accept_and_describe(client: httpx.Client) -> None:
    r = client.post(
        "/sparql",
        content=CONSTRUCT.encode(),
        headers={"Content-Type": "application/sparql-query", "Accept": "application/ld+json"},
    )
    assert r.headers["content-type"].startswith("application/ld+json")
    r = client.get(
        "/sparql",
        params={"query": "DESCRIBE <https://w3id.org/urbankg/id/actor/ymparistoministerio>"},
        headers={"Accept": "application/n-triples"},
    )
    assert r.status_code == 200 and "Ymp" in r.content.decode("utf-8")


def test_ask_in_xml_and_json(client: httpx.Client) -> None:
    q = "ASK { ?a a ukg:Actor }"
    assert client.get("/sparql", params={"query": q}).json()["boolean"] is True
    r = client.get("/sparql", params={"query": q, "format": "xml"})
    assert "<boolean>true</boolean>" in r.text


def test_unsupported_accept_is_406(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": COUNT_PROJECTS}, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "available" in r.text
    r = client.get("/sparql", params={"query": CONSTRUCT}, headers={"Accept": "text/csv"})
    assert r.status_code == 406
    r = client.get("/sparql", params={"query": COUNT_PROJECTS, "format": "pdf"})
    assert r.status_code == 406


def test_malformed_query_gets_parser_message(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": "SELECT * WHERE { ?s ?p }"})
    assert r.status_code == 400
    assert r.text.startswith("malformed query: error at 1:")


def test_malformed_query_using_default_prefixes_gets_the_real_message(
    client: httpx.Client,
) -> None:
    # The worker parses without the default prefixes first; the message must be the parse
    # error of the query with them (the missing brace), not "Prefix not found".
    r = client.get("/sparql", params={"query": "SELECT ?p WHERE { ?p a ukg:Project "})
    assert r.status_code == 400
    assert "Prefix not found" not in r.text and r.text.startswith("malformed query: error at 1:")
    undeclared = client.get("/sparql", params={"query": "ASK { ?p a nope:Project }"})
    assert undeclared.status_code == 400 and "Prefix not found" in undeclared.text


def test_chunked_body_over_the_limit_is_413(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        yield b"query="
        for _ in range(400):  # 400 kB, sent chunked (no Content-Length to refuse it by)
            yield b"%23" + b"x" * 1000

    r = client.post(
        "/sparql", content=chunks(), headers={"Content-Type": "application/x-www-form-urlencoded"}
    )
    assert r.status_code == 413 and "request body is larger than" in r.text


def test_service_description(client: httpx.Client, server: Running) -> None:
    r = client.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    g = Graph().parse(data=r.text, format="turtle")
    sd = "http://www.w3.org/ns/sparql-service-description#"
    endpoint = URIRef(server.sparql)
    assert (endpoint, URIRef(sd + "endpoint"), endpoint) in g
    assert (endpoint, URIRef(sd + "supportedLanguage"), URIRef(sd + "SPARQL11Query")) in g
    html = client.get("/sparql", headers={"Accept": "text/html"})
    assert html.headers["content-type"].startswith("text/html") and "yasgui" in html.text.lower()


def test_cors_open_for_reads(client: httpx.Client) -> None:
    r = client.get(
        "/sparql", params={"query": COUNT_PROJECTS}, headers={"Origin": "https://yasgui.example"}
    )
    assert r.headers["access-control-allow-origin"] == "*"
    pre = client.options(
        "/sparql",
        headers={
            "Origin": "https://yasgui.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )
    assert pre.status_code == 200 and "POST" in pre.headers["access-control-allow-methods"]
    pre = client.options(
        "/sparql",
        headers={
            "Origin": "https://evil.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization",
        },
    )
    assert pre.status_code == 400  # no cross-origin bearer tokens


# ---- real clients ----------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", [JSON, XML, CSV, TSV])
def test_sparqlwrapper_select_round_trip(server: Running, fmt: str) -> None:
    sw = SPARQLWrapper(server.sparql, agent=USER_AGENT)
    sw.setQuery(PROJECT_LABELS)
    sw.setReturnFormat(fmt)
    result = sw.query().convert()
    if fmt == JSON:
        assert len(result["results"]["bindings"]) == 10
    elif fmt == XML:
        assert len(result.getElementsByTagName("result")) == 10
    else:
        text = result.decode("utf-8")
        assert len(text.strip().splitlines()) == 11


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib
@pytest.mark.parametrize("fmt", [TURTLE, N3, RDFXML, JSONLD])
def test_sparqlwrapper_construct_round_trip(server: Running, fmt: str) -> None:
    sw = SPARQLWrapper(server.sparql, agent=USER_AGENT)
    sw.setQuery(CONSTRUCT)
    sw.setReturnFormat(fmt)
    sw.setMethod("POST")
    result = sw.query().convert()
    g = result if isinstance(result, Graph) else Graph().parse(data=result, format="turtle")
    assert len(g) == 20


def test_sparqlwrapper_ask(server: Running) -> None:
    sw = SPARQLWrapper(server.sparql, agent=USER_AGENT)
    sw.setQuery("ASK { ?p a ukg:Project }")
    sw.setReturnFormat(JSON)
    assert sw.query().convert()["boolean"] is True


@pytest.mark.parametrize("fmt", ["json", "xml", "csv", "tsv"])
def test_rdflib_sparqlstore_select(server: Running, fmt: str) -> None:
    store = SPARQLStore(server.sparql, returnFormat=fmt, method="POST_FORM")
    rows = list(store.query(PROJECT_LABELS))
    assert len(rows) == 10
    assert all(isinstance(r[1], Literal) for r in rows)


@pytest.mark.parametrize("fmt", ["json", "xml"])
def test_rdflib_sparqlstore_ask(server: Running, fmt: str) -> None:
    store = SPARQLStore(server.sparql, returnFormat=fmt, method="POST")
    assert store.query("ASK { ?a a ukg:Actor }").askAnswer is True


def test_rdflib_sparqlstore_construct(server: Running) -> None:
    # rdflib asks for application/rdf+xml for graphs only with returnFormat="xml"
    store = SPARQLStore(server.sparql, returnFormat="xml", method="POST")
    g = store.query(CONSTRUCT).graph
    assert g is not None and len(g) == 20
    json_only = SPARQLStore(server.sparql, returnFormat="json", method="POST")
    assert json_only.query(CONSTRUCT)[0] == 406  # nothing acceptable: rdflib gets the status


# ---- bad input ---------------------------------------------------------------------------------
def test_bad_input_is_4xx_and_never_500(client: httpx.Client) -> None:
    before = _projects(client)
    cases = [
        client.post("/sparql", content=b"", headers={"Content-Type": "application/sparql-query"}),
        client.post(
            "/sparql",
            content="ASK {}".encode("utf-16"),
            headers={"Content-Type": "application/sparql-query"},
        ),
        client.post(
            "/sparql", content=b"ASK { \xff }", headers={"Content-Type": "application/sparql-query"}
        ),
        client.post(
            "/sparql",
            content=b"query=ASK%20%7B%FF%7D",
            headers={"Content-Type": "application/x-www-form-urlencoded"},
        ),
        client.post(
            "/sparql",
            content=b"ASK {}",
            headers={"Content-Type": "application/sparql-query; charset=latin-1"},
        ),
        client.post("/sparql", data={"query": "ASK {}", "update": "CLEAR ALL"}),
        client.post("/sparql", data={"nothing": "here"}),
        client.get("/sparql", params=[("query", "ASK {}"), ("query", "ASK {}")]),
        client.put("/sparql", content=b"ASK {}"),
        client.post(
            "/sparql",
            content=b"a" * 10_000_000,
            headers={"Content-Type": "application/sparql-query"},
        ),
        client.post("/sparql", data={"query": "#" + "x" * 200_000}),
        client.get("/sparql", params={"query": "   "}),
    ]
    statuses = [r.status_code for r in cases]
    assert all(400 <= s < 500 for s in statuses), statuses
    assert all(r.text.strip() for r in cases)
    assert _projects(client) == before


def test_ten_megabyte_get_is_refused(server: Running) -> None:
    host, port = server.url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=30) as sock:
        request = b"GET /sparql?query=%23" + b"x" * 10_000_000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"
        with contextlib.suppress(OSError):  # the server may close before reading it all
            sock.sendall(request)
        status = sock.recv(64).split(b" ")[1]
    assert status.startswith(b"4"), status


def test_json_results_are_parseable_and_exact(client: httpx.Client) -> None:
    r = client.get("/sparql", params={"query": PROJECT_LABELS})
    data = json.loads(r.content)
    assert data["head"]["vars"] == ["p", "label"]
