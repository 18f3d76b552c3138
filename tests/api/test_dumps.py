"""Dumps: gzipped RDF of the whole graph, cached until the data changes, conditional GETs."""

from __future__ import annotations

import gzip

import httpx
import pyoxigraph as ox
import pytest

FORMATS = {
    "urbankg.ttl.gz": ox.RdfFormat.TURTLE,
    "urbankg.nt.gz": ox.RdfFormat.N_TRIPLES,
    "urbankg.nq.gz": ox.RdfFormat.N_QUADS,
    "urbankg.trig.gz": ox.RdfFormat.TRIG,
    "urbankg.jsonld.gz": ox.RdfFormat.JSON_LD,
}


@pytest.mark.parametrize("name", sorted(FORMATS))
def test_dump_is_the_whole_graph(client: httpx.Client, name: str) -> None:
    r = client.get(f"/dumps/{name}")
    assert r.status_code == 200 and r.headers["content-type"] == "application/gzip"
    data = gzip.decompress(r.content)
    quads = list(ox.parse(data, format=FORMATS[name]))
    assert len(quads) > 3000
    count = client.get(
        "/sparql",
        params={
            "query": "SELECT (COUNT(*) AS ?n) WHERE { GRAPH "
            "<https://w3id.org/urbankg/id/graph/kestava-kaupunki>"
            " { ?s ?p ?o } }"
        },
    ).json()
    assert len(quads) == int(count["results"]["bindings"][0]["n"]["value"])


def test_conditional_requests_and_cache(client: httpx.Client) -> None:
    first = client.get("/dumps/urbankg.nt.gz")
    etag, modified = first.headers["etag"], first.headers["last-modified"]
    assert client.get("/dumps/urbankg.nt.gz", headers={"If-None-Match": etag}).status_code == 304
    assert (
        client.get("/dumps/urbankg.nt.gz", headers={"If-Modified-Since": modified}).status_code
        == 304
    )
    again = client.get("/dumps/urbankg.nt.gz")
    assert again.content == first.content and again.headers["etag"] == etag
    assert client.head("/dumps/urbankg.nt.gz").status_code == 200


def test_index_and_unknown(client: httpx.Client) -> None:
    listing = client.get("/dumps/").json()
    assert {d["name"] for d in listing["dumps"]} == set(FORMATS)
    assert client.get("/dumps/", headers={"Accept": "text/html"}).text.count(".gz</a>") == 5
    assert client.get("/dumps/passwd").status_code == 404
    assert client.get("/dumps/..%2F..%2Fetc%2Fpasswd").status_code == 404
