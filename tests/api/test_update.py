"""SPARQL Update: refused without the token, validated before commit, store unchanged on error."""

from __future__ import annotations

import gzip
from collections.abc import Iterator

import httpx
import pyoxigraph as ox
import pytest
from apitest_support import TOKEN, Running, start_server

from urbankg.api.update import apply_update
from urbankg.graph.load import ValidationFailedError, init_store
from urbankg.graph.store import OxigraphStore, open_store

BASE = "https://w3id.org/urbankg/id/"
GRAPH = BASE + "graph/kestava-kaupunki"
NEW_ACTOR = f"""PREFIX ukg: <https://w3id.org/urbankg/def#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX dct: <http://purl.org/dc/terms/>
INSERT DATA {{ GRAPH <{BASE}graph/edits> {{
  <{BASE}actor/test-yhdistys> a ukg:Actor ;
    skos:prefLabel "Testiyhdistys"@fi ;
    org:classification <https://w3id.org/urbankg/def/sector/association> ;
    dct:source <https://example.org/testiyhdistys> .
}} }}"""
BAD_ACTOR = NEW_ACTOR.replace("actor/test-yhdistys", "actor/bad").replace(
    'skos:prefLabel "Testiyhdistys"@fi ;', ""
)
ASK_NEW = f"ASK {{ <{BASE}actor/test-yhdistys> a ukg:Actor }}"
ASK_BAD = f"ASK {{ <{BASE}actor/bad> ?p ?o }}"


@pytest.fixture(scope="module")
def editable() -> Iterator[Running]:
    store = open_store(None)
    init_store(store, workers=1)
    running = start_server(store, update_enabled=True, update_token=TOKEN, query_workers=2)
    yield running
    running.stop()


def _ask(c: httpx.Client, q: str) -> bool:
    return bool(c.get("/sparql", params={"query": q}).json()["boolean"])


def _count(c: httpx.Client) -> int:
    r = c.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) { ?s ?p ?o }"})
    return int(r.json()["results"]["bindings"][0]["n"]["value"])


def test_updates_are_refused_on_the_read_only_server(client: httpx.Client) -> None:
    before = _count(client)
    r = client.post("/sparql", data={"update": "CLEAR ALL"})
    assert r.status_code == 403 and "disabled" in r.text
    r = client.post(
        "/sparql",
        content=b"CLEAR ALL",
        headers={"Content-Type": "application/sparql-update", "Authorization": f"Bearer {TOKEN}"},
    )
    assert r.status_code == 403
    assert _count(client) == before


def test_update_needs_the_token(editable: Running) -> None:
    with editable.client() as c:
        before = _count(c)
        r = c.post("/sparql", data={"update": NEW_ACTOR})
        assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
        r = c.post("/sparql", data={"update": NEW_ACTOR}, headers={"Authorization": "Bearer no"})
        assert r.status_code == 403
        r = c.get("/sparql", params={"update": NEW_ACTOR})
        assert r.status_code == 405
        assert _count(c) == before and not _ask(c, ASK_NEW)


def test_invalid_update_is_rejected_with_a_report(editable: Running) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with editable.client(headers={**auth}) as c:
        before = _count(c)
        r = c.post("/sparql", data={"update": BAD_ACTOR})
        assert r.status_code == 422, r.text
        report = r.json()["report"]
        assert report["violations"] >= 1
        assert any(f["focus"] == BASE + "actor/bad" for f in report["results"])
        for bad in (
            "CLEAR XYZ",
            "INSERT DATA { <http://a> <http://b> <http://c> }",
            "LOAD <file:///etc/passwd> INTO GRAPH <http://g>",
            "INSERT { GRAPH <http://g> { ?s ?p ?o } } WHERE "
            "{ SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }",
        ):
            r = c.post("/sparql", data={"update": bad})
            assert 400 <= r.status_code < 500, (bad, r.text)
        assert _count(c) == before and not _ask(c, ASK_BAD)


def test_valid_update_is_committed_and_served(editable: Running) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    with editable.client(headers=auth) as c:
        generation = c.get("/health").json()["generation"]
        dump_before = c.get("/dumps/urbankg.nq.gz")
        r = c.post(
            "/sparql",
            content=NEW_ACTOR.encode(),
            headers={"Content-Type": "application/sparql-update"},
        )
        assert r.status_code == 200, r.text
        assert r.json()["changed_graphs"] == [BASE + "graph/edits"]
        assert _ask(c, ASK_NEW)
        assert c.get("/health").json()["generation"] == generation + 1
        # the dumps are made again, with the new data and a new ETag
        dump_after = c.get(
            "/dumps/urbankg.nq.gz", headers={"If-None-Match": dump_before.headers["etag"]}
        )
        assert dump_after.status_code == 200
        assert dump_after.headers["etag"] != dump_before.headers["etag"]
        assert b"test-yhdistys" in gzip.decompress(dump_after.content)
        assert b"test-yhdistys" not in gzip.decompress(dump_before.content)
        # WHERE sees the union of the named graphs, as queries do
        rename = (
            "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
            f"DELETE {{ GRAPH <{BASE}graph/edits> {{ ?a skos:prefLabel ?l }} }}\n"
            f'INSERT {{ GRAPH <{BASE}graph/edits> {{ ?a skos:prefLabel "Uusi nimi"@fi }} }}\n'
            f"WHERE {{ ?a skos:prefLabel ?l FILTER(?a = <{BASE}actor/test-yhdistys>) }}"
        )
        r = c.post("/sparql", data={"update": rename})
        assert r.status_code == 200, r.text
        q = f'ASK {{ <{BASE}actor/test-yhdistys> skos:prefLabel "Uusi nimi"@fi }}'
        assert _ask(c, q)
        # the store's own graphs are not changed by updates
        r = c.post("/sparql", data={"update": f"DROP GRAPH <{BASE}graph/system>"})
        assert r.status_code == 200 and r.json()["ignored_managed_graphs"] == [
            BASE + "graph/system"
        ]


def test_write_to_default_graph_is_refused(editable: Running) -> None:
    with editable.client(headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        r = c.post("/sparql", data={"update": "INSERT DATA { <http://a> <http://b> <http://c> }"})
        assert r.status_code == 400 and "default graph" in r.text


def test_graph_can_be_dropped(editable: Running) -> None:
    with editable.client(headers={"Authorization": f"Bearer {TOKEN}"}) as c:
        c.post("/sparql", data={"update": NEW_ACTOR})
        r = c.post("/sparql", data={"update": f"DROP GRAPH <{BASE}graph/edits>"})
        assert r.status_code == 200 and r.json()["dropped_graphs"] == [BASE + "graph/edits"]
        assert not _ask(c, ASK_NEW)
        assert _ask(c, f"ASK {{ GRAPH <{GRAPH}> {{ ?s ?p ?o }} }}")


@pytest.fixture
def kk() -> Iterator[OxigraphStore]:
    store = open_store(None)
    init_store(store, workers=1)
    yield store
    store.close()


def _snapshot(store: OxigraphStore) -> bytes:
    return store.raw.dump(format=ox.RdfFormat.N_QUADS) or b""


def test_an_update_validates_the_nodes_it_changed_not_the_whole_graph(kk: OxigraphStore) -> None:
    project = next(kk.select("SELECT ?p { ?p a ukg:Project } ORDER BY ?p LIMIT 1"))["p"].value
    graph_size = next(i for i in kk.graph_info() if i.iri == GRAPH).triples
    rename = (
        "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        f"DELETE {{ GRAPH <{GRAPH}> {{ <{project}> skos:prefLabel ?l }} }}\n"
        f'INSERT {{ GRAPH <{GRAPH}> {{ <{project}> skos:prefLabel "Uusi nimi"@fi }} }}\n'
        f"WHERE {{ GRAPH <{GRAPH}> {{ <{project}> skos:prefLabel ?l }} }}"
    )
    result = apply_update(kk, rename, workers=1)
    assert result.changed == [GRAPH] and result.report.conforms
    # the project and what points at it (its participations, grants), not 3,500 triples
    assert 0 < result.report.triples < graph_size / 5, (result.report.triples, graph_size)
    labels = {r["l"].value for r in kk.select(f"SELECT ?l {{ <{project}> skos:prefLabel ?l }}")}
    assert labels == {"Uusi nimi"}


def test_deleting_an_actor_others_still_name_is_refused(kk: OxigraphStore) -> None:
    actor = BASE + "actor/helsinki"
    assert next(kk.select(f"SELECT (COUNT(*) AS ?n) {{ ?x ?p <{actor}> }}"))["n"].value != "0"
    before = _snapshot(kk)
    delete = f"DELETE WHERE {{ GRAPH <{GRAPH}> {{ <{actor}> ?p ?o }} }}"
    with pytest.raises(ValidationFailedError) as caught:
        apply_update(kk, delete, workers=1)
    focuses = {f.focus for f in caught.value.report.violations}
    assert actor not in focuses and focuses  # the participations and projects naming it
    assert _snapshot(kk) == before


def test_dropping_a_graph_another_graph_refers_to_is_refused(kk: OxigraphStore) -> None:
    apply_update(kk, NEW_ACTOR, workers=1)
    project = next(kk.select("SELECT ?p { ?p a ukg:Project } ORDER BY ?p LIMIT 1"))["p"].value
    grant = f"""PREFIX ukg: <https://w3id.org/urbankg/def#>
PREFIX schema: <https://schema.org/>
PREFIX dct: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
INSERT DATA {{ GRAPH <{BASE}graph/grants> {{
  <{BASE}grant/test> a ukg:Grant ; ukg:amount "1000.00"^^xsd:decimal ; ukg:currency "EUR" ;
    schema:funder <{BASE}actor/test-yhdistys> ; schema:fundedItem <{project}> ;
    dct:source <https://example.org/grant> .
}} }}"""
    assert apply_update(kk, grant, workers=1).changed == [BASE + "graph/grants"]
    before = _snapshot(kk)
    with pytest.raises(ValidationFailedError) as caught:
        apply_update(kk, f"DROP GRAPH <{BASE}graph/edits>", workers=1)
    assert BASE + "grant/test" in {f.focus for f in caught.value.report.violations}
    assert _snapshot(kk) == before
    # dropping the grant first, then the actor, is fine
    assert apply_update(kk, f"DROP GRAPH <{BASE}graph/grants>", workers=1).dropped
    assert apply_update(kk, f"DROP GRAPH <{BASE}graph/edits>", workers=1).dropped
