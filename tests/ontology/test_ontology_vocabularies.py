"""The SKOS vocabularies hold exactly the slugs and hierarchy of docs/model.md."""

from __future__ import annotations

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from urbankg.namespaces import FRAMEWORK, PTYPE, ROLE, SECTOR, THEME
from urbankg.tools.ontology_checks import SDGO_NS

DEF = "https://w3id.org/urbankg/def"

#: scheme → {slug: parent slug or None for a top concept}, as docs/model.md lists them.
EXPECTED: dict[str, dict[str, str | None]] = {
    "theme": {
        "low-carbon": None,
        "smart": None,
        "healthy": None,
        "social-sustainability": None,
        "segregation-prevention": "social-sustainability",
        "urban-green": "healthy",
        "sustainable-urban-planning": "low-carbon",
        "inclusive-participation": "social-sustainability",
        "resource-wisdom": "low-carbon",
        "sustainability-management": "smart",
        "sustainable-mobility": "low-carbon",
        "open-data": "smart",
    },
    "sector": {
        "public": None,
        "research": None,
        "business": None,
        "civil-society": None,
        **dict.fromkeys(
            [
                "city",
                "municipality",
                "city-unit",
                "city-region",
                "ministry",
                "state-agency",
                "state-body",
                "regional-council",
                "joint-municipal-authority",
            ],
            "public",
        ),
        **dict.fromkeys(
            [
                "university",
                "university-of-applied-sciences",
                "research-institute",
                "vocational-college",
            ],
            "research",
        ),
        **dict.fromkeys(["company", "state-owned-company", "city-owned-company"], "business"),
        **dict.fromkeys(
            ["association", "ngo", "foundation", "parish", "think-tank"], "civil-society"
        ),
    },
    "role": {
        "coordinator": None,
        "lead": "coordinator",
        "research-lead": "coordinator",
        "chair": "coordinator",
        "partner": None,
        **dict.fromkeys(
            [
                "co-implementer",
                "research-partner",
                "expert",
                "pilot-site",
                "state-party",
                "regional-party",
                "vice-chair",
            ],
            "partner",
        ),
        "participant": None,
        "member": "participant",
        "founding-member": "participant",
        "label-recipient": "participant",
        "implementer": None,
        "funder": None,
        "facilitator": None,
        "author": None,
        "publisher": "author",
        "applicant": None,
        "grantee": None,
        "managing-authority": None,
        "operator": None,
    },
    "project-type": dict.fromkeys(
        [
            "development-project",
            "challenge-cluster",
            "pilot",
            "network",
            "research-project",
            "strategy",
            "agreement",
            "cooperation-group",
            "local-review",
            "service",
            "label",
            "publication",
            "spearhead-project",
            "project",
        ]
    ),
    "framework": {"new-urban-agenda": None, "agenda-2030": None},
}


def _concepts(graph: Graph, scheme: URIRef) -> set[URIRef]:
    return {c for c in graph.subjects(SKOS.inScheme, scheme) if isinstance(c, URIRef)}


@pytest.mark.parametrize("scheme_slug", sorted(EXPECTED))
def test_scheme_holds_exactly_the_model_slugs_and_hierarchy(
    ontology: Graph, scheme_slug: str
) -> None:
    scheme = URIRef(f"{DEF}/{scheme_slug}")
    base = f"{DEF}/{scheme_slug}/"
    assert (scheme, RDF.type, SKOS.ConceptScheme) in ontology
    concepts = _concepts(ontology, scheme)
    assert {str(c).removeprefix(base) for c in concepts} == set(EXPECTED[scheme_slug])
    for slug, parent in EXPECTED[scheme_slug].items():
        concept = URIRef(base + slug)
        assert (concept, RDF.type, SKOS.Concept) in ontology
        assert ontology.value(concept, SKOS.notation) == Literal(slug)
        broader = set(ontology.objects(concept, SKOS.broader))
        if parent is None:
            assert (concept, SKOS.topConceptOf, scheme) in ontology, slug
            assert broader == set(), slug
        else:
            assert broader == {URIRef(base + parent)}, slug
            assert (concept, SKOS.topConceptOf, scheme) not in ontology, slug


def test_namespace_constants_match_the_scheme_iris() -> None:
    assert str(THEME) == f"{DEF}/theme/"
    assert str(SECTOR) == f"{DEF}/sector/"
    assert str(ROLE) == f"{DEF}/role/"
    assert str(PTYPE) == f"{DEF}/project-type/"
    assert str(FRAMEWORK) == f"{DEF}/framework/"


def _label(graph: Graph, concept: URIRef, lang: str) -> str:
    (label,) = [
        str(o)
        for o in graph.objects(concept, SKOS.prefLabel)
        if isinstance(o, Literal) and o.language == lang
    ]
    return label


def test_the_four_programme_themes_have_their_finnish_names(ontology: Graph) -> None:
    names = {
        slug: _label(ontology, THEME[slug], "fi").lower()
        for slug in ("low-carbon", "smart", "healthy", "social-sustainability")
    }
    assert names == {
        "low-carbon": "vähähiilisyys",
        "smart": "älykkyys",
        "healthy": "terveellisyys",
        "social-sustainability": "sosiaalinen kestävyys",
    }


def test_every_theme_maps_editorially_to_sdg_goals(ontology: Graph) -> None:
    goal = URIRef(SDGO_NS + "Goal")
    for theme in _concepts(ontology, URIRef(f"{DEF}/theme")):
        matches = set(ontology.objects(theme, SKOS.closeMatch))
        assert matches, f"{theme} has no skos:closeMatch to an SDG goal"
        for match in matches:
            assert (match, RDF.type, goal) in ontology, f"{theme} → {match} is not a goal"
    low_carbon = set(ontology.objects(THEME["low-carbon"], SKOS.closeMatch))
    assert low_carbon == {
        URIRef("http://metadata.un.org/sdg/7"),
        URIRef("http://metadata.un.org/sdg/13"),
    }


def test_close_matches_leave_only_themes(ontology: Graph) -> None:
    sources = {s for s, _, _ in ontology.triples((None, SKOS.closeMatch, None))}
    assert all(str(s).startswith(str(THEME)) for s in sources)


def test_theme_scheme_says_the_sdg_links_are_editorial(ontology: Graph) -> None:
    notes = list(ontology.objects(URIRef(f"{DEF}/theme"), SKOS.editorialNote))
    english = [n for n in notes if isinstance(n, Literal) and n.language == "en"]
    assert english
    assert "editorial" in str(english[0]) and "not assert" in str(english[0])


def test_sectors_have_exactly_two_levels(ontology: Graph) -> None:
    for concept in _concepts(ontology, URIRef(f"{DEF}/sector")):
        for parent in ontology.objects(concept, SKOS.broader):
            assert (parent, SKOS.broader, None) not in ontology, concept
