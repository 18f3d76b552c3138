"""The W3C SPARQL 1.1 Protocol test cases (query and update), run against a real server."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from apitest_support import PROTOCOL, TOKEN, USER_AGENT, Running, reference
from rdflib import RDF, Graph, Namespace, URIRef
from rdflib.collection import Collection

MF = Namespace("http://www.w3.org/2001/sw/DataAccess/tests/test-manifest#")
HT = Namespace("http://www.w3.org/2011/http#")
CNT = Namespace("http://www.w3.org/2011/content#")
HTS = Namespace("http://www.w3.org/2011/http-statusCodes#")
MANIFEST = PROTOCOL / "protocol" / "manifest.ttl"

RESULTS = {
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
}
RDF_TYPES = {"text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"}


def _cases() -> list[tuple[str, str]]:
    if not MANIFEST.exists():
        return [("manifest-absent", "")]
    g = Graph().parse(MANIFEST, format="turtle")
    entries = g.value(next(g.subjects(RDF.type, MF.Manifest)), MF.entries)
    names = [str(e).rsplit("#", 1)[1] for e in Collection(g, entries)]
    # Queries first: the update cases replace the data the query cases read.
    return sorted(((n, n) for n in names), key=lambda c: c[0].startswith(("update", "bad_up")))


def _requests(name: str) -> list[dict[str, Any]]:
    g = Graph().parse(MANIFEST, format="turtle")
    test = URIRef(
        f"http://www.w3.org/2009/sparql/docs/tests/data-sparql11/protocol/manifest#{name}"
    )
    action = g.value(test, MF.action)
    out = []
    for req in Collection(g, g.value(action, HT.requests)):
        headers = {}
        hlist = g.value(req, HT.headers)
        if hlist is not None:
            for h in Collection(g, hlist):
                headers[str(g.value(h, HT.fieldName))] = str(g.value(h, HT.fieldValue))
        body = g.value(req, HT.body)
        data = None
        if body is not None:
            encoding = str(g.value(body, CNT.characterEncoding) or "UTF-8")
            data = str(g.value(body, CNT.chars)).encode(encoding.lower())
        resp = g.value(req, HT.resp)
        out.append(
            {
                "method": str(g.value(req, HT.methodName)),
                "path": str(g.value(req, HT.absolutePath)),
                "headers": headers,
                "body": data,
                "status": {str(s).rsplit("#", 1)[1] for s in g.objects(resp, MF.expectedStatus)},
                "format": str(g.value(resp, MF.expectedFormat) or ""),
                "boolean": g.value(resp, MF.expectedBoolean),
            }
        )
    return out


def _check(resp: httpx.Response, expected: dict[str, Any]) -> None:
    klass = f"StatusCode{resp.status_code // 100}xx"
    assert klass in expected["status"], (resp.status_code, resp.text)
    media = resp.headers.get("content-type", "").split(";")[0]
    if expected["format"] == "boolean":
        assert media == "application/sparql-results+json"
        value = json.loads(resp.content)["boolean"]
        if expected["boolean"] is not None:
            assert value == expected["boolean"].toPython(), resp.text
    elif expected["format"] == "tabular":
        assert media in RESULTS
    elif expected["format"] == "RDF":
        assert media in RDF_TYPES


@pytest.mark.parametrize(("name", "_id"), _cases())
def test_w3c_protocol_case(name: str, _id: str, update_server: Running) -> None:
    reference(MANIFEST)
    with httpx.Client(base_url=update_server.url, timeout=30) as client:
        for req in _requests(name):
            path = req["path"].replace("/sparql/", "/sparql", 1)
            headers = {"User-Agent": USER_AGENT, **req["headers"]}
            if name.startswith("update"):
                headers["Authorization"] = f"Bearer {TOKEN}"
            resp = client.request(req["method"], path, headers=headers, content=req["body"])
            _check(resp, req)
            assert resp.status_code < 500


def test_manifest_is_where_expected() -> None:
    assert reference(Path(MANIFEST)).is_file()
