"""Linked data: /id/… and /def/… dereference with content negotiation, on any host."""

from __future__ import annotations

import httpx
import pytest
from rdflib import Graph, URIRef

ID = "https://w3id.org/urbankg/id/"
PROJECT = "project/circularhoodfood"


@pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")  # rdflib
@pytest.mark.parametrize(
    ("how", "media", "parse_as"),
    [
        ({"Accept": "text/turtle"}, "text/turtle", "turtle"),
        ({"Accept": "application/ld+json"}, "application/ld+json", "json-ld"),
        ({"Accept": "application/n-triples"}, "application/n-triples", "nt"),
        ({"Accept": "application/rdf+xml"}, "application/rdf+xml", "xml"),
        ({"suffix": ".ttl"}, "text/turtle", "turtle"),
        ({"suffix": ".jsonld"}, "application/ld+json", "json-ld"),
        ({"suffix": ".nt"}, "application/n-triples", "nt"),
        ({"suffix": ".rdf"}, "application/rdf+xml", "xml"),
        ({"Accept": "text/turtle;q=0.2, application/rdf+xml;q=0.9"}, "application/rdf+xml", "xml"),
    ],
)
def test_instance_as_rdf(
    client: httpx.Client, how: dict[str, str], media: str, parse_as: str
) -> None:
    suffix = how.pop("suffix", "")
    r = client.get(f"/id/{PROJECT}{suffix}", headers=how)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].split(";")[0] == media
    g = Graph().parse(data=r.content, format=parse_as)
    subject = URIRef(ID + PROJECT)
    assert (subject, None, None) in g
    assert any(str(o).startswith("https://www.metropolia.fi/") for o in g.objects(subject))


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("fi", "Ympäristöministeriö"),
        ("sv", "Miljöministeriet"),
        ("en", "Ministry of the Environment"),
    ],
)
def test_instance_as_html_in_each_language(client: httpx.Client, lang: str, expected: str) -> None:
    url = "/id/actor/ymparistoministerio"
    by_param = client.get(url, params={"lang": lang}, headers={"Accept": "text/html"})
    by_header = client.get(
        url, headers={"Accept": "text/html", "Accept-Language": f"{lang},en;q=0.5"}
    )
    for r in (by_param, by_header):
        assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
        assert f"<h1>{expected}</h1>" in r.text
    assert 'href="https://ym.fi/kestava-kaupunki-ohjelma"' in by_param.text  # dct:source link
    assert f"{client.base_url}/id/project/" in by_param.text  # related resources, on this host


def test_label_fallback(client: httpx.Client) -> None:
    r = client.get(f"/id/{PROJECT}", params={"lang": "sv"}, headers={"Accept": "text/html"})
    assert "<h1>CircularHoodFood</h1>" in r.text  # only a Finnish name: falls back


def test_unknown_resource_is_404(client: httpx.Client) -> None:
    for url in (
        "/id/project/no-such-thing",
        "/id/project/no-such-thing.ttl",
        "/def/theme/nope",
        "/definitely",
        # characters no IRI may hold: not a resource here, never a server error
        '/id/actor/a"b',
        "/id/actor/a\\b",
        "/id/actor/a%3Eb",
        "/id/x y",
        '/def/a"b.ttl',
    ):
        assert client.get(url, headers={"Accept": "text/turtle"}).status_code == 404, url
    assert client.get(f"/id/{PROJECT}", headers={"Accept": "image/png"}).status_code == 406


def test_def_documents_the_ontology(client: httpx.Client) -> None:
    page = client.get("/def", headers={"Accept": "text/html"}, params={"lang": "fi"})
    assert page.status_code == 200
    for text in ('id="Project"', "Hanke", 'id="scheme-theme"', "Vähähiilisyys", "skos"):
        assert text in page.text, text
    rdf = client.get("/def", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=rdf.text, format="turtle")
    assert (URIRef("https://w3id.org/urbankg/def#Project"), None, None) in g
    assert client.get("/def.ttl").headers["content-type"].startswith("text/turtle")


def test_concepts_and_schemes_dereference(client: httpx.Client) -> None:
    r = client.get("/def/theme/low-carbon", headers={"Accept": "text/turtle"})
    g = Graph().parse(data=r.text, format="turtle")
    assert (URIRef("https://w3id.org/urbankg/def/theme/low-carbon"), None, None) in g
    html = client.get(
        "/def/sector/university", headers={"Accept": "text/html"}, params={"lang": "sv"}
    )
    assert html.status_code == 200 and "Universitet" in html.text
    assert client.get("/def/theme.nt").status_code == 200


def test_served_on_any_host(client: httpx.Client) -> None:
    r = client.get(f"/id/{PROJECT}", headers={"Accept": "text/html", "Host": "kg.example.org"})
    assert r.status_code == 200 and "http://kg.example.org/id/programme/6aika" in r.text
