"""Hygiene of the ontology: every check is a query that must return no rows."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS

from urbankg.namespaces import ORG, PROV, SCHEMA, UKG
from urbankg.resources import ontology_files
from urbankg.tools import ontology_checks as checks

REPO_ROOT = Path(__file__).resolve().parents[2]

ONTOLOGY_IRI = URIRef("https://w3id.org/urbankg/def")
CC_BY_4 = URIRef("http://creativecommons.org/licenses/by/4.0/")


def test_the_ontology_ships_its_files() -> None:
    names = {f.name for f in ontology_files()}
    assert names >= {
        "urbankg.ttl",
        "themes.ttl",
        "sectors.ttl",
        "roles.ttl",
        "project-types.ttl",
        "frameworks.ttl",
        "sdg.ttl",
    }


def test_no_undeclared_urbankg_term(ontology: Graph) -> None:
    assert checks.undeclared_terms(ontology) == []


def test_no_misspelt_term_of_a_reused_vocabulary(ontology: Graph) -> None:
    assert checks.unknown_reserved_terms(ontology) == []


def test_every_term_has_fi_sv_en_labels_and_an_english_definition(ontology: Graph) -> None:
    # SDG targets are the one exception: labels required, definitions not.
    assert checks.missing_labels(ontology) == []


def test_no_term_has_two_labels_in_one_language(ontology: Graph) -> None:
    assert checks.duplicate_labels(ontology) == []


def test_literals_are_in_finnish_swedish_or_english(ontology: Graph) -> None:
    assert checks.unexpected_languages(ontology) == []


def test_skos_structure_is_sound(ontology: Graph) -> None:
    assert checks.skos_defects(ontology) == []


def test_ontology_header(ontology: Graph) -> None:
    assert set(ontology.subjects(RDF.type, OWL.Ontology)) == {ONTOLOGY_IRI}
    assert ontology.value(ONTOLOGY_IRI, OWL.versionInfo) == Literal("0.1.0")
    assert ontology.value(ONTOLOGY_IRI, DCTERMS.license) == CC_BY_4
    titles = {t.language for t in ontology.objects(ONTOLOGY_IRI, DCTERMS.title)}
    assert titles == {"fi", "sv", "en"}
    assert (ONTOLOGY_IRI, DCTERMS.description, None) in ontology


def _declared_ukg_terms(graph: Graph) -> set[str]:
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty)
    return {
        str(s).removeprefix(str(UKG))
        for kind in kinds
        for s in graph.subjects(RDF.type, kind)
        if str(s).startswith(str(UKG))
    }


def test_ontology_declares_exactly_the_ukg_terms_of_the_model(
    ontology: Graph, model_md: str
) -> None:
    in_model = set(re.findall(r"\bukg:([A-Za-z]+)", model_md))
    assert _declared_ukg_terms(ontology) == in_model


def test_every_ukg_term_is_defined_by_the_ontology(ontology: Graph) -> None:
    for name in _declared_ukg_terms(ontology):
        assert (UKG[name], RDFS.isDefinedBy, ONTOLOGY_IRI) in ontology, name


def test_classes_specialise_the_reused_classes_the_model_names(ontology: Graph) -> None:
    expected = {
        UKG.Initiative: {PROV.Activity},
        UKG.Programme: {UKG.Initiative},
        UKG.FundingCall: {PROV.Entity},
        UKG.Project: {UKG.Initiative, SCHEMA.Project},
        UKG.Actor: {ORG.Organization},
        UKG.Participation: {PROV.Association},
        UKG.Grant: {SCHEMA.MonetaryGrant},
        UKG.Budget: {SCHEMA.MonetaryAmount},
        UKG.Solution: {PROV.Entity},
        UKG.SourceGraph: {PROV.Entity},
    }
    actual = {c: set(ontology.objects(c, RDFS.subClassOf)) for c in expected}
    assert actual == expected


def test_sdg_is_a_subproperty_of_subject_and_derived_sdg_is_not(ontology: Graph) -> None:
    assert set(ontology.objects(UKG.sdg, RDFS.subPropertyOf)) == {DCTERMS.subject}
    assert set(ontology.objects(UKG.derivedSdg, RDFS.subPropertyOf)) == set()


def test_property_kinds_and_ranges(ontology: Graph) -> None:
    object_properties = {"projectType", "sdg", "derivedSdg", "framework", "region"}
    object_properties |= {"grantee", "budgetOf"}
    for name in object_properties:
        assert (UKG[name], RDF.type, OWL.ObjectProperty) in ontology, name
    ranges = {
        "startYear": "gYear",
        "endYear": "gYear",
        "year": "gYear",
        "amount": "decimal",
        "roleWording": "string",
        "businessId": "string",
        "municipalityCode": "string",
        "currency": "string",
        "sourceName": "string",
        "tripleCount": "integer",
    }
    for name, xsd_type in ranges.items():
        assert (UKG[name], RDF.type, OWL.DatatypeProperty) in ontology, name
        assert ontology.value(UKG[name], RDFS.range) == URIRef(
            "http://www.w3.org/2001/XMLSchema#" + xsd_type
        ), name


@pytest.mark.parametrize("name", [f.name for f in ontology_files()])
def test_each_file_parses_with_oxigraph_and_has_a_versioned_licensed_header(name: str) -> None:
    (resource,) = [f for f in ontology_files() if f.name == name]
    text = resource.read_text(encoding="utf-8")
    # Oxigraph's parser is stricter than rdflib's: both must accept every file.
    quads = list(ox.parse(text.encode("utf-8"), format=ox.RdfFormat.TURTLE))
    assert quads
    graph = Graph().parse(data=text, format="turtle")
    headers = set(graph.subjects(RDF.type, OWL.Ontology)) | set(
        graph.subjects(RDF.type, SKOS.ConceptScheme)
    )
    assert len(headers) == 1, f"{name} must describe exactly one ontology or concept scheme"
    (header,) = headers
    if name != "sdg.ttl":  # the SDG scheme is the UN's; we cite it instead of licensing it
        assert graph.value(header, OWL.versionInfo) == Literal("0.1.0")
        assert graph.value(header, DCTERMS.license) == CC_BY_4
    else:
        assert (header, DCTERMS.bibliographicCitation, None) in graph


def test_the_turtle_examples_of_the_ontology_guide_use_only_declared_terms(
    ontology: Graph,
) -> None:
    guide = (REPO_ROOT / "docs" / "ontology.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```turtle\n(.*?)```", guide, flags=re.DOTALL)
    assert blocks, "docs/ontology.md has a Turtle example"
    for block in blocks:
        example = Graph().parse(data=block, format="turtle")
        assert len(example) > 0
        union = ontology + example
        assert checks.undeclared_terms(union) == []
        assert checks.unknown_reserved_terms(union) == []
        assert checks.sdg_iris(example) <= checks.sdg_iris(ontology)
