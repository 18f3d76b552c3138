"""The catalogue made from the real data: datasets, distributions, service, computed facts."""

from __future__ import annotations

import csv
import gzip
import io
import warnings
from collections import defaultdict

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from urbankg.catalog import Deployment, generate, serialize
from urbankg.catalog.check import check_catalog
from urbankg.catalog.errors import CatalogError
from urbankg.catalog.exports import DUMPS, TABLES
from urbankg.catalog.vocab import DCAT, DCT, FOAF, SPDX, XSD
from urbankg.graph.store import OxigraphStore, open_store
from urbankg.settings import CC_BY_4_0, Settings

PUBLIC = "https://data.example.fi/urbankg"
RDF_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")


def deployment(**settings: object) -> Deployment:
    return Deployment.from_settings(Settings(public_url=PUBLIC, **settings))  # type: ignore[arg-type]


def index(triples: list[ox.Triple]) -> dict[tuple[str, str], list[ox.Term]]:
    out: dict[tuple[str, str], list[ox.Term]] = defaultdict(list)
    for t in triples:
        out[(str(t.subject.value), t.predicate.value)].append(t.object)  # type: ignore[union-attr]
    return out


def of_type(triples: list[ox.Triple], cls: str) -> list[str]:
    return sorted(
        t.subject.value  # type: ignore[union-attr]
        for t in triples
        if t.predicate == RDF_TYPE and t.object == ox.NamedNode(cls)
    )


def langs(values: list[ox.Term]) -> set[str]:
    return {v.language for v in values if isinstance(v, ox.Literal) and v.language}


@pytest.fixture(scope="module")
def made(kk_store: OxigraphStore):  # type: ignore[no-untyped-def]
    return generate(kk_store, deployment())


def test_one_dataset_for_the_graph_and_one_per_programme(made, kk_store) -> None:  # type: ignore[no-untyped-def]
    programmes = [r["p"].value for r in kk_store.select("SELECT ?p { ?p a ukg:Programme }")]
    datasets = of_type(made.catalog, DCAT + "Dataset")
    assert len(datasets) == len(programmes) + 1 == 11
    assert f"{PUBLIC}/catalog#urbankg" in datasets
    idx = index(made.catalog)
    related = {str(o.value) for d in datasets for o in idx[(d, DCT + "relation")]}  # type: ignore[union-attr]
    assert related == set(programmes)
    for d in datasets:
        assert langs(idx[(d, DCT + "title")]) == {"fi", "sv", "en"}, d
        assert langs(idx[(d, DCT + "description")]) == {"fi", "sv", "en"}, d
        assert langs(idx[(d, DCAT + "keyword")]) == {"fi", "sv", "en"}, d
        themes = {o.value for o in idx[(d, DCAT + "theme")]}  # type: ignore[union-attr]
        assert "http://publications.europa.eu/resource/authority/data-theme/REGI" in themes
        assert {o.value for o in idx[(d, DCT + "language")]} == {  # type: ignore[union-attr]
            f"http://publications.europa.eu/resource/authority/language/{c}"
            for c in ("FIN", "SWE", "ENG")
        }
        assert ox.NamedNode(CC_BY_4_0) in idx[(d, DCT + "license")]
        assert ox.NamedNode("https://w3id.org/urbankg/def") in idx[(d, DCT + "conformsTo")]
        spatial = {o.value for o in idx[(d, DCT + "spatial")]}  # type: ignore[union-attr]
        assert "http://publications.europa.eu/resource/authority/country/FIN" in spatial
        # 5 dumps or extracts, 3 CSV tables and the SPARQL endpoint
        assert len(idx[(d, DCAT + "distribution")]) == len(DUMPS) + len(TABLES) + 1
    whole = idx[(f"{PUBLIC}/catalog#urbankg", DCAT + "theme")]
    assert {o.value.rsplit("/", 1)[1] for o in whole} >= {"REGI", "ENVI", "SOCI"}  # type: ignore[union-attr]


def test_distributions_are_complete(made) -> None:  # type: ignore[no-untyped-def]
    idx = index(made.catalog)
    distributions = of_type(made.catalog, DCAT + "Distribution")
    downloads = [d for d in distributions if not d.endswith("-sparql")]
    assert len(downloads) == 11 * (len(DUMPS) + len(TABLES))
    for d in downloads:
        url = idx[(d, DCAT + "downloadURL")][0].value  # type: ignore[union-attr]
        assert url.startswith(PUBLIC + "/")
        assert idx[(d, DCAT + "accessURL")]
        media = idx[(d, DCAT + "mediaType")][0].value  # type: ignore[union-attr]
        fmt = idx[(d, DCT + "format")][0].value  # type: ignore[union-attr]
        assert media.startswith("https://www.iana.org/assignments/media-types/")
        assert fmt.startswith("http://publications.europa.eu/resource/authority/file-type/")
        size = idx[(d, DCAT + "byteSize")][0]
        assert isinstance(size, ox.Literal) and size.datatype.value == XSD + "nonNegativeInteger"
        checksum = idx[(d, SPDX + "checksum")][0].value  # type: ignore[union-attr]
        value = idx[(checksum, SPDX + "checksumValue")][0]
        assert isinstance(value, ox.Literal) and len(value.value) == 64
        if url.endswith(".gz"):
            assert idx[(d, DCAT + "compressFormat")]
    kinds = {
        idx[(d, DCT + "format")][0].value.rsplit("/", 1)[1]  # type: ignore[union-attr]
        for d in downloads
    }
    assert kinds == {"RDF_TURTLE", "RDF_N_TRIPLES", "RDF_N_QUADS", "RDF_TRIG", "JSON_LD", "CSV"}


def test_sparql_service(made) -> None:  # type: ignore[no-untyped-def]
    idx = index(made.catalog)
    [service] = of_type(made.catalog, DCAT + "DataService")
    assert idx[(service, DCAT + "endpointURL")] == [ox.NamedNode(f"{PUBLIC}/sparql")]
    assert idx[(service, DCAT + "endpointDescription")] == [ox.NamedNode(f"{PUBLIC}/sparql")]
    assert idx[(service, DCT + "conformsTo")] == [
        ox.NamedNode("https://www.w3.org/TR/sparql11-protocol/")
    ]
    assert len(idx[(service, DCAT + "servesDataset")]) == 11
    assert langs(idx[(service, DCT + "title")]) == {"fi", "sv", "en"}


def test_facts_are_computed_from_the_data(made, kk_store) -> None:  # type: ignore[no-untyped-def]
    idx = index(made.catalog)
    kk = f"{PUBLIC}/catalog#programme-kestava-kaupunki"
    years = {}
    for bound, agg in (("startYear", "MIN"), ("endYear", "MAX")):
        query = f"""SELECT ({agg}(YEAR(?y)) AS ?v) {{
             ?i dct:isPartOf* <https://w3id.org/urbankg/id/programme/kestava-kaupunki> ;
                ukg:{bound} ?y }}"""
        years[bound] = next(kk_store.select(query))["v"].value
    period = idx[(kk, DCT + "temporal")][0].value  # type: ignore[union-attr]
    assert idx[(period, DCAT + "startDate")][0].value == years["startYear"]
    assert idx[(period, DCAT + "endDate")][0].value == years["endYear"]
    data = next(i for i in kk_store.graph_info() if i.iri.endswith("graph/kestava-kaupunki"))
    assert idx[(kk, DCT + "modified")][0].value == data.modified
    assert idx[(f"{PUBLIC}/catalog#catalog", DCT + "issued")][0].value == data.issued
    # municipalities named by the data (dct:spatial) are among the dataset's places
    places = {
        r["m"].value
        for r in kk_store.select(
            """SELECT ?m { ?i dct:isPartOf* <https://w3id.org/urbankg/id/programme/lahioohjelma> ;
                              dct:spatial ?m }"""
        )
    }
    lahio = {o.value for o in idx[(f"{PUBLIC}/catalog#programme-lahioohjelma", DCT + "spatial")]}  # type: ignore[union-attr]
    assert places and places <= lahio
    # provenance: the load activity of the data graph
    activities = {o.value for o in idx[(kk, "http://www.w3.org/ns/prov#wasGeneratedBy")]}  # type: ignore[union-attr]
    assert activities and all("/graph/kestava-kaupunki/load/" in a for a in activities)


def test_settings_reach_the_catalogue(kk_store: OxigraphStore) -> None:
    made = generate(
        kk_store,
        deployment(
            publisher_name_fi="Ympäristöministeriö",
            publisher_name_sv="Miljöministeriet",
            publisher_name_en="Ministry of the Environment",
            publisher_iri="https://ym.fi/",
            publisher_type="NationalAuthority",
            contact_email="kirjaamo@example.fi",
            licence="http://publications.europa.eu/resource/authority/licence/CC0",
        ),
    )
    idx = index(made.catalog)
    assert {str(v.value) for v in idx[("https://ym.fi/", FOAF + "name")]} == {  # type: ignore[union-attr]
        "Ympäristöministeriö",
        "Miljöministeriet",
        "Ministry of the Environment",
    }
    assert idx[("https://ym.fi/", DCT + "type")] == [
        ox.NamedNode("http://purl.org/adms/publishertype/NationalAuthority")
    ]
    contact = f"{PUBLIC}/catalog#contact"
    assert idx[(contact, "http://www.w3.org/2006/vcard/ns#hasEmail")] == [
        ox.NamedNode("mailto:kirjaamo@example.fi")
    ]
    cc0 = ox.NamedNode("http://publications.europa.eu/resource/authority/licence/CC0")
    assert idx[(f"{PUBLIC}/catalog#urbankg", DCT + "license")] == [cc0]


def _rdflib(triples: list[ox.Triple]) -> Graph:
    return Graph().parse(data=serialize(triples, "ntriples"), format="nt")


def test_identical_data_gives_isomorphic_output(kk_store: OxigraphStore, made) -> None:  # type: ignore[no-untyped-def]
    again = generate(kk_store, deployment())
    assert again.marker == made.marker
    assert isomorphic(_rdflib(again.catalog), _rdflib(made.catalog))
    assert isomorphic(_rdflib(again.void), _rdflib(made.void))
    assert again.blobs == made.blobs


def test_every_format_carries_the_same_graph(made) -> None:  # type: ignore[no-untyped-def]
    reference = _rdflib(made.catalog)
    for fmt, rdflib_format in (("turtle", "turtle"), ("rdfxml", "xml"), ("jsonld", "json-ld")):
        with warnings.catch_warnings():
            # rdflib 7.6's JSON-LD parser uses its own deprecated ConjunctiveGraph
            warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
            parsed = Graph().parse(data=serialize(made.catalog, fmt), format=rdflib_format)
        assert isomorphic(parsed, reference), fmt


def test_csv_tables_and_extracts(made, kk_store) -> None:  # type: ignore[no-untyped-def]
    rows = list(csv.DictReader(io.StringIO(made.blobs["initiatives.csv"].decode())))
    projects = {r["p"].value for r in kk_store.select("SELECT ?p { ?p a ukg:Project }")}
    assert projects <= {r["iri"] for r in rows}
    kk = list(csv.DictReader(io.StringIO(made.blobs["kestava-kaupunki/initiatives.csv"].decode())))
    assert 0 < len(kk) < len(rows)
    assert all(
        "kestava-kaupunki" in r["part_of"] or r["iri"].endswith("kestava-kaupunki") or r["part_of"]
        for r in kk
    )
    extract = gzip.decompress(made.blobs["kestava-kaupunki/kestava-kaupunki.nt.gz"])
    triples = list(ox.parse(extract, format=ox.RdfFormat.N_TRIPLES))
    subjects = {t.subject.value for t in triples}  # type: ignore[union-attr]
    assert "https://w3id.org/urbankg/id/programme/kestava-kaupunki" in subjects
    assert "https://w3id.org/urbankg/id/programme/hinku" not in subjects


def test_empty_store_gives_a_valid_catalogue_with_an_empty_dataset() -> None:
    store = open_store(None)
    try:
        made = generate(store, deployment())
    finally:
        store.close()
    check_catalog(made.catalog)
    assert of_type(made.catalog, DCAT + "Dataset") == [f"{PUBLIC}/catalog#urbankg"]
    idx = index(made.catalog)
    description = next(
        v.value
        for v in idx[(f"{PUBLIC}/catalog#urbankg", DCT + "description")]
        if isinstance(v, ox.Literal) and v.language == "en"
    )
    assert "0 programmes, 0 projects, 0 actors and 0 participations" in description


def test_the_built_in_check_refuses_a_broken_catalogue(made) -> None:  # type: ignore[no-untyped-def]
    title = ox.NamedNode(DCT + "title")
    broken = [
        t for t in made.catalog if not (t.predicate == title and "#urbankg" in str(t.subject))
    ]
    with pytest.raises(CatalogError, match=r"dct/terms/title|terms/title"):
        check_catalog(broken)
