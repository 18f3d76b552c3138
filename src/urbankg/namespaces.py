"""RDF namespaces used by urbankg.

``UKG`` is a closed namespace (a typo raises ``AttributeError``); ``tests/test_namespaces.py``
checks that it lists exactly the terms the ontology declares. Regenerate it with
``python -m urbankg.tools.gen_namespace`` after changing the ontology.
"""

from __future__ import annotations

from rdflib import Namespace
from rdflib.namespace import DCTERMS, ORG, OWL, PROV, RDF, RDFS, SKOS, XSD

from urbankg._ukg import UKG

__all__ = [
    "CV",
    "DCAT",
    "DCTERMS",
    "DEF",
    "FRAMEWORK",
    "ORG",
    "OWL",
    "PREFIXES",
    "PROV",
    "PTYPE",
    "RDF",
    "RDFS",
    "ROLE",
    "SCHEMA",
    "SDG",
    "SECTOR",
    "SKOS",
    "THEME",
    "UKG",
    "XSD",
]

DEF = "https://w3id.org/urbankg/def"
THEME = Namespace(f"{DEF}/theme/")
SECTOR = Namespace(f"{DEF}/sector/")
ROLE = Namespace(f"{DEF}/role/")
PTYPE = Namespace(f"{DEF}/project-type/")
FRAMEWORK = Namespace(f"{DEF}/framework/")
SDG = Namespace("http://metadata.un.org/sdg/")
SCHEMA = Namespace("https://schema.org/")
CV = Namespace("http://data.europa.eu/m8g/")
DCAT = Namespace("http://www.w3.org/ns/dcat#")

#: Prefixes bound in every graph we serialise and preloaded in every query we run.
PREFIXES: dict[str, str] = {
    "ukg": str(UKG),
    "theme": str(THEME),
    "sector": str(SECTOR),
    "role": str(ROLE),
    "ptype": str(PTYPE),
    "framework": str(FRAMEWORK),
    "sdg": str(SDG),
    "dct": str(DCTERMS),
    "skos": str(SKOS),
    "org": str(ORG),
    "prov": str(PROV),
    "schema": str(SCHEMA),
    "cv": str(CV),
    "rdf": str(RDF),
    "rdfs": str(RDFS),
    "owl": str(OWL),
    "xsd": str(XSD),
}
