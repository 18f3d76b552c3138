"""``/catalog``, ``/.well-known/void`` and the described files, over a real uvicorn server."""

from __future__ import annotations

import gzip
import hashlib
import shutil
import warnings
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from catalogtest_support import FIXTURES_ROOT, Server, start
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.compare import isomorphic

from urbankg.api.routers.dumps import DUMPS as SERVED_DUMPS
from urbankg.catalog.exports import DUMPS
from urbankg.graph.load import init_store, load_sources
from urbankg.graph.store import OxigraphStore, open_store

DCAT = Namespace("http://www.w3.org/ns/dcat#")
DCT = Namespace("http://purl.org/dc/terms/")
SPDX = Namespace("http://spdx.org/rdf/terms#")
VOID = Namespace("http://rdfs.org/ns/void#")
UKG = Namespace("https://w3id.org/urbankg/def#")
FORMATS = {
    "text/turtle": "turtle",
    "application/rdf+xml": "xml",
    "application/ld+json": "json-ld",
    "application/n-triples": "nt",
}


def parse(response: httpx.Response) -> Graph:
    media = response.headers["content-type"].split(";")[0]
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return Graph().parse(data=response.content, format=FORMATS[media])


@pytest.fixture(scope="module")
def http(kk_server: Server) -> Iterator[httpx.Client]:
    with kk_server.client() as client:
        yield client


@pytest.fixture(scope="module")
def catalogue(http: httpx.Client) -> Graph:
    return parse(http.get("/catalog"))


def test_content_negotiation_and_suffixes(http: httpx.Client, catalogue: Graph) -> None:
    first = http.get("/catalog")
    assert first.status_code == 200 and first.headers["content-type"].startswith("text/turtle")
    assert "Accept" in first.headers["vary"]
    for media in FORMATS:
        r = http.get("/catalog", headers={"Accept": media})
        assert r.headers["content-type"].startswith(media)
        assert isomorphic(parse(r), catalogue), media
    for suffix, media in (
        ("ttl", "text/turtle"),
        ("rdf", "application/rdf+xml"),
        ("jsonld", "application/ld+json"),
        ("nt", "application/n-triples"),
    ):
        r = http.get(f"/catalog.{suffix}")
        assert r.status_code == 200 and r.headers["content-type"].startswith(media)
        assert isomorphic(parse(r), catalogue), suffix
    prefers = http.get(
        "/catalog", headers={"Accept": "application/rdf+xml;q=0.5, text/turtle;q=0.2"}
    )
    assert prefers.headers["content-type"].startswith("application/rdf+xml")
    assert http.get("/catalog", headers={"Accept": "image/png"}).status_code == 406
    assert http.get("/catalog.xlsx").status_code == 404


def test_etag_and_conditional_requests(http: httpx.Client) -> None:
    r = http.get("/catalog.ttl")
    etag = r.headers["etag"]
    assert http.get("/catalog.ttl", headers={"If-None-Match": etag}).status_code == 304
    assert http.get("/catalog.ttl").headers["etag"] == etag
    assert http.get("/catalog.nt").headers["etag"] != etag
    head = http.head("/catalog.ttl")
    assert head.status_code == 200 and head.content == b""
    assert int(head.headers["content-length"]) == len(r.content)


def test_urls_follow_the_server_and_dumps_match_their_checksums(
    http: httpx.Client, catalogue: Graph, kk_server: Server
) -> None:
    assert set(DUMPS) == set(SERVED_DUMPS)
    whole = URIRef(f"{kk_server.url}/catalog#urbankg")
    downloads = 0
    for dist in catalogue.objects(whole, DCAT.distribution):
        url = catalogue.value(dist, DCAT.downloadURL)
        if url is None:
            continue
        assert str(url).startswith(kk_server.url)
        body = http.get(str(url)).content
        checksum = catalogue.value(dist, SPDX.checksum)
        assert catalogue.value(dist, DCAT.byteSize).toPython() == len(body), url
        assert (
            str(catalogue.value(checksum, SPDX.checksumValue)) == hashlib.sha256(body).hexdigest()
        )
        downloads += 1
    assert downloads == 8


def test_programme_files_match_their_checksums(
    http: httpx.Client, catalogue: Graph, kk_server: Server
) -> None:
    dataset = URIRef(f"{kk_server.url}/catalog#programme-lahioohjelma")
    urls = []
    for dist in catalogue.objects(dataset, DCAT.distribution):
        url = catalogue.value(dist, DCAT.downloadURL)
        if url is None:
            continue
        r = http.get(str(url))
        assert r.status_code == 200
        checksum = catalogue.value(dist, SPDX.checksum)
        assert (
            str(catalogue.value(checksum, SPDX.checksumValue))
            == hashlib.sha256(r.content).hexdigest()
        )
        urls.append(str(url))
        if str(url).endswith(".ttl.gz"):
            extract = Graph().parse(data=gzip.decompress(r.content), format="turtle")
            assert (
                URIRef("https://w3id.org/urbankg/id/programme/lahioohjelma"),
                None,
                None,
            ) in extract
    assert len(urls) == 8
    assert http.get("/catalog/files/lahioohjelma/passwd").status_code == 404
    assert http.get("/catalog/files/..%2F..%2Fetc%2Fpasswd").status_code == 404


def _count(http: httpx.Client, query: str) -> int:
    r = http.get(
        "/sparql", params={"query": query}, headers={"Accept": "application/sparql-results+json"}
    )
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_void(http: httpx.Client, kk_server: Server, catalogue: Graph) -> None:
    r = http.get("/.well-known/void")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/turtle")
    void = parse(r)
    dataset = URIRef(f"{kk_server.url}/catalog#urbankg")
    graph = "https://w3id.org/urbankg/id/graph/kestava-kaupunki"
    triples = _count(http, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}")
    assert void.value(dataset, VOID.triples).toPython() == triples
    subjects = _count(
        http, f"SELECT (COUNT(DISTINCT ?s) AS ?n) {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    )
    assert void.value(dataset, VOID.distinctSubjects).toPython() == subjects
    projects = _count(http, "SELECT (COUNT(DISTINCT ?p) AS ?n) { ?p a ukg:Project }")
    parts = {
        void.value(p, VOID["class"]): void.value(p, VOID.entities).toPython()
        for p in void.objects(dataset, VOID.classPartition)
    }
    assert parts[UKG.Project] == projects
    assert void.value(dataset, VOID.sparqlEndpoint) == URIRef(f"{kk_server.url}/sparql")
    assert len(list(void.objects(dataset, VOID.dataDump))) == len(DUMPS)
    targets = {void.value(s, VOID.objectsTarget) for s in void.objects(dataset, VOID.subset)}
    assert URIRef("http://metadata.un.org/sdg/void.ttl#SDG") in targets
    assert URIRef("https://w3id.org/urbankg/def") in targets
    sdg_links = [
        s
        for s in void.objects(dataset, VOID.subset)
        if void.value(s, VOID.objectsTarget) == URIRef("http://metadata.un.org/sdg/void.ttl#SDG")
    ]
    asserted = _count(http, f"SELECT (COUNT(*) AS ?n) {{ GRAPH <{graph}> {{ ?s ukg:sdg ?o }} }}")
    by_predicate = {
        void.value(s, VOID.linkPredicate): void.value(s, VOID.triples).toPython() for s in sdg_links
    }
    assert asserted > 0 and by_predicate[UKG.sdg] == asserted
    # linked from the catalogue
    assert (dataset, None, URIRef(f"{kk_server.url}/.well-known/void")) in catalogue
    etag = r.headers["etag"]
    assert http.get("/.well-known/void", headers={"If-None-Match": etag}).status_code == 304


@pytest.fixture
def changing(tmp_path: Path) -> Iterator[tuple[Server, OxigraphStore]]:
    store = open_store(None)
    init_store(store, workers=1)
    running = start(store)
    yield running, store
    running.stop()
    store.close()


def test_a_data_change_regenerates_the_catalogue(
    changing: tuple[Server, OxigraphStore], tmp_path: Path
) -> None:
    running, store = changing
    with running.client() as http:
        before = http.get("/catalog.ttl")
        void_before = http.get("/.well-known/void").headers["etag"]
        source = Path(shutil.copytree(FIXTURES_ROOT / "csv-good", tmp_path / "testiohjelma"))
        load_sources(store, [source], workers=1)
        after = http.get("/catalog.ttl")
        assert after.headers["etag"] != before.headers["etag"]
        assert http.get("/.well-known/void").headers["etag"] != void_before
        assert (
            http.get("/catalog.ttl", headers={"If-None-Match": before.headers["etag"]}).status_code
            == 200
        )
        graph = parse(after)
        new = URIRef(f"{running.url}/catalog#programme-testiohjelma")
        assert (
            new,
            DCT.title,
            Literal(
                "Smart and sustainable city test programme: projects, actors and participations",
                lang="en",
            ),
        ) in graph
        assert not isomorphic(graph, parse(before))
