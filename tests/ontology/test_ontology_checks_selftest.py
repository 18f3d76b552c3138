"""Each hygiene check catches the defect it is written for (planted in a small clean graph)."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

from urbankg.tools import ontology_checks as checks

UKG = "https://w3id.org/urbankg/def#"
THEME = "https://w3id.org/urbankg/def/theme/"
SDG = "http://metadata.un.org/sdg/"

PREFIXES = """
@prefix dct:  <http://purl.org/dc/terms/> .
@prefix org:  <http://www.w3.org/ns/org#> .
@prefix owl:  <http://www.w3.org/2002/07/owl#> .
@prefix prov: <http://www.w3.org/ns/prov#> .
@prefix rdf:  <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix schema: <https://schema.org/> .
@prefix sdg:  <http://metadata.un.org/sdg/> .
@prefix sdgo: <http://metadata.un.org/sdg/ontology#> .
@prefix sh:   <http://www.w3.org/ns/shacl#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix theme: <https://w3id.org/urbankg/def/theme/> .
@prefix ukg:  <https://w3id.org/urbankg/def#> .
@prefix vann: <http://purl.org/vocab/vann/> .
@prefix xsd:  <http://www.w3.org/2001/XMLSchema#> .
"""

CLEAN = """
<https://w3id.org/urbankg/def> a owl:Ontology ;
    dct:title "Otsikko"@fi , "Titel"@sv , "Title"@en .

ukg:Thing a owl:Class ;
    rdfs:label "Asia"@fi , "Sak"@sv , "Thing"@en ;
    skos:definition "A thing."@en ;
    rdfs:subClassOf prov:Entity .

<https://w3id.org/urbankg/def/theme> a skos:ConceptScheme ;
    skos:prefLabel "Teemat"@fi , "Teman"@sv , "Themes"@en ;
    skos:definition "Themes."@en ;
    skos:hasTopConcept theme:top .

theme:top a skos:Concept ;
    skos:prefLabel "Ylä"@fi , "Över"@sv , "Top"@en ;
    skos:definition "A top theme."@en ;
    skos:notation "top" ;
    skos:inScheme <https://w3id.org/urbankg/def/theme> ;
    skos:topConceptOf <https://w3id.org/urbankg/def/theme> ;
    skos:narrower theme:sub ;
    skos:closeMatch sdg:11 .

theme:sub a skos:Concept ;
    skos:prefLabel "Ala"@fi , "Under"@sv , "Sub"@en ;
    skos:definition "A sub-theme."@en ;
    skos:notation "sub" ;
    skos:inScheme <https://w3id.org/urbankg/def/theme> ;
    skos:broader theme:top .

<http://metadata.un.org/sdg> a skos:ConceptScheme ;
    skos:prefLabel "Tavoitteet"@fi , "Mål"@sv , "Goals"@en ;
    skos:definition "Goals."@en ;
    skos:hasTopConcept sdg:11 .

sdg:11 a skos:Concept , sdgo:Goal ;
    skos:prefLabel "Kaupungit"@fi , "Städer"@sv , "Cities"@en ;
    skos:definition "Goal 11."@en ;
    skos:notation "11" ;
    skos:inScheme <http://metadata.un.org/sdg> ;
    skos:topConceptOf <http://metadata.un.org/sdg> ;
    skos:narrower sdg:11.3 .

sdg:11.3 a skos:Concept , sdgo:Target ;
    skos:prefLabel "Alatavoite 11.3"@fi , "Delmål 11.3"@sv , "Target 11.3"@en ;
    skos:notation "11.3" ;
    skos:inScheme <http://metadata.un.org/sdg> ;
    skos:broader sdg:11 .
"""


def planted(extra: str = "", remove: tuple[URIRef, URIRef, object] | None = None) -> Graph:
    graph = Graph().parse(data=PREFIXES + CLEAN + extra, format="turtle")
    if remove is not None:
        assert remove in graph, "the triple to remove must be in the clean graph"
        graph.remove(remove)  # type: ignore[arg-type]
    return graph


def test_the_clean_graph_passes_every_check() -> None:
    defects = checks.all_defects(planted())
    assert defects == {name: [] for name in defects}


def test_clean_graph_uses_an_sdg_target_without_definition() -> None:
    # The exemption under test: SDG targets need labels but no definition.
    graph = planted()
    assert (URIRef(SDG + "11.3"), SKOS.definition, None) not in graph
    assert checks.missing_labels(graph) == []


# ---- undeclared terms of our own namespaces -------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "term"),
    [
        ("ukg:Thing rdfs:subClassOf ukg:Thnig .", UKG + "Thnig"),
        ("ukg:Thing ukg:undeclaredProperty 1 .", UKG + "undeclaredProperty"),
        ("theme:sub skos:related theme:tpo .", THEME + "tpo"),
    ],
)
def test_undeclared_terms_are_caught(extra: str, term: str) -> None:
    assert checks.undeclared_terms(planted(extra)) == [URIRef(term)]


# ---- misspelt terms of reused vocabularies --------------------------------------------------


@pytest.mark.parametrize(
    ("extra", "term"),
    [
        (
            "ukg:Thing rdfs:subClasOf prov:Entity .",
            "http://www.w3.org/2000/01/rdf-schema#subClasOf",
        ),
        ("ukg:Other a owl:Clas .", "http://www.w3.org/2002/07/owl#Clas"),
        ('theme:top skos:prefLable "x"@en .', "http://www.w3.org/2004/02/skos/core#prefLable"),
        ("ukg:Thing dct:licence <http://x.org/> .", "http://purl.org/dc/terms/licence"),
        ("ukg:Thing rdfs:subClassOf prov:Activty .", "http://www.w3.org/ns/prov#Activty"),
        ("ukg:Thing org:clasification theme:top .", "http://www.w3.org/ns/org#clasification"),
        ("ukg:Thing sh:minCont 1 .", "http://www.w3.org/ns/shacl#minCont"),
        ("ukg:Thing rdfs:subClassOf schema:Projekt .", "https://schema.org/Projekt"),
        (
            'ukg:Thing vann:preferedNamespacePrefix "ukg" .',
            "http://purl.org/vocab/vann/preferedNamespacePrefix",
        ),
        ("sdg:11 a sdgo:Gaol .", "http://metadata.un.org/sdg/ontology#Gaol"),
        ("ukg:Thing rdf:tpye owl:Class .", "http://www.w3.org/1999/02/22-rdf-syntax-ns#tpye"),
        ('ukg:Thing rdfs:comment "2019"^^xsd:gyear .', "http://www.w3.org/2001/XMLSchema#gyear"),
        ("ukg:Thing rdfs:subClassOf <http://schema.org/Project> .", "http://schema.org/Project"),
        (
            "theme:top skos:closeMatch <https://metadata.un.org/sdg/11> .",
            "https://metadata.un.org/sdg/11",
        ),
    ],
)
def test_misspelt_reserved_terms_are_caught(extra: str, term: str) -> None:
    found = {iri for iri, _ in checks.unknown_reserved_terms(planted(extra))}
    assert found == {URIRef(term)}


def test_rdf_container_membership_properties_are_allowed() -> None:
    assert checks.unknown_reserved_terms(planted("ukg:Thing rdf:_1 theme:top .")) == []


def test_closed_vocabularies_come_from_rdflib() -> None:
    vocabularies = checks.closed_vocabularies()
    rdfs = vocabularies["http://www.w3.org/2000/01/rdf-schema#"]
    assert "subClassOf" in rdfs and "subClasOf" not in rdfs
    assert "class" in vocabularies["http://www.w3.org/ns/shacl#"]  # rdflib's _extras


# ---- labels and definitions -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("remove", "missing"),
    [
        ((URIRef(UKG + "Thing"), RDFS.label, Literal("Sak", lang="sv")), "rdfs:label@sv"),
        (
            (URIRef(UKG + "Thing"), SKOS.definition, Literal("A thing.", lang="en")),
            "skos:definition@en",
        ),
        ((URIRef(THEME + "sub"), SKOS.prefLabel, Literal("Ala", lang="fi")), "skos:prefLabel@fi"),
        (
            (URIRef(THEME + "sub"), SKOS.definition, Literal("A sub-theme.", lang="en")),
            "skos:definition@en",
        ),
        (
            (URIRef(SDG + "11.3"), SKOS.prefLabel, Literal("Target 11.3", lang="en")),
            "skos:prefLabel@en",
        ),
        (
            (URIRef("https://w3id.org/urbankg/def"), DCTERMS.title, Literal("Titel", lang="sv")),
            "dct:title@sv",
        ),
    ],
)
def test_missing_labels_are_caught(remove: tuple[URIRef, URIRef, Literal], missing: str) -> None:
    assert checks.missing_labels(planted(remove=remove)) == [(remove[0], missing)]


def test_duplicate_labels_are_caught() -> None:
    graph = planted('theme:top skos:prefLabel "Toinen"@fi .')
    assert checks.duplicate_labels(graph) == [(URIRef(THEME + "top"), SKOS.prefLabel, "fi")]


def test_unexpected_languages_are_caught() -> None:
    graph = planted('theme:top skos:altLabel "Oben"@de .')
    assert checks.unexpected_languages(graph) == [(URIRef(THEME + "top"), SKOS.altLabel, "Oben")]


# ---- SKOS structure -------------------------------------------------------------------------

TOP = URIRef(THEME + "top")
SUB = URIRef(THEME + "sub")
SCHEME = URIRef("https://w3id.org/urbankg/def/theme")


@pytest.mark.parametrize(
    ("extra", "remove", "expected"),
    [
        ("", (SUB, SKOS.inScheme, SCHEME), {(SUB, "no skos:inScheme")}),
        ("", (TOP, SKOS.narrower, SUB), {(SUB, "skos:broader without skos:narrower")}),
        (
            "",
            (SCHEME, SKOS.hasTopConcept, TOP),
            {(TOP, "skos:topConceptOf without skos:hasTopConcept")},
        ),
        (
            "",
            (SUB, SKOS.broader, TOP),
            {
                (SUB, "neither a top concept nor narrower than another"),
                (SUB, "skos:narrower without skos:broader"),
            },
        ),
        (
            'theme:sub skos:notation "other" .',
            None,
            {(SUB, "more than one skos:notation")},
        ),
        (
            "",
            (SUB, SKOS.notation, Literal("sub")),
            {(SUB, "no skos:notation equal to the last segment of its IRI")},
        ),
    ],
)
def test_skos_defects_are_caught(
    extra: str, remove: tuple[URIRef, URIRef, object] | None, expected: set[tuple[URIRef, str]]
) -> None:
    assert set(checks.skos_defects(planted(extra, remove))) == expected


def test_sdg_iris_lists_goals_and_targets_but_not_the_sdg_ontology() -> None:
    assert checks.sdg_iris(planted()) == {URIRef(SDG + "11"), URIRef(SDG + "11.3")}
